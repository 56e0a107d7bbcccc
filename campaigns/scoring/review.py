"""The review's table (bảng tổng hợp kết quả chấm điểm), shared by its Excel workbook and its
PDF: every ranked unit × every item of the sheet (group subtotals, criteria, bonus, the
penalty as a deduction), total, rank (ties marked) and grade.

It holds what the user may see: the ranking lines of ``selectors.round_page`` (the sheet's
visibility) and per-item scores only of the scorecards ``restrict`` lets the user see.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from campaigns.models import ScoreEntry, ScoreItem, ScoringRound
from campaigns.scoring import selectors
from units.access import restrict

K = ScoreItem.Kind


@dataclass
class Line:
    """One ranked unit: its ranking row and its points per item (None: not shown)."""

    rank: object
    values: list = field(default_factory=list)


@dataclass
class ReviewTable:
    page: dict  # selectors.round_page
    nodes: list  # selectors.sheet_tree: the columns
    lines: list[Line]


def column_label(item: ScoreItem) -> str:
    """The item's code, "(+)" after a bonus and "(−)" after a penalty."""
    if item.kind == K.BONUS:
        return f"{item.code} (+)"
    if item.kind == K.PENALTY:
        return f"{item.code} (−)"
    return item.code


def column_top(node) -> Decimal:
    return node.item.max_score if node.item.max_score is not None else node.held


def _points(nodes, entries: dict) -> dict[int, Decimal | None]:
    """Each item's agreed points for one card (groups: the sum of their criteria)."""
    values: dict[int, Decimal | None] = {}
    children = defaultdict(list)
    for node in nodes:
        children[node.item.parent_id].append(node.item)

    def value(item):
        if item.pk in values:
            return values[item.pk]
        if item.kind == K.GROUP:
            parts = [value(child) for child in children[item.pk]]
            parts = [p for p in parts if p is not None and p >= 0]
            result = sum(parts, Decimal(0)) if parts else None
        else:
            entry = entries.get(item.pk)
            if entry is None:
                result = None
            else:
                result = entry["agreed"] if entry["agreed"] is not None else entry["self_score"]
        values[item.pk] = result
        return result

    for node in nodes:
        value(node.item)
    return values


def review_table(*, user, scoring_round: ScoringRound) -> ReviewTable:
    page = selectors.round_page(user=user, scoring_round=scoring_round)
    nodes = selectors.sheet_tree(scoring_round.sheet)
    entries = defaultdict(dict)
    for row in restrict(ScoreEntry.objects.filter(scorecard__round=scoring_round), user).values(
        "scorecard_id", "item_id", "agreed", "self_score"
    ):
        entries[row["scorecard_id"]][row["item_id"]] = row
    lines = []
    for rank in page["ranking"]:
        line = Line(rank=rank, values=[None] * len(nodes))
        card_entries = entries.get(rank.scorecard_id)
        if card_entries is not None:
            values = _points(nodes, card_entries)
            for index, node in enumerate(nodes):
                value = values.get(node.item.pk)
                if value is not None and node.item.kind == K.PENALTY:
                    value = -value
                line.values[index] = value
        lines.append(line)
    return ReviewTable(page=page, nodes=nodes, lines=lines)
