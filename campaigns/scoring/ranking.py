"""The ranking (xếp hạng) of every member of any number of rounds in one SQL aggregation.

Totals are the sum of agreed scores (a criterion the reviewer left empty keeps its
self-score) with penalty items subtracted; positions come from ``RANK()`` over each round,
so ties share a position and the next one is skipped ("1, 2, 2, 4"). Only scorecards sent
for review count; drafts have no place yet. Grades and their reasons are added by
``campaigns.scoring.grades`` from three more small queries (rules, targets, figures), so
ranking all groupings of the sector takes the same few queries as ranking one.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, Value, When, Window
from django.db.models.functions import Coalesce, Rank

from campaigns.models import Scorecard, ScoreItem, ScoringRound
from campaigns.scoring.grades import grade_rounds
from campaigns.scoring.rows import RankRow
from units.models import Unit

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=9, decimal_places=2))
PENALTY = ScoreItem.Kind.PENALTY


def _signed_sum(value) -> Sum:
    signed = Case(When(entries__item__kind=PENALTY, then=Value(Decimal(-1)) * value), default=value)
    return Coalesce(Sum(signed, output_field=DecimalField(max_digits=9, decimal_places=2)), ZERO)


def ranked_scorecards(round_ids):
    """Rows of (scorecard, round, unit, status, ``total``, ``self_total``, ``position``).

    Grouped by the scorecard's own narrow columns only: carrying the unit's columns
    through the aggregation made it three times slower on 60,000 entries.
    """
    agreed = Coalesce(F("entries__agreed"), F("entries__self_score"))
    return (
        Scorecard.objects.filter(round_id__in=round_ids, status__in=Scorecard.RANKED)
        .values("pk", "round_id", "unit_id", "status")
        .annotate(total=_signed_sum(agreed), self_total=_signed_sum(F("entries__self_score")))
        .annotate(position=Window(Rank(), partition_by=F("round_id"), order_by=F("total").desc()))
        .order_by("round_id", "position")
    )


def rank_rounds(round_ids, *, grades: bool = True) -> dict[int, list[RankRow]]:
    """Ranking rows of each round (by round id), best first, graded unless ``grades``
    is False. Three queries (totals, units, sheets), three more for the grades."""
    round_ids = list(round_ids)
    lines = list(ranked_scorecards(round_ids))
    if not lines:
        return {}
    units = Unit.objects.in_bulk({line["unit_id"] for line in lines})
    sheets = dict(ScoringRound.objects.filter(pk__in=round_ids).values_list("pk", "sheet_id"))
    by_round: dict[int, list[RankRow]] = defaultdict(list)
    for line in lines:
        by_round[line["round_id"]].append(
            RankRow(
                scorecard_id=line["pk"],
                round_id=line["round_id"],
                sheet_id=sheets[line["round_id"]],
                unit=units[line["unit_id"]],
                status=line["status"],
                total=line["total"],
                self_total=line["self_total"],
                position=line["position"],
            )
        )
    for rows in by_round.values():
        rows.sort(key=lambda row: (row.position, row.unit.name))
        counts = defaultdict(int)
        for row in rows:
            counts[row.position] += 1
        for row in rows:
            row.tied = counts[row.position] > 1
    if grades:
        grade_rounds(by_round)
    return dict(by_round)


def positions_text(rows: list[RankRow]) -> str:
    """ "1, 2, 2, 4": the positions as printed, ties visible."""
    return ", ".join(str(row.position) for row in rows)
