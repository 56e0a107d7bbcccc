"""Nominees of a proposal: adding them with their explained verdict, overriding warnings.

The verdict comes from ``awards.eligibility`` and is stored on the nominee as a snapshot
(``Nominee.eligibility``): when it is added (a preview for the form) and again when the
proposal is submitted (the snapshot the dossier is sent with).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.conferring import check_may_confer
from awards.catalogue.models import Award
from awards.eligibility import Verdict, evaluate, evaluate_one
from awards.models import Nominee, Proposal
from awards.services._common import LEADER, STAFF, locked, require_role
from thidua.core import audit
from units.access import has_role
from units.models import ClusterMembership, Person, Unit

# Results under which a subject is still being proposed (so not proposable twice).
ALIVE = (Nominee.Result.PENDING, Nominee.Result.PASSED, Nominee.Result.CONFERRED)


def check_editable(proposal: Proposal, by) -> None:
    """Nominees and files change only while the proposing unit holds the proposal."""
    if not proposal.is_editable:
        raise ValidationError(
            _(
                "Đề nghị đang ở trạng thái “%(state)s”: không thể sửa đề cử hay hồ sơ. "
                "Chỉ sửa được khi đề nghị là nháp hoặc bị trả lại."
            )
            % {"state": proposal.get_status_display()},
            code="state",
        )
    require_role(by, proposal.proposing_unit, STAFF, LEADER, action=_("sửa đề nghị này"))


def snapshot(verdict: Verdict, at=None) -> dict:
    """The verdict as JSON: what the UI shows and what forwarding is judged on."""
    return {
        "status": verdict.status,
        "status_label": verdict.status_label,
        "on": verdict.on.isoformat(),
        "rule": verdict.rule.pk if verdict.rule else None,
        "citation": verdict.citation,
        "checks": [
            {"code": str(c.code), "status": str(c.status), "message": str(c.message)}
            for c in verdict.checks
        ],
        "evaluated_at": (at or timezone.now()).isoformat(),
    }


def _warnings(data: dict) -> list[str]:
    return sorted(c["message"] for c in data.get("checks", []) if c["status"] == "warn")


def apply_verdict(nominee: Nominee, verdict: Verdict) -> None:
    """Store ``verdict`` on the nominee (unsaved), with when and under which rule version
    it was computed; an override lapses if warnings change."""
    now = timezone.now()
    data = snapshot(verdict, now)
    if nominee.override_reason and (
        verdict.status != Nominee.Verdict.WARNINGS
        or _warnings(data) != _warnings(nominee.eligibility)
    ):
        nominee.override_reason, nominee.overridden_by, nominee.overridden_at = "", None, None
    nominee.verdict, nominee.eligibility = verdict.status, data
    nominee.verdict_at, nominee.verdict_rule = now, verdict.rule
    nominee.verdict_stale = False


VERDICT_FIELDS = [
    "verdict",
    "eligibility",
    "verdict_at",
    "verdict_rule",
    "verdict_stale",
    "override_reason",
    "overridden_by",
    "overridden_at",
]


def fresh_verdicts(proposal: Proposal, nominees: list[Nominee]) -> dict[int, Verdict]:
    """Nominee pk → its verdict under today's records and rules (nothing saved); one
    engine call per award, so the number of queries does not grow with the nominees."""
    by_award = defaultdict(list)
    for nominee in nominees:
        by_award[nominee.award_id].append(nominee)
    found = {}
    for group in by_award.values():
        verdicts = evaluate(
            award=group[0].award,
            subjects=[n.person_id or n.unit_id for n in group],
            year=proposal.year,
            on=proposal.reference_date,
        )
        for nominee in group:
            found[nominee.pk] = verdicts[nominee.person_id or nominee.unit_id]
    return found


def refresh_verdicts(proposal: Proposal, nominees: list[Nominee] | None = None) -> list[Nominee]:
    """Re-evaluate ``nominees`` (default: every active one), one engine call per award,
    and save their snapshots."""
    if nominees is None:
        nominees = list(
            proposal.nominees.exclude(result=Nominee.Result.WITHDRAWN).select_related("award")
        )
    verdicts = fresh_verdicts(proposal, nominees)
    for nominee in nominees:
        apply_verdict(nominee, verdicts[nominee.pk])
    Nominee.objects.bulk_update(nominees, VERDICT_FIELDS)
    return nominees


def _check_subject(proposal: Proposal, award: Award, person, unit) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn đúng một cá nhân hoặc một tập thể."), code="subject")
    if award.subject == Award.Subject.HOUSEHOLD:
        raise ValidationError(
            _("Chưa hỗ trợ đề nghị khen thưởng hộ gia đình trên hệ thống."), code="subject"
        )
    if award.subject == Award.Subject.INDIVIDUAL and person is None:
        raise ValidationError(
            _("“%(award)s” dành cho cá nhân; hãy chọn một cán bộ.") % {"award": award},
            code="subject",
        )
    if award.subject == Award.Subject.COLLECTIVE and unit is None:
        raise ValidationError(
            _("“%(award)s” dành cho tập thể; hãy chọn một đơn vị.") % {"award": award},
            code="subject",
        )
    # The proposal's authority must be one that may confer the award (TTLĐXS: the Minister
    # or the provincial Chairman), under the rules of the proposal's reference date.
    check_may_confer(award=award, authority=proposal.authority, on=proposal.reference_date)
    if not award.is_active:
        raise ValidationError(
            _("“%(award)s” không còn được sử dụng.") % {"award": award}, code="award"
        )
    subject_unit = person.unit if person is not None else unit
    if subject_unit is None or not (
        subject_unit.path.startswith(proposal.proposing_unit.path)
        or _grouping_member(proposal, subject_unit, person)
    ):
        raise ValidationError(
            _("%(subject)s không thuộc %(unit)s nên không đề nghị được ở đây.")
            % {"subject": person or unit, "unit": proposal.proposing_unit},
            code="scope",
        )


def _grouping_member(proposal: Proposal, unit, person) -> bool:
    """A grouping's proposal (made by its leader unit) may propose a member unit of that
    grouping in the proposal's year, as a collective."""
    return (
        proposal.cluster_id is not None
        and person is None
        and ClusterMembership.objects.filter(
            cluster=proposal.cluster_id, unit=unit, year=proposal.year
        ).exists()
    )


