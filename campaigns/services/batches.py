"""Many registration lines in one step: a leader's review of the ticked lines, and sending
every draft of a unit with its sub-units, or of a grouping's members (after an import).

Each line goes through the same workflow transition as one by one (``REGISTRATION_WORKFLOW``:
states, roles, guards, the audit entry and so the line's history), inside one transaction:
when any line is refused, every refusal is reported with the line it concerns and nothing
is changed.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.models import Campaign, Registration
from campaigns.rules import submission_refusal, year_refusal
from campaigns.scope import led_memberships
from campaigns.workflow import LEADER, REGISTRATION_WORKFLOW, STAFF
from units.access import has_role, is_admin, restrict, under
from units.models import Cluster, ClusterMembership, Unit

REVIEW_ACTIONS = ("accept", "return")


def line_label(registration: Registration) -> str:
    """How a message names a line: the person (or the unit itself) and the award."""
    who = (
        registration.person.full_name
        if registration.person_id
        else _("Tập thể %(unit)s") % {"unit": registration.unit.name}
    )
    return f"{who} – {registration.award.name}"


def _apply_all(lines: list[Registration], name: str, *, by, comment: str = "") -> dict:
    """Apply ``name`` to every line; the refused lines, each with its messages naming it."""
    refusals = {}
    for line in lines:
        try:
            REGISTRATION_WORKFLOW.apply(line, name, by=by, comment=comment)
        except ValidationError as error:
            refusals[line.pk] = [f"{line_label(line)}: {message}" for message in error.messages]
    return refusals


def _refused(header: str, refusals: dict) -> ValidationError:
    return ValidationError(
        [header, *(message for messages in refusals.values() for message in messages)],
        code="refused",
    )


@transaction.atomic
def registrations_review(
    *, by, campaign: Campaign, ids: list[int], action: str, comment: str = ""
) -> list[Registration]:
    """Accept or return (with ``comment``, written on each line) the lines ``ids`` of
    ``campaign`` that ``by`` sees: all of them, or on any refusal none."""
    if action not in REVIEW_ACTIONS:
        raise ValidationError(_("Thao tác không hợp lệ."), code="unknown")
    if not ids:
        raise ValidationError(_("Chưa chọn dòng đăng ký nào."), code="empty")
    comment = (comment or "").strip()
    if action == "return" and not comment:
        raise ValidationError(
            _("Cần ghi lý do trả lại; lý do được ghi cho từng dòng đã chọn."), code="comment"
        )
    found = restrict(
        Registration.objects.filter(campaign=campaign, pk__in=ids).select_related(
            "campaign", "award", "unit", "person"
        ),
        by,
    )
    by_id = {line.pk: line for line in found}
    missing = len([pk for pk in ids if pk not in by_id])
    if missing:
        raise ValidationError(
            ngettext(
                "Chưa xử lý dòng nào: %(n)s dòng đã chọn không còn, không thuộc phong trào này "
                "hoặc nằm ngoài phạm vi của bạn; vui lòng tải lại trang.",
                "Chưa xử lý dòng nào: %(n)s dòng đã chọn không còn, không thuộc phong trào này "
                "hoặc nằm ngoài phạm vi của bạn; vui lòng tải lại trang.",
                missing,
            )
            % {"n": missing},
            code="missing",
        )
    lines = [by_id[pk] for pk in ids]
    refusals = _apply_all(lines, action, by=by, comment=comment)
    if refusals:
        verb = REGISTRATION_WORKFLOW.get(action).label.lower()
        header = ngettext(
            "Chưa %(action)s dòng nào: %(n)s trong %(total)s dòng đã chọn không %(action)s được.",
            "Chưa %(action)s dòng nào: %(n)s trong %(total)s dòng đã chọn không %(action)s được.",
            len(refusals),
        ) % {"action": verb, "n": len(refusals), "total": len(lines)}
        raise _refused(header, refusals)
    return lines


# --- Sending drafts -------------------------------------------------------------------------


@dataclass
class DraftsPlan:
    """What "send all drafts" would send: the number of draft lines of each unit (tree
    order), or why the user may not send them (``refusal``)."""

    rows: list[dict] = field(default_factory=list)
    refusal: str = ""
    code: str = ""

    @property
    def total(self) -> int:
        return sum(row["n"] for row in self.rows)


def _unit_refusal(by, unit: Unit) -> str:
    if has_role(by, unit, STAFF, LEADER):
        return ""
    return _(
        "Chỉ cán bộ, lãnh đạo của %(unit)s hoặc của đơn vị cấp trên gửi được đăng ký nháp của "
        "đơn vị và các đơn vị trực thuộc."
    ) % {"unit": unit.name}


def _cluster_refusal(by, cluster: Cluster, year: int) -> str:
    if is_admin(by) or led_memberships(by, [year]).filter(cluster=cluster).exists():
        return ""
    return _(
        "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng %(cluster)s năm %(year)s gửi được đăng "
        "ký nháp của các đơn vị thành viên."
    ) % {"cluster": cluster.name, "year": year}


def _drafts(campaign: Campaign, year: int, unit: Unit | None, cluster: Cluster | None):
    queryset = Registration.objects.filter(
        campaign=campaign, year=year, status=Registration.Status.DRAFT
    )
    if unit is not None:
        return queryset.filter(under([unit.path], "unit__path"))
    members = ClusterMembership.objects.filter(cluster=cluster, year=year).values("unit_id")
    return queryset.filter(unit__in=members)


def _refusal(by, campaign, year, unit, cluster) -> tuple[str, str]:
    """Why ``by`` may not send these drafts now, with its code ("role", "year", "deadline")."""
    if (unit is None) == (cluster is None):
        raise TypeError("give a unit or a grouping")
    role = _unit_refusal(by, unit) if unit is not None else _cluster_refusal(by, cluster, year)
    if role:
        return role, "role"
    if reason := year_refusal(campaign, year):
        return reason, "year"
    if reason := submission_refusal(campaign, timezone.localdate()):
        return reason, "deadline"
    return "", ""


def drafts_plan(
    *, by, campaign: Campaign, year: int, unit: Unit | None = None, cluster: Cluster | None = None
) -> DraftsPlan:
    """The confirmation page's table: drafts by unit under ``unit`` (itself included) or of
    ``cluster``'s members in ``year``; two queries whatever their number."""
    refusal, code = _refusal(by, campaign, year, unit, cluster)
    if refusal:
        return DraftsPlan(refusal=refusal, code=code)
    rows = (
        _drafts(campaign, year, unit, cluster)
        .values("unit_id", "unit__name", "unit__path")
        .annotate(n=Count("pk"))
        .order_by("unit__path")
    )
    return DraftsPlan(rows=list(rows))


