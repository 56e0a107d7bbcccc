"""Handing proposals to the TĐKT office's specialists (giao chuyên viên thụ lý).

Only the office (admins) assigns; the specialist must hold the admin role on the unit where
the proposal is considered. Assigning a proposal someone holds hands it over in the same
step. Each hand-over is written to the proposal's audit history: who assigned it, to whom,
from whom, when.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.desk.selectors import ON_THE_DESK, specialists
from awards.models import Proposal
from awards.services._common import stale
from thidua.core import audit
from units.access import is_admin


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _refusal(proposal: Proposal, to, allowed: set[int]) -> str:
    if proposal.status not in ON_THE_DESK:
        return _(
            "Đề nghị “%(title)s” đang ở trạng thái “%(state)s”: chỉ giao được đề nghị đã gửi "
            "đến, chờ thẩm định."
        ) % {"title": proposal.title, "state": proposal.get_status_display()}
    if to.pk not in allowed:
        return _(
            "%(user)s không phải chuyên viên Văn phòng Thi đua – Khen thưởng của %(unit)s, "
            "nơi xét đề nghị “%(title)s”."
        ) % {"user": person_name(to), "unit": proposal.authority_unit, "title": proposal.title}
    return ""


@transaction.atomic
def proposals_assign(*, proposals: Iterable[Proposal], by, to) -> int:
    """Give ``proposals`` (waiting for appraisal) to the specialist ``to``, all or none.

    A proposal another specialist holds is handed over; one ``to`` holds already is left as
    it is. Returns how many changed hands.
    """
    if not is_admin(by):
        raise ValidationError(
            _("Chỉ Văn phòng Thi đua – Khen thưởng giao đề nghị cho chuyên viên."), code="role"
        )
    if to is None:
        raise ValidationError(_("Chọn chuyên viên thụ lý."), code="assignee")
    ids = sorted({p.pk for p in proposals})
    if not ids:
        raise ValidationError(_("Chọn ít nhất một đề nghị để giao."), code="empty")
    rows = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("authority_unit", "assignee")
        .order_by("pk")
    )
    if len(rows) != len(ids):
        raise stale(Proposal())
    allowed_by_unit: dict[int, set[int]] = {}
    for proposal in rows:
        unit = proposal.authority_unit
        if unit.pk not in allowed_by_unit:
            allowed_by_unit[unit.pk] = set(specialists(unit=unit).values_list("pk", flat=True))
    problems = [
        p for p in (_refusal(r, to, allowed_by_unit[r.authority_unit_id]) for r in rows) if p
    ]
    if problems:
        raise ValidationError(problems, code="refused")
    changing = [p for p in rows if p.assignee_id != to.pk]
    for proposal in changing:
        if proposal.assignee is None:
            comment = _("Giao %(to)s thụ lý.") % {"to": person_name(to)}
        else:
            comment = _("Chuyển từ %(before)s sang %(to)s thụ lý.") % {
                "before": person_name(proposal.assignee),
                "to": person_name(to),
            }
        audit.record(
            obj=proposal,
            by=by,
            action="assign",
            from_state=proposal.status,
            to_state=proposal.status,
            comment=comment,
            unit=proposal.authority_unit,
        )
    Proposal.objects.filter(pk__in=[p.pk for p in changing]).update(
        assignee=to, assigned_at=timezone.now()
    )
    return len(changing)


def proposal_assign(*, proposal: Proposal, by, to) -> bool:
    """Give one proposal to the specialist ``to``; False when ``to`` holds it already."""
    return bool(proposals_assign(proposals=[proposal], by=by, to=to))