def _check_not_proposed(proposal: Proposal, award: Award, person, unit) -> None:
    """One achievement, one reward: the same subject, award and year in one live nominee."""
    same = Nominee.objects.filter(
        award=award, proposal__year=proposal.year, result__in=ALIVE
    ).select_related("proposal")
    same = same.filter(person=person) if person is not None else same.filter(unit=unit)
    other = same.first()
    if other is not None:
        raise ValidationError(
            _(
                "%(subject)s đã được đề nghị “%(award)s” năm %(year)s trong đề nghị "
                "“%(proposal)s” (%(state)s)."
            )
            % {
                "subject": person or unit,
                "award": award,
                "year": proposal.year,
                "proposal": other.proposal,
                "state": other.get_result_display().lower(),
            },
            code="duplicate",
        )


@transaction.atomic
def nominee_add(
    *,
    proposal: Proposal,
    by,
    award: Award,
    person: Person | None = None,
    unit: Unit | None = None,
    achievement: str = "",
) -> Nominee:
    """Add a person (individual award) or a collective (collective award) to a proposal.

    The subject must be in the proposing unit's subtree, the award of the proposal's
    authority, and not already proposed or conferred for that award and year. The
    eligibility verdict is computed at once and stored; a BLOCKED nominee can be added
    (the UI shows why) but the proposal will not be forwarded with it.
    """
    proposal = locked(proposal, "proposing_unit", "authority")
    check_editable(proposal, by)
    _check_subject(proposal, award, person, unit)
    _check_not_proposed(proposal, award, person, unit)
    nominee = Nominee(
        proposal=proposal, award=award, person=person, unit=unit, achievement=achievement.strip()
    )
    verdict = evaluate_one(
        award=award, subject=person or unit, year=proposal.year, on=proposal.reference_date
    )
    apply_verdict(nominee, verdict)
    try:
        with transaction.atomic():
            nominee.save()
    except IntegrityError:
        raise ValidationError(
            _("%(subject)s đã có trong đề nghị với hình thức này.") % {"subject": person or unit},
            code="duplicate",
        ) from None
    _record(nominee, by, "nominee_add", f"{nominee} ({nominee.get_verdict_display().lower()})")
    return nominee