@transaction.atomic
def registrations_send_drafts(
    *,
    by,
    campaign: Campaign,
    year: int,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    expected: int | None = None,
) -> int:
    """Send every draft of ``campaign`` in ``year`` under ``unit`` (with its sub-units) or of
    ``cluster``'s members, each through the "submit" transition: all of them, or on any
    refusal none. ``expected`` is the number the user confirmed: if drafts were added or
    sent meanwhile, nothing is sent and the user is asked to look again."""
    refusal, code = _refusal(by, campaign, year, unit, cluster)
    if refusal:
        raise ValidationError(refusal, code=code)
    lines: list[Registration] = list(_ordered(_drafts(campaign, year, unit, cluster)))
    if not lines:
        raise ValidationError(_("Không có đăng ký nháp nào để gửi."), code="empty")
    if expected is not None and expected != len(lines):
        raise ValidationError(
            _(
                "Chưa gửi đăng ký nào: số đăng ký nháp đã thay đổi từ khi bạn mở trang (%(then)s "
                "→ %(now)s). Vui lòng xem lại rồi gửi."
            )
            % {"then": expected, "now": len(lines)},
            code="changed",
        )
    refusals = _apply_all(lines, "submit", by=by)
    if refusals:
        header = ngettext(
            "Chưa gửi đăng ký nào: %(n)s trong %(total)s dòng nháp không gửi được.",
            "Chưa gửi đăng ký nào: %(n)s trong %(total)s dòng nháp không gửi được.",
            len(refusals),
        ) % {"n": len(refusals), "total": len(lines)}
        raise _refused(header, refusals)
    return len(lines)


def _ordered(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("campaign", "award", "unit", "person").order_by(
        "unit__path", "pk"
    )
