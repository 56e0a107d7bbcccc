"""Verdicts follow the rules: re-checking nominees, on demand and when what they read changes.

A nominee's verdict is a snapshot (``Nominee.eligibility``, ``verdict_at``, ``verdict_rule``).
It is computed again:

- on demand, "Kiểm tra lại" on one nominee or a whole proposal (``nominee_recheck``,
  ``proposal_recheck``), audited;
- automatically, when a rule version, a rating, a discipline or a conferment it depends on
  changes: ``nominees_mark_stale`` flags the affected nominees in the same transaction (one
  UPDATE), and after the commit small proposals are recomputed at once and large ones
  (more than ``VERDICT_INLINE_MAX`` nominees) by the worker (``recheck_verdicts`` task).

Only until the council has voted (``Nominee.verdict_frozen``): the snapshot it voted on
stays as it was; the page compares it with a fresh evaluation instead (``verdict_changes``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from awards.catalogue.models import AwardRule, RulePrerequisite
from awards.eligibility import Verdict
from awards.models import Conferment, Nominee, Proposal
from awards.models.jobs import ACTIVE, DONE, FAILED, QUEUED, RUNNING, Job
from awards.services._common import LEADER, STAFF, locked, require_role
from awards.services.nominees import VERDICT_FIELDS, apply_verdict, fresh_verdicts
from thidua.core import audit
from units.access import has_role
from units.models import Discipline, Person, QualityRating, Review

DEFAULT_INLINE_MAX = 50
JOB_KIND = "verdicts"


def inline_max() -> int:
    """Up to this many nominees a proposal is re-checked in the request, above by the worker."""
    return int(getattr(settings, "VERDICT_INLINE_MAX", DEFAULT_INLINE_MAX))


def live_nominees() -> QuerySet:
    """Nominees whose verdict still follows the rules: not voted on, not withdrawn."""
    return Nominee.objects.filter(result=Nominee.Result.PENDING).exclude(
        proposal__status__in=Proposal.VOTED_STATES
    )


# --- What changed → which nominees ---------------------------------------------------------


def _ancestors(paths) -> set[int]:
    return {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}


def nominees_mark_stale(*, awards=(), people=(), units=()) -> int:
    """Flag the live nominees that read what changed; return how many were flagged.

    ``awards``: a rule version of these awards changed (its nominees). ``people``: a
    rating, discipline or conferment of these people changed (their own nominees, and the
    collective nominees of their unit and the units above it, whose rules count members).
    ``units``: a conferment of these collectives changed (their collective nominees).
    Call it inside the change's transaction (the import of history does, for its batch);
    the recomputation runs after the commit. Two queries, three with ``people``.
    """
    condition = Q()
    award_ids = {getattr(a, "pk", a) for a in awards}
    if award_ids:
        condition |= Q(award_id__in=award_ids)
    person_ids = {getattr(p, "pk", p) for p in people}
    if person_ids:
        paths = Person.objects.filter(pk__in=person_ids).values_list("unit__path", flat=True)
        condition |= Q(person_id__in=person_ids)
        condition |= Q(person__isnull=True, unit_id__in=_ancestors(p for p in paths if p))
    unit_ids = {getattr(u, "pk", u) for u in units}
    if unit_ids:
        condition |= Q(person__isnull=True, unit_id__in=unit_ids)
    if not condition:
        return 0
    rows = live_nominees().filter(condition)
    proposals = set(rows.values_list("proposal_id", flat=True).distinct())
    if not proposals:
        return 0
    count = Nominee.objects.filter(pk__in=rows.values("pk")).update(verdict_stale=True)
    transaction.on_commit(lambda: recompute_later(proposals))
    return count


def recompute_later(proposal_ids) -> None:
    """After the commit: small proposals now, large ones by the worker."""
    for proposal in Proposal.objects.filter(pk__in=proposal_ids).order_by("pk"):
        size = live_nominees().filter(proposal=proposal).count()
        if size > inline_max():
            start_job(proposal)
            continue
        result = verdicts_recompute(proposal=proposal)
        if result.changed:
            _record(proposal, None, "verdict_refresh", result.summary())


def on_rule_change(sender, instance, **kwargs) -> None:
    """A rule version (or one of its prerequisites) was saved or deleted."""
    if isinstance(instance, RulePrerequisite):  # its rule may be gone (a cascade)
        awards = list(AwardRule.objects.filter(pk=instance.rule_id).values_list("award_id"))
        nominees_mark_stale(awards=[award_id for (award_id,) in awards])
    else:
        nominees_mark_stale(awards=[instance.award_id])


def on_record_change(sender, instance, **kwargs) -> None:
    """A rating, discipline, review or conferment was saved or deleted."""
    person_id = getattr(instance, "person_id", None)
    if person_id:
        nominees_mark_stale(people=[person_id])
    elif getattr(instance, "unit_id", None):
        nominees_mark_stale(units=[instance.unit_id])


def connect_signals() -> None:
    """Called once by ``AwardsConfig.ready``. Bulk writes send no signal: their services
    (decisions, the history import) call ``nominees_mark_stale`` themselves."""
    for model in (AwardRule, RulePrerequisite):
        post_save.connect(on_rule_change, sender=model, dispatch_uid=f"verdicts-{model.__name__}")
        post_delete.connect(
            on_rule_change, sender=model, dispatch_uid=f"verdicts-del-{model.__name__}"
        )
    for model in (QualityRating, Discipline, Review, Conferment):
        post_save.connect(on_record_change, sender=model, dispatch_uid=f"verdicts-{model.__name__}")
        post_delete.connect(
            on_record_change, sender=model, dispatch_uid=f"verdicts-del-{model.__name__}"
        )


# --- Recomputing -------------------------------------------------------------------------


@dataclass
class Recheck:
    """What a re-check did: nominees re-evaluated, those whose verdict changed (with the
    old label), or the background job that will do it."""

    checked: int = 0
    changed: list[tuple[Nominee, str]] = field(default_factory=list)
    job: Job | None = None

    def summary(self) -> str:
        if self.job is not None:
            return _("Đang kiểm tra lại điều kiện của %(n)s đề cử trong nền.") % {"n": self.checked}
        text = _("Đã kiểm tra lại %(n)s đề cử, %(m)s thay đổi kết quả.") % {
            "n": self.checked,
            "m": len(self.changed),
        }
        details = [
            f"{nominee.subject}: {old} → {nominee.get_verdict_display()}"
            for nominee, old in self.changed
        ]
        return " ".join([text, *details])


@transaction.atomic
def verdicts_recompute(*, proposal: Proposal, nominees=None, only_stale: bool = True) -> Recheck:
    """Evaluate again the live nominees of ``proposal`` (the stale ones by default, or
    ``nominees``) with today's rules and records, and store their snapshots."""
    rows = live_nominees().filter(proposal=proposal).select_related("award", "person", "unit")
    if nominees is not None:
        rows = rows.filter(pk__in=[getattr(n, "pk", n) for n in nominees])
    elif only_stale:
        rows = rows.filter(verdict_stale=True)
    found = list(rows.select_for_update(of=("self",)).order_by("pk"))
    if not found:
        return Recheck()
    before = {n.pk: (n.verdict, n.get_verdict_display()) for n in found}
    verdicts = fresh_verdicts(proposal, found)
    for nominee in found:
        apply_verdict(nominee, verdicts[nominee.pk])
    Nominee.objects.bulk_update(found, VERDICT_FIELDS)
    changed = [(n, before[n.pk][1]) for n in found if n.verdict != before[n.pk][0]]
    return Recheck(checked=len(found), changed=changed)


