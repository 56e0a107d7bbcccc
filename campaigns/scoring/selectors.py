"""What the scoring pages read, scoped to the user, in a fixed number of queries.

Rounds, sheets, scorecards and suggestions are scoped by ``units.access.restrict`` with
each model's rule (``ScoringRound.scope_q``: the grouping's members, the units above them
and the round's panel; ``ScoreSheet.scope_q``: like its rounds, sector-wide sheets for
everyone signed in, drafts for admins only). Another member's self-score shows once it is
sent for review.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from campaigns.models import (
    AwardSuggestion,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringRound,
)
from campaigns.scoring.access import is_reviewer, leader_unit
from campaigns.scoring.formulas import figure
from campaigns.scoring.ranking import rank_rounds
from campaigns.scoring.services.rounds import round_members
from thidua.core.models import AuditEntry
from units.access import restrict
from units.models import Cluster

# --- Sheets --------------------------------------------------------------------------------


def sheet_queryset(user) -> QuerySet:
    return restrict(ScoreSheet.objects.select_related("cluster", "campaign", "previous"), user)


def sheet_list(*, user, year: int | None = None) -> QuerySet:
    queryset = sheet_queryset(user).annotate(
        item_count=Count("items", filter=Q(items__kind=ScoreItem.Kind.CRITERION), distinct=True),
        round_count=Count("rounds", distinct=True),
    )
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "name", "-version", "pk")


def sheet_get(*, user, pk) -> ScoreSheet:
    try:
        return sheet_queryset(user).get(pk=pk)
    except (ScoreSheet.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class Node:
    item: ScoreItem
    depth: int
    held: Decimal = Decimal(0)
    fields: dict = field(default_factory=dict)
    entry: ScoreEntry | None = None

    @property
    def indent(self) -> int:
        return min(self.depth, 4)

    def _text(self, name: str) -> str:
        return figure(getattr(self.entry, name) if self.entry else None)

    def _points(self, name: str) -> str:
        """A score as shown: a penalty's deduction with a minus ("−2")."""
        text = self._text(name)
        if self.item.kind == ScoreItem.Kind.PENALTY and text not in ("—", "0"):
            return f"−{text}"
        return text

    @property
    def self_text(self) -> str:
        return self._points("self_score")

    @property
    def actual_text(self) -> str:
        return self._text("actual")

    @property
    def agreed_text(self) -> str:
        """The agreed score, or the self-score it keeps when the reviewer left it empty."""
        if self.entry and self.entry.agreed is None:
            return self._points("self_score")
        return self._points("agreed")

    @property
    def agreed_actual_text(self) -> str:
        if self.entry and self.entry.agreed_actual is None:
            return self._text("actual")
        return self._text("agreed_actual")

    @property
    def changed(self) -> bool:
        e = self.entry
        return bool(e and e.agreed is not None and e.agreed != e.self_score)


def sheet_tree(sheet: ScoreSheet, items: list[ScoreItem] | None = None) -> list[Node]:
    """The sheet's items depth-first in their order; groups carry what they hold."""
    items = list(sheet.items.order_by("order", "pk")) if items is None else items
    children = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)
    nodes: list[Node] = []

    def walk(parent_id, depth):
        for item in children[parent_id]:
            node = Node(item=item, depth=depth)
            nodes.append(node)
            if item.kind == ScoreItem.Kind.GROUP:
                start = len(nodes)
                walk(item.pk, depth + 1)
                node.held = sum(
                    (
                        n.item.max_score or Decimal(0)
                        for n in nodes[start:]
                        if n.item.kind == ScoreItem.Kind.CRITERION
                    ),
                    Decimal(0),
                )

    walk(None, 0)
    return nodes


def sheet_versions(sheet: ScoreSheet) -> list[ScoreSheet]:
    """Every version of the sheet, oldest first (a chain of a few rows)."""
    first = sheet
    while first.previous_id:
        first = first.previous
    versions = [first]
    while (following := versions[-1].next_versions.order_by("pk").first()) is not None:
        versions.append(following)
    return versions


