"""Accepted registrations (đăng ký thi đua) become nominees of a draft award proposal.

The insertion is ``awards.services.nominee_add``: the same checks (subject in the
proposing unit's subtree, award of the proposal's authority, not proposed twice) and the
same eligibility verdict as a nominee added by hand. This module only picks the lines.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import Nominee, Proposal
from awards.selectors import registrations_for_proposal
from awards.services._common import notify
from awards.services.nominees import check_editable, nominee_add
from campaigns.models import Registration
from thidua.core import audit


@dataclass
class PrefillResult:
    added: list[Nominee] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "subject: why", one per line refused


def _achievement(registration: Registration) -> str:
    text = _("Đăng ký %(award)s năm %(year)s trong phong trào “%(campaign)s”.") % {
        "award": registration.award,
        "year": registration.year,
        "campaign": registration.campaign,
    }
    note = registration.note.strip()
    return f"{text}\n{note}" if note else text


@transaction.atomic
def registrations_to_proposal(*, by, proposal: Proposal, registrations) -> PrefillResult:
    """Add the ticked accepted registrations to an editable proposal, one nominee each.

    Only lines ``registrations_for_proposal`` offers are taken (any other id is refused);
    a line ``nominee_add`` refuses is reported and the others are still added.
    """
    check_editable(proposal, by)
    ids = [getattr(r, "pk", r) for r in registrations]
    if not ids:
        raise ValidationError(_("Chọn ít nhất một đăng ký để thêm vào đề nghị."), code="empty")
    offered = list(registrations_for_proposal(proposal).filter(pk__in=ids))
    result = PrefillResult()
    if len(offered) != len(set(ids)):
        result.refused.append(
            _(
                "Có đăng ký không còn phù hợp với đề nghị này "
                "(đã có trong đề nghị hoặc đã thay đổi)."
            )
        )
    for registration in offered:
        try:
            nominee = nominee_add(
                proposal=proposal,
                by=by,
                award=registration.award,
                person=registration.person,
                unit=None if registration.person_id else registration.unit,
                achievement=_achievement(registration),
            )
        except ValidationError as error:
            result.refused.append(f"{registration.subject}: {' '.join(error.messages)}")
        else:
            result.added.append(nominee)
    if result.added:
        audit.record(
            obj=proposal,
            by=by,
            action="registrations_add",
            from_state=proposal.status,
            to_state=proposal.status,
            comment=_("%(n)s đề cử từ đăng ký thi đua") % {"n": len(result.added)},
            unit=proposal.proposing_unit,
        )
    return result


def on_registration_reviewed(
    sender, *, registration: Registration, action: str, comment: str, **kw
):
    """Tell the registration's unit that its line was accepted or returned (with why)."""
    values = {"registration": registration, "reason": comment.strip()}
    if action == "accept":
        text = _("Đăng ký thi đua “%(registration)s” đã được duyệt.") % values
    else:
        text = _("Đăng ký thi đua “%(registration)s” bị trả lại: %(reason)s") % values
    link = reverse("campaigns:registration", args=[registration.pk])
    notify(unit=registration.unit, text=text, link=link)