def _check_recheck(proposal: Proposal, by) -> None:
    if not (
        has_role(by, proposal.proposing_unit, STAFF, LEADER)
        or has_role(by, proposal.authority_unit, STAFF, LEADER)
    ):
        require_role(by, proposal.handling_unit, STAFF, LEADER, action=_("kiểm tra lại đề cử"))
    if proposal.status in Proposal.VOTED_STATES:
        raise ValidationError(
            _(
                "Hội đồng đã bỏ phiếu: kết quả kiểm tra điều kiện Hội đồng đã xét được giữ "
                "nguyên; trang đề nghị cho thấy khác biệt so với quy định hiện hành."
            ),
            code="voted",
        )


def _record(proposal: Proposal, by, action: str, comment: str) -> None:
    audit.record(
        obj=proposal,
        by=by,
        action=action,
        from_state=proposal.status,
        to_state=proposal.status,
        comment=comment,
        unit=proposal.handling_unit,
    )


@transaction.atomic
def proposal_recheck(*, proposal: Proposal, by) -> Recheck:
    """ "Kiểm tra lại": every live nominee of the proposal against the current rules and
    history; in the request up to ``inline_max()`` nominees, else by the worker. Staff or
    leaders of the proposing unit or of the authority's unit; audited."""
    proposal = locked(proposal, "proposing_unit", "authority_unit")
    _check_recheck(proposal, by)
    rows = live_nominees().filter(proposal=proposal)
    size = rows.count()
    if not size:
        raise ValidationError(
            _("Không còn đề cử nào chờ Hội đồng xét để kiểm tra lại."), code="empty"
        )
    if size > inline_max():
        rows.update(verdict_stale=True)
        result = Recheck(checked=size, job=start_job(proposal, on_commit=True))
    else:
        result = verdicts_recompute(proposal=proposal, only_stale=False)
    _record(proposal, by, "verdict_recheck", result.summary())
    return result


