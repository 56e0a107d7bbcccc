"""Public notice (lấy ý kiến công khai) of nominees before the council votes on them.

Awards whose rule has ``public_notice_days`` (orders, CSTĐ toàn quốc) are posted for that
many working days; ballots on the nominee are refused until the notice has ended.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Nominee, Proposal, PublicNotice
from awards.services._common import LEADER, STAFF, day, locked, require_role
from thidua.core import audit
from thidua.core.workdays import working_days_end

R = Nominee.Result


@transaction.atomic
def public_notice_start(
    *, nominee: Nominee, by, start: datetime.date | None = None, channel: str = ""
) -> PublicNotice:
    """Post a nominee for public comment for the working days its rule requires.

    Needed before the vote for awards whose rule has ``public_notice_days`` (orders,
    CSTĐ toàn quốc). Run by staff or leaders of the authority's unit.
    """
    nominee = locked(nominee, "proposal__authority_unit", "award", "person", "unit")
    proposal = nominee.proposal
    require_role(by, proposal.authority_unit, STAFF, LEADER, action=_("lấy ý kiến công khai"))
    if (
        proposal.status
        not in (
            Proposal.Status.FORWARDED,
            Proposal.Status.APPRAISED,
            Proposal.Status.ON_AGENDA,
        )
        or nominee.result != R.PENDING
    ):
        raise ValidationError(
            _("Chỉ lấy ý kiến công khai khi đề cử đang chờ Hội đồng xét."), code="state"
        )
    rule = nominee.award.rule_on(proposal.reference_date)
    days = rule.public_notice_days if rule else 0
    if not days:
        raise ValidationError(
            _("“%(award)s” không phải lấy ý kiến công khai.") % {"award": nominee.award},
            code="not_required",
        )
    start = start or timezone.localdate()
    current = nominee.notices.filter(ends_on__gte=start).first()
    if current is not None:
        raise ValidationError(
            _("%(subject)s đang được lấy ý kiến công khai đến hết ngày %(end)s.")
            % {"subject": nominee.subject, "end": day(current.ends_on)},
            code="duplicate",
        )
    notice = PublicNotice.objects.create(
        nominee=nominee,
        start=start,
        working_days=days,
        ends_on=working_days_end(start, days),
        channel=(channel or "").strip()[:255],
        created_by=by,
    )
    audit.record(
        obj=proposal,
        by=by,
        action="public_notice",
        from_state=proposal.status,
        to_state=proposal.status,
        comment=_("%(nominee)s: %(start)s – %(end)s")
        % {"nominee": nominee, "start": day(notice.start), "end": day(notice.ends_on)},
        unit=proposal.authority_unit,
    )
    return notice
