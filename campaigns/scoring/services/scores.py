"""Self-scoring (tự chấm) by a member unit and review (thẩm định) by the grouping.

Both save a whole scorecard at once, in a fixed number of queries: every row is checked
first, and on any bad row nothing is saved and each row's messages are raised in one
``ValidationError`` keyed by the item's id (messages name the criterion's code).
"""

import os
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Scorecard, ScoreEntry, ScoreItem, ScoringRound
from campaigns.scoring import signals
from campaigns.scoring.access import can_self_score, is_reviewer
from campaigns.scoring.formulas import figure, formula_score
from campaigns.scoring.rules import review_refusal, self_edit_refusal
from campaigns.scoring.services.rounds import member_refusal
from campaigns.scoring.services.uploads import release_held, validate_evidence
from campaigns.scoring.workflow import SCORECARD_WORKFLOW
from thidua.core import audit

K = ScoreItem.Kind


@dataclass
class SelfRow:
    """What the unit enters for one item; ``score`` is ignored on a target criterion,
    whose score follows from ``actual``."""

    item: ScoreItem
    score: Decimal | None = None
    actual: Decimal | None = None
    evidence: str = ""
    attachment: object = None
    remove_attachment: bool = False


@dataclass
class ReviewRow:
    item: ScoreItem
    agreed: Decimal | None = None
    agreed_actual: Decimal | None = None
    comment: str = ""


def scorecard_for(*, scoring_round: ScoringRound, unit) -> Scorecard:
    """The unit's scorecard in the round, made on first use if it joined after the round
    was opened; a unit outside the grouping is refused."""
    card = Scorecard.objects.filter(round=scoring_round, unit=unit).first()
    if card is not None:
        return card
    reason = member_refusal(scoring_round, unit)
    if reason:
        raise ValidationError(reason, code="member")
    try:
        with transaction.atomic():
            card = Scorecard.objects.create(round=scoring_round, unit=unit)
    except IntegrityError:
        card = Scorecard.objects.get(round=scoring_round, unit=unit)
    return card


def _score_problem(item: ScoreItem, value: Decimal | None, what: str) -> str:
    """A penalty item's score is the number of points deducted, entered (and stored) as a
    positive number: the forms read "−2" typed there as 2 before this check."""
    if value is None:
        return ""
    if value < 0:
        if item.kind == K.PENALTY:
            return _(
                "%(code)s: điểm trừ nhập số điểm bị trừ (số dương), ví dụ 2 để trừ 2 điểm."
            ) % {"code": item.code}
        return _("%(code)s: %(what)s không được âm.") % {"code": item.code, "what": what}
    if item.max_score is not None and value > item.max_score:
        return _("%(code)s: %(what)s %(value)s vượt điểm tối đa %(max)s của tiêu chí.") % {
            "code": item.code,
            "what": what,
            "value": figure(value),
            "max": figure(item.max_score),
        }
    return ""


def _figure_problem(item: ScoreItem, value: Decimal | None) -> str:
    if value is None:
        return ""
    if value < 0:
        return _("%(code)s: số liệu không được âm.") % {"code": item.code}
    if item.measure.strip() == "%" and value > 100:
        return _("%(code)s: tỷ lệ không thể vượt 100 %%.") % {"code": item.code}
    return ""


def _check_items(card: Scorecard, rows) -> dict[int, ScoreItem]:
    items = {i.pk: i for i in card.round.sheet.items.exclude(kind=K.GROUP)}
    for row in rows:
        if row.item.pk not in items:
            raise ValidationError(
                _("Tiêu chí “%(code)s” không thuộc bảng điểm của đợt này.")
                % {"code": row.item.code},
                code="item",
            )
    return items


def _locked(card: Scorecard) -> Scorecard:
    """The scorecard as stored now, locked to the end of the transaction (PostgreSQL)."""
    return (
        Scorecard.objects.select_for_update(of=("self",))
        .select_related("round__sheet", "round__cluster", "unit")
        .get(pk=card.pk)
    )