@transaction.atomic
def nominee_recheck(*, nominee: Nominee, by) -> Recheck:
    """ "Kiểm tra lại" one nominee; refused once the council has voted on it. Audited."""
    proposal = locked(nominee.proposal, "proposing_unit", "authority_unit")
    _check_recheck(proposal, by)
    if not live_nominees().filter(pk=nominee.pk).exists():
        raise ValidationError(
            _("%(subject)s đã có kết quả xét; kết quả kiểm tra điều kiện được giữ nguyên.")
            % {"subject": nominee.subject},
            code="voted",
        )
    result = verdicts_recompute(proposal=proposal, nominees=[nominee])
    _record(proposal, by, "verdict_recheck", result.summary())
    return result


# --- The snapshot the council voted on vs today's rules ------------------------------------


@dataclass
class VerdictChange:
    """A voted nominee's snapshot compared with a fresh evaluation."""

    status_label: str
    citation: str
    messages: list[str]  # blocking and warning reasons today that the snapshot did not have
    same: bool


def verdict_changes(proposal: Proposal, nominees: list[Nominee]) -> dict[int, VerdictChange]:
    """For the frozen (voted) nominees: how today's rules and records would judge them.

    One engine call per award of the proposal (a fixed number of queries for any number of
    nominees); nothing is saved.
    """
    # Once conferred (or withdrawn, revoked…) a fresh evaluation would only find the award
    # itself: compared are the nominees the council voted on and nobody has decided yet.
    waiting = (Nominee.Result.PENDING, Nominee.Result.PASSED, Nominee.Result.FAILED)
    frozen = [n for n in nominees if n.verdict_frozen and n.result in waiting]
    if not frozen:
        return {}
    changes = {}
    verdicts = fresh_verdicts(proposal, frozen)
    for nominee in frozen:
        verdict: Verdict = verdicts[nominee.pk]
        before = {c["message"] for c in nominee.checks if c["status"] != "pass"}
        now = [c.message for c in verdict.checks if c.status != "pass"]
        same = verdict.status == nominee.verdict and set(now) == before
        changes[nominee.pk] = VerdictChange(
            status_label=verdict.status_label,
            citation=verdict.citation,
            messages=[m for m in now if m not in before],
            same=same,
        )
    return changes


# --- The background job -------------------------------------------------------------------


def job_key(proposal: Proposal) -> str:
    return f"verdicts-{proposal.pk}"


def start_job(proposal: Proposal, *, on_commit: bool = False) -> Job:
    """The worker's job re-checking the proposal's stale nominees: the queued one if there
    is one (it will see the nominees flagged since), else a new attempt."""
    key = job_key(proposal)
    current = Job.objects.filter(key=key).order_by("-attempt").first()
    if current is not None and current.status == QUEUED:
        return current
    job = Job(
        key=key,
        attempt=current.attempt + 1 if current else 1,
        kind=JOB_KIND,
        params={"proposal": proposal.pk},
        stage=_("Đang chờ kiểm tra lại điều kiện"),
    )
    try:
        with transaction.atomic():
            job.save(force_insert=True)
    except IntegrityError:
        return Job.objects.filter(key=key).order_by("-attempt").first() or job

    def enqueue():
        try:
            result = recheck_verdicts.enqueue(key=key, attempt=job.attempt)
        except Exception as error:  # the backend is down: the job says so on the page
            Job.objects.filter(pk=job.pk).update(status=FAILED, error=str(error))
        else:
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    if on_commit:
        transaction.on_commit(enqueue)
    else:
        enqueue()
    return job


def verdict_job(proposal: Proposal) -> Job | None:
    """The proposal's latest re-check job while it is queued or running (for the page)."""
    job = Job.objects.filter(key=job_key(proposal)).order_by("-attempt").first()
    return job if job is not None and job.status in ACTIVE else None


@task()
def recheck_verdicts(*, key: str, attempt: int) -> int:
    """The worker's side: recompute the stale live nominees of the job's proposal."""
    job = Job.objects.get(key=key, attempt=attempt)
    Job.objects.filter(pk=job.pk).update(status=RUNNING, updated=timezone.now())
    try:
        proposal = Proposal.objects.get(pk=job.params["proposal"])
        result = verdicts_recompute(proposal=proposal)
        if result.changed:
            _record(proposal, None, "verdict_refresh", result.summary())
    except Exception as error:
        Job.objects.filter(pk=job.pk).update(
            status=FAILED, error=str(error) or error.__class__.__name__, updated=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(
        status=DONE,
        done=result.checked,
        total=result.checked,
        stage=_("Hoàn thành"),
        updated=timezone.now(),
    )
    return result.checked


__all__ = [
    "Recheck",
    "VerdictChange",
    "inline_max",
    "live_nominees",
    "nominee_recheck",
    "nominees_mark_stale",
    "proposal_recheck",
    "recheck_verdicts",
    "start_job",
    "verdict_changes",
    "verdict_job",
    "verdicts_recompute",
]