# --- Rounds --------------------------------------------------------------------------------


def round_queryset(user) -> QuerySet:
    """Scoped rounds, with their conference record (and whom it acclaimed) joined in, and
    their grouping's former names (a round shows the name of its year)."""
    return restrict(
        ScoringRound.objects.select_related(
            "cluster",
            "sheet",
            "conference__acclaimed__unit",
            "conference__acclaimed__award",
        ).prefetch_related("cluster__former_names"),
        user,
    )


def round_list(*, user, year: int | None = None, kind: str = "") -> QuerySet:
    queryset = round_queryset(user).annotate(
        cards=Count("scorecards", distinct=True),
        sent=Count(
            "scorecards",
            filter=Q(scorecards__status__in=Scorecard.RANKED),
            distinct=True,
        ),
    )
    if year:
        queryset = queryset.filter(year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-year", "cluster__name", "kind", "pk")


def round_get(*, user, pk) -> ScoringRound:
    try:
        return round_queryset(user).get(pk=pk)
    except (ScoringRound.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class MemberRow:
    membership: object
    card: Scorecard | None
    rank: object = None
    can_review: bool = False


def round_page(*, user, scoring_round: ScoringRound) -> dict:
    """Members with their scorecard and ranking row; what the user may do."""
    ranking = rank_rounds([scoring_round.pk]).get(scoring_round.pk, [])
    ranking = _visible_ranking(user, scoring_round, ranking)
    by_card = {row.scorecard_id: row for row in ranking}
    cards = {c.unit_id: c for c in Scorecard.objects.filter(round=scoring_round)}
    memberships = list(round_members(scoring_round).select_related("unit").order_by("unit__name"))
    members = []
    for membership in memberships:
        card = cards.get(membership.unit_id)
        members.append(
            MemberRow(
                membership,
                card,
                rank=by_card.get(card.pk) if card else None,
                can_review=card is not None
                and card.status != Scorecard.Status.DRAFT
                and is_reviewer(user, scoring_round, card),
            )
        )
    unranked = [m for m in members if m.rank is None]
    suggestions = []
    if scoring_round.is_finalised:
        suggestions = list(
            AwardSuggestion.objects.filter(round=scoring_round).select_related(
                "unit", "award", "nominee"
            )
        )
    targets = ranking[0].targets if ranking else []
    return {
        "ranking": ranking,
        "unranked": unranked,
        "members": members,
        "target_items": [mark.item for mark in targets],
        "fulfilment": _fulfilment(ranking),
        "grade_counts": sorted(Counter(row.grade for row in ranking if row.grade).items()),
        "suggestions": suggestions,
        "leader_unit": leader_unit(scoring_round),
        "reviewer": is_reviewer(user, scoring_round),
    }


def _visible_ranking(user, scoring_round: ScoringRound, ranking: list) -> list:
    """Under the sheet's default visibility a member sees only its own line (and those of
    units below it) until the round is finalised; then everyone's totals and grades.
    Reviewers, and everyone when the sheet is "open", see the whole ranking."""
    sheet = scoring_round.sheet
    if (
        not ranking
        or scoring_round.is_finalised
        or sheet.visibility == ScoreSheet.Visibility.OPEN
        or is_reviewer(user, scoring_round)
    ):
        return ranking
    seen = set(
        restrict(Scorecard.objects.filter(round=scoring_round), user).values_list("pk", flat=True)
    )
    return [row for row in ranking if row.scorecard_id in seen]


def _fulfilment(ranking) -> list[dict]:
    """Per target: how many ranked units met it."""
    if not ranking:
        return []
    lines = []
    for index, mark in enumerate(ranking[0].targets):
        met = sum(1 for row in ranking if row.targets[index].met)
        lines.append({"item": mark.item, "met": met, "total": len(ranking)})
    return lines


# --- Scorecards ----------------------------------------------------------------------------


def card_visible(user, card: Scorecard | None, unit=None) -> bool:
    """Whether the user sees the card's scores and evidence: ``Scorecard.scope_q`` (the
    unit and those above it; once sent, the reviewers, and the grouping when the sheet
    says so)."""
    if card is None:
        return False
    return restrict(Scorecard.objects.filter(pk=card.pk), user).exists()


def scorecard_page(*, user, scoring_round: ScoringRound, unit) -> dict:
    card = Scorecard.objects.filter(round=scoring_round, unit=unit).select_related("unit").first()
    if card is not None:
        card.round = scoring_round
    nodes = sheet_tree(scoring_round.sheet)
    shown = card_visible(user, card, unit)
    if shown:
        entries = {e.item_id: e for e in card.entries.all()}
        for node in nodes:
            node.entry = entries.get(node.item.pk)
    totals = _totals(nodes, card) if shown else None
    return {
        "card": card,
        "nodes": nodes,
        "shown": shown,
        "totals": totals,
        "return_reason": return_reason(card),
    }


def return_reason(card: Scorecard | None) -> AuditEntry | None:
    """The audit entry of the last return of a returned scorecard: its reason (comment),
    who and when; None for a card in any other state."""
    if card is None or card.status != Scorecard.Status.RETURNED:
        return None
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Scorecard),
            object_id=card.pk,
            action="return",
        )
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


