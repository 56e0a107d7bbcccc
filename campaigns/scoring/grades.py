"""Grades (xếp loại A/B/C/D) by the sheet's rules, with the reason for each unit's grade.

Rules are tried best grade first. A unit gets the first grade whose points and target
conditions it meets while the grade's cap has room. Units tied on points are treated
alike: if a grade has fewer places left than tied units qualifying for it, none of them
gets it (the reason says so) and they are tried for the next grade. Each reason states the
grade's conditions as met and, when a better grade was missed, why.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.models import GradeRule, ScoreEntry, ScoreItem
from campaigns.scoring.formulas import MET, NEAR, figure, target_status
from campaigns.scoring.rows import RankRow

T = GradeRule.Targets


@dataclass
class TargetMark:
    """A unit's figure on a target criterion, and whether it meets the target."""

    item: ScoreItem
    actual: Decimal | None
    met: bool

    @property
    def text(self) -> str:
        measure = f" {self.item.measure}" if self.item.measure else ""
        return f"{figure(self.actual)}{measure}"

    @property
    def requirement(self) -> str:
        sign = "≥" if self.item.higher_is_better else "≤"
        measure = f" {self.item.measure}" if self.item.measure else ""
        return f"{sign} {figure(self.item.target)}{measure}"


def grade_rounds(by_round: dict[int, list[RankRow]]) -> None:
    """Fill ``targets``, ``grade``, ``grade_label`` and ``reason`` of every row."""
    sheet_ids = {row.sheet_id for rows in by_round.values() for row in rows}
    rules = defaultdict(list)
    for rule in GradeRule.objects.filter(sheet_id__in=sheet_ids).order_by("order", "-min_score"):
        rules[rule.sheet_id].append(rule)
    targets = defaultdict(list)
    for item in (
        ScoreItem.objects.filter(sheet_id__in=sheet_ids, kind=ScoreItem.Kind.CRITERION)
        .exclude(formula=ScoreItem.Formula.MANUAL)
        .order_by("order", "pk")
    ):
        targets[item.sheet_id].append(item)
    figures = {}
    if targets:
        figures = {
            (card, item): value
            for card, item, value in ScoreEntry.objects.filter(
                scorecard_id__in=[row.scorecard_id for rows in by_round.values() for row in rows],
                item_id__in=[i.pk for items in targets.values() for i in items],
            ).values_list("scorecard_id", "item_id", Coalesce("agreed_actual", "actual"))
        }
    for rows in by_round.values():
        for row in rows:
            row.targets = [
                TargetMark(item, actual, target_status(item, actual) == MET)
                for item in targets[row.sheet_id]
                for actual in [figures.get((row.scorecard_id, item.pk))]
            ]
        if rows:
            _grade(rows, rules[rows[0].sheet_id])


def _missed(row: RankRow, rule: GradeRule) -> list[TargetMark]:
    """Targets that keep the row from ``rule`` (none when the rule ignores targets)."""
    if rule.targets == T.ANY:
        return []
    allowed = (MET, NEAR) if rule.targets == T.NEAR_MISS else (MET,)
    margin = rule.near_miss_margin if rule.targets == T.NEAR_MISS else Decimal(0)
    return [m for m in row.targets if target_status(m.item, m.actual, margin) not in allowed]


def _qualifies(row: RankRow, rule: GradeRule) -> bool:
    return row.total >= rule.min_score and not _missed(row, rule)


def _why_not(row: RankRow, rule: GradeRule) -> str:
    if row.total < rule.min_score:
        return _("chưa đủ %(min)s điểm") % {"min": figure(rule.min_score)}
    missed = _missed(row, rule)
    return _("chưa đạt chỉ tiêu %(list)s") % {
        "list": "; ".join(f"“{m.item.name}” ({m.text}, yêu cầu {m.requirement})" for m in missed)
    }


def _why(row: RankRow, rule: GradeRule) -> str:
    text = _("%(total)s điểm (từ %(min)s)") % {
        "total": figure(row.total),
        "min": figure(rule.min_score),
    }
    if rule.targets == T.ANY or not row.targets:
        return text
    near = [m for m in row.targets if not m.met]
    if not near:
        return text + " " + _("và đạt cả %(n)s chỉ tiêu") % {"n": len(row.targets)}
    return (
        text
        + "; "
        + _("chỉ tiêu gần đạt: %(list)s")
        % {"list": "; ".join(f"“{m.item.name}” ({m.text}, yêu cầu {m.requirement})" for m in near)}
    )


def _grade(rows: list[RankRow], rules: list[GradeRule]) -> None:
    given = defaultdict(int)
    for _position, tie in groupby(rows, key=lambda r: r.position):
        pending = list(tie)
        missed: dict[int, str] = {}
        for rule in rules:
            qualified = [r for r in pending if _qualifies(r, rule)]
            for row in pending:
                if row not in qualified:
                    missed[row.scorecard_id] = _("Không xếp loại %(grade)s vì %(why)s.") % {
                        "grade": rule.grade,
                        "why": _why_not(row, rule),
                    }
            if not qualified:
                continue
            room = None if rule.cap is None else rule.cap - given[rule.grade]
            if room is not None and len(qualified) > room:
                note = _cap_note(rule, room, len(qualified))
                for row in qualified:
                    missed[row.scorecard_id] = note
                continue
            given[rule.grade] += len(qualified)
            for row in qualified:
                row.grade, row.grade_label = rule.grade, rule.label
                reason = _("Loại %(grade)s: %(why)s.") % {
                    "grade": rule.grade,
                    "why": _why(row, rule),
                }
                better = missed.get(row.scorecard_id)
                row.reason = f"{reason} {better}" if better else reason
            pending = [r for r in pending if r not in qualified]
            if not pending:
                break
        for row in pending:
            row.reason = missed.get(row.scorecard_id) or _("Chưa có quy tắc xếp loại.")


def _cap_note(rule: GradeRule, room: int, tied: int) -> str:
    if room <= 0 or tied == 1:
        return _("Không xếp loại %(grade)s vì loại %(grade)s đã đủ %(cap)s đơn vị.") % {
            "grade": rule.grade,
            "cap": rule.cap,
        }
    return _(
        "Không xếp loại %(grade)s vì loại %(grade)s chỉ còn %(room)s suất mà có %(n)s đơn vị "
        "bằng điểm cùng đủ điều kiện."
    ) % {"grade": rule.grade, "room": room, "n": tied}