@transaction.atomic
def nominee_update(*, nominee: Nominee, by, achievement: str) -> Nominee:
    """Change the achievement summary of a nominee of an editable proposal."""
    check_editable(locked(nominee.proposal, "proposing_unit"), by)
    nominee.achievement = achievement.strip()
    nominee.save(update_fields=["achievement"])
    _record(nominee, by, "nominee_update", str(nominee))
    return nominee


@transaction.atomic
def nominee_remove(*, nominee: Nominee, by) -> None:
    """Delete a nominee (and its reports) from an editable proposal."""
    proposal = locked(nominee.proposal, "proposing_unit")
    check_editable(proposal, by)
    text = str(nominee)
    nominee.delete()
    nominee.proposal = proposal
    _record(nominee, by, "nominee_remove", text)


@transaction.atomic
def nominee_override(*, nominee: Nominee, by, reason: str) -> Nominee:
    """A leader of the proposing unit proposes a nominee despite WARNING checks.

    The written reason stays on the nominee and in the audit log. BLOCKED checks
    (discipline, reviews, already rewarded, no rule) can never be overridden.
    """
    nominee = locked(nominee, "proposal__proposing_unit", "award", "person", "unit")
    proposal = nominee.proposal
    if proposal.status not in Proposal.AT_PROPOSER_STATES:
        raise ValidationError(
            _("Đề nghị đã gửi đi; không thể thay đổi ý kiến về điều kiện của đề cử."),
            code="state",
        )
    require_role(by, proposal.proposing_unit, LEADER, action=_("quyết định vẫn đề nghị"))
    if nominee.is_blocked:
        raise ValidationError(
            _("%(subject)s không đủ điều kiện bắt buộc; không thể vẫn đề nghị.")
            % {"subject": nominee.subject},
            code="blocked",
        )
    if nominee.verdict != Nominee.Verdict.WARNINGS:
        raise ValidationError(
            _("%(subject)s đủ điều kiện, không cần ghi lý do.") % {"subject": nominee.subject},
            code="eligible",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cần ghi rõ lý do vẫn đề nghị."), code="comment")
    nominee.override_reason, nominee.overridden_by = reason, by
    nominee.overridden_at = timezone.now()
    nominee.save(update_fields=["override_reason", "overridden_by", "overridden_at"])
    _record(nominee, by, "nominee_override", f"{nominee}: {reason}")
    return nominee


@transaction.atomic
def nominee_withdraw(*, nominee: Nominee, by, reason: str) -> Nominee:
    """Withdraw a nominee from a sent proposal before it is put on a council's agenda.

    A leader of the proposing unit, or staff/leaders of the authority's unit, may do it,
    with a reason; the proposal keeps at least one nominee.
    """
    nominee = locked(nominee, "proposal__proposing_unit", "proposal__authority_unit")
    proposal = nominee.proposal
    if proposal.status not in (Proposal.Status.FORWARDED, Proposal.Status.APPRAISED):
        raise ValidationError(
            _("Chỉ rút được đề cử khi đề nghị đang chờ thẩm định hoặc đã thẩm định."),
            code="state",
        )
    if not (
        has_role(by, proposal.proposing_unit, LEADER)
        or has_role(by, proposal.authority_unit, STAFF, LEADER)
    ):
        raise ValidationError(_("Bạn không có quyền rút đề cử này."), code="role")
    if not (reason or "").strip():
        raise ValidationError(_("Cần ghi rõ lý do rút đề cử."), code="comment")
    if nominee.result != Nominee.Result.PENDING:
        raise ValidationError(_("Đề cử đã có kết quả, không thể rút."), code="result")
    others = proposal.nominees.exclude(pk=nominee.pk).exclude(result=Nominee.Result.WITHDRAWN)
    if not others.exists():
        raise ValidationError(
            _("Không thể rút đề cử cuối cùng của đề nghị; hãy đề nghị trả lại hồ sơ."),
            code="last",
        )
    nominee.result = Nominee.Result.WITHDRAWN
    nominee.save(update_fields=["result"])
    _record(nominee, by, "nominee_withdraw", f"{nominee}: {reason.strip()}")
    return nominee


def _record(nominee: Nominee, by, action: str, comment: str) -> None:
    proposal = nominee.proposal
    audit.record(
        obj=proposal,
        by=by,
        action=action,
        from_state=proposal.status,
        to_state=proposal.status,
        comment=comment,
        unit=proposal.handling_unit,
    )