@transaction.atomic
def scorecard_save_self(
    *, by, scoring_round: ScoringRound, unit, rows: list[SelfRow], submit: bool = False
) -> Scorecard:
    """Save the unit's self-scores (and submit them for review when ``submit``)."""
    if not can_self_score(by, unit):
        raise ValidationError(
            _("Bạn không có quyền chấm điểm cho %(unit)s.") % {"unit": unit}, code="role"
        )
    card = _locked(scorecard_for(scoring_round=scoring_round, unit=unit))
    reason = self_edit_refusal(card)
    if reason:
        raise ValidationError(reason, code="state")
    _check_items(card, rows)
    errors, detected = {}, {}
    for row in rows:
        item = row.item
        problems = [
            _figure_problem(item, row.actual)
            if item.is_target
            else _score_problem(item, row.score, _("điểm tự chấm"))
        ]
        if row.attachment is not None:
            try:
                detected[item.pk] = validate_evidence(row.attachment)
            except ValidationError as error:
                problems.extend(f"{item.code}: {m}" for m in error.messages)
        problems = [p for p in problems if p]
        if problems:
            errors[str(item.pk)] = problems
    if errors:
        raise ValidationError(errors)
    entries = {e.item_id: e for e in card.entries.all()}
    stale_files = []
    for row in rows:
        entry = entries.get(row.item.pk)
        if entry is None:
            if _empty(row):
                continue  # nothing entered: no row, so the sheet does not count as in use
            entry = entries[row.item.pk] = ScoreEntry(scorecard=card, item=row.item)
        if row.item.is_target:
            entry.actual = row.actual
            entry.self_score = formula_score(row.item, row.actual)
        else:
            entry.self_score = row.score
        entry.evidence = (row.evidence or "").strip()
        if (row.remove_attachment or row.attachment is not None) and entry.attachment:
            stale_files.append((entry.attachment.storage, entry.attachment.name))
            entry.attachment, entry.attachment_name = "", ""
        if row.attachment is not None:
            entry.attachment_name = os.path.basename(row.attachment.name)[:255]
            name = f"{uuid.uuid4().hex}.{detected[row.item.pk]}"
            entry.attachment.save(name, row.attachment, save=False)
            held = getattr(row.attachment, "held_path", "")
            if held:  # kept from an earlier page with an error: now stored for good
                row.attachment.close()
                transaction.on_commit(lambda path=held: release_held(path))
    _store(entries.values(), ["self_score", "actual", "evidence", "attachment", "attachment_name"])
    for storage, name in stale_files:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    audit.record(
        obj=card,
        by=by,
        action="self_score",
        from_state=card.status,
        to_state=card.status,
        unit=card.unit,
    )
    if submit:
        SCORECARD_WORKFLOW.apply(card, "submit", by=by)
    return card


def _empty(row: SelfRow) -> bool:
    return (
        row.score is None
        and row.actual is None
        and not (row.evidence or "").strip()
        and row.attachment is None
    )


def _store(entries, fields: list[str]) -> None:
    entries = list(entries)
    new = [e for e in entries if e.pk is None]
    old = [e for e in entries if e.pk is not None]
    now = timezone.now()
    for entry in entries:
        entry.updated_at = now
    ScoreEntry.objects.bulk_create(new)
    ScoreEntry.objects.bulk_update(old, [*fields, "updated_at"])


@transaction.atomic
def scorecard_save_review(
    *, by, scorecard: Scorecard, rows: list[ReviewRow], finish: bool = False
) -> Scorecard:
    """Set agreed scores with comments; ``finish`` also completes the review.

    A criterion left empty keeps the self-score. An agreed score different from the
    self-score needs a comment, so the unit sees why.
    """
    card = _locked(scorecard)
    if not is_reviewer(by, card.round, card):
        raise ValidationError(
            _("Bạn không có quyền thẩm định phiếu chấm của %(unit)s.") % {"unit": card.unit},
            code="role",
        )
    reason = review_refusal(card)
    if reason:
        raise ValidationError(reason, code="state")
    _check_items(card, rows)
    entries = {e.item_id: e for e in card.entries.all()}
    errors = {}
    for row in rows:
        item, entry = row.item, entries.get(row.item.pk)
        if item.is_target:
            problem = _figure_problem(item, row.agreed_actual)
            agreed = formula_score(item, row.agreed_actual)
        else:
            problem = _score_problem(item, row.agreed, _("điểm thẩm định"))
            agreed = row.agreed
        own = entry.self_score if entry else None
        if not problem and agreed is not None and agreed != own and not row.comment.strip():
            problem = _("%(code)s: điểm thẩm định khác điểm tự chấm, cần ghi ý kiến.") % {
                "code": item.code
            }
        if problem:
            errors[str(item.pk)] = [problem]
    if errors:
        raise ValidationError(errors)
    for row in rows:
        entry = entries.get(row.item.pk) or ScoreEntry(scorecard=card, item=row.item)
        entries[row.item.pk] = entry
        if row.item.is_target:
            entry.agreed_actual = row.agreed_actual
            entry.agreed = formula_score(row.item, row.agreed_actual)
        else:
            entry.agreed = row.agreed
        entry.comment = row.comment.strip()
    _store(entries.values(), ["agreed", "agreed_actual", "comment"])
    audit.record(
        obj=card,
        by=by,
        action="review_scores",
        from_state=card.status,
        to_state=card.status,
        unit=card.unit,
    )
    if finish:
        scorecard_transition(by=by, scorecard=card, name="review")
    return card


@transaction.atomic
def scorecard_transition(*, by, scorecard: Scorecard, name: str, comment: str = ""):
    """Submit, return, review or reopen. Completing a review writes the kept self-scores
    as agreed, so the agreed sheet is explicit."""
    SCORECARD_WORKFLOW.apply(scorecard, name, by=by, comment=comment)
    if name == "review":
        entries = list(scorecard.entries.filter(agreed__isnull=True, self_score__isnull=False))
        for entry in entries:
            entry.agreed, entry.agreed_actual = entry.self_score, entry.actual
        ScoreEntry.objects.bulk_update(entries, ["agreed", "agreed_actual"])
        signals.send_on_commit(signals.scorecard_reviewed, Scorecard, scorecard=scorecard)
    elif name == "return":
        signals.send_on_commit(
            signals.scorecard_returned, Scorecard, scorecard=scorecard, reason=comment.strip()
        )
    return scorecard