def _totals(nodes: list[Node], card: Scorecard) -> dict:
    """Self and agreed totals; ``reviewed`` is whether any agreed score exists yet (else
    the page says "not reviewed" rather than repeating the self-score as agreed)."""
    own = agreed = Decimal(0)
    reviewed = card.status == Scorecard.Status.REVIEWED
    for node in nodes:
        entry = node.entry
        if entry is None or not node.item.is_scored:
            continue
        sign = -1 if node.item.kind == ScoreItem.Kind.PENALTY else 1
        own += sign * (entry.self_score or 0)
        value = entry.agreed if entry.agreed is not None else entry.self_score
        agreed += sign * (value or 0)
        reviewed = reviewed or entry.agreed is not None
    return {"self": own, "agreed": agreed, "difference": agreed - own, "reviewed": reviewed}


def entry_get(*, user, pk) -> ScoreEntry:
    """An entry whose attachment the user may download (``ScoreEntry.scope_q``: seen like
    its scorecard); else 404."""
    queryset = restrict(ScoreEntry.objects.select_related("scorecard__unit"), user)
    try:
        entry = queryset.get(pk=pk)
    except (ScoreEntry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not entry.attachment:
        raise Http404
    return entry


# --- Trend ---------------------------------------------------------------------------------


@dataclass
class TrendRow:
    unit: object
    cells: dict = field(default_factory=dict)  # year -> RankRow


def cluster_trend(*, cluster: Cluster, kind: str) -> dict:
    """Finalised rankings of the grouping year by year, one row per unit, newest first."""
    rounds = list(
        ScoringRound.objects.filter(
            cluster=cluster, kind=kind, status=ScoringRound.Status.FINALISED
        ).order_by("year", "pk")
    )
    ranked = rank_rounds([r.pk for r in rounds])
    years = sorted({r.year for r in rounds})
    year_of = {r.pk: r.year for r in rounds}
    rows: dict[int, TrendRow] = {}
    for round_id, lines in ranked.items():
        for line in lines:
            row = rows.setdefault(line.unit.pk, TrendRow(unit=line.unit))
            row.cells[year_of[round_id]] = line
    latest = years[-1] if years else None

    def order(row):
        cell = row.cells.get(latest)
        return (cell is None, cell.position if cell else 0, row.unit.name)

    trend = sorted(rows.values(), key=order)
    for row in trend:
        row.columns = [row.cells.get(year) for year in years]
    return {"years": years, "rows": trend}
