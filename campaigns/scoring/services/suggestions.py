"""Year-end places proposing awards (e.g. 1 → Cờ thi đua ngành if graded A, 2–3 → Bằng khen).

When a year-end round is finalised, the sheet's places (``AwardPlace``) turn into
suggestions:

- a place may ask for a grade ("A"): a unit of that rank with another grade gets no
  suggestion from it, and its seat is not handed down to the next unit;
- units with the same total share a rank. The sheet's ``tie_rule`` may break the tie by
  the higher subtotal of one group of criteria (``tie_group``, e.g. "I"); what is still
  tied is left to the conference (hội nghị tổng kết);
- when more units share a rank than the span has seats left (two units tied first for one
  flag), each gets a suggestion marked ``tied`` with the ``seats`` left, and no more than
  that many can be accepted (``rules.suggestion_seat_free``): never two flags silently.

Deciding one and turning it into a proposal line is done by awards
(``awards.services.suggestions``), which may know campaigns. The sheet says who proposes
(``ScoreSheet.proposer``): each unit for itself, or the grouping's leader unit in one
proposal of the grouping (``proposing_unit``, ``grouping_name``).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.models import (
    AwardPlace,
    AwardSuggestion,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringConference,
    ScoringRound,
)
from campaigns.scoring.access import LEADER, STAFF, leader_unit
from campaigns.scoring.formulas import figure
from campaigns.scoring.ranking import rank_rounds
from units.access import has_role
from units.selectors import WOMEN_PREFERRED_SHARE, female_share

ORDINALS = {1: "nhất", 2: "nhì", 3: "ba", 4: "tư"}


def rank_words(place: int, *, tied: bool = False) -> str:
    """ "hạng nhất", "đồng hạng nhì", "hạng 5" as the field writes them."""
    word = ORDINALS.get(place, str(place))
    return (_("đồng hạng %(n)s") if tied else _("hạng %(n)s")) % {"n": word}


def _group_subtotals(scoring_round: ScoringRound, card_ids) -> dict[int, Decimal]:
    """Each scorecard's agreed points in the sheet's tie-break group (criteria under it)."""
    sheet = scoring_round.sheet
    items = list(sheet.items.values("pk", "parent_id", "code", "kind"))
    group = next(
        (i for i in items if i["code"] == sheet.tie_group and i["kind"] == ScoreItem.Kind.GROUP),
        None,
    )
    if group is None:
        return {}
    children = defaultdict(list)
    for item in items:
        children[item["parent_id"]].append(item)
    under, stack = set(), [group["pk"]]
    while stack:
        for child in children[stack.pop()]:
            under.add(child["pk"])
            stack.append(child["pk"])
    rows = (
        ScoreEntry.objects.filter(
            scorecard__in=card_ids, item__in=under, item__kind=ScoreItem.Kind.CRITERION
        )
        .values("scorecard_id")
        .annotate(points=Sum(Coalesce("agreed", "self_score")))
    )
    return {row["scorecard_id"]: row["points"] or Decimal(0) for row in rows}


def _women_note(share: Decimal | None) -> str:
    """A tied collective with enough women is preferred when otherwise equal."""
    if share is None or share < WOMEN_PREFERRED_SHARE:
        return ""
    return _("Tỷ lệ nữ %(share)s %% (từ %(min)s %% trở lên): được ưu tiên khi ngang nhau.") % {
        "share": figure(share.quantize(Decimal(1))),
        "min": WOMEN_PREFERRED_SHARE,
    }


def final_places(scoring_round: ScoringRound) -> list:
    """The graded ranking with the sheet's tie rule applied: each row gets ``place``,
    ``tied`` (still shared after the rule) and ``tie_note`` (how a tie was broken)."""
    rows = rank_rounds([scoring_round.pk]).get(scoring_round.pk, [])
    sheet = scoring_round.sheet
    subtotals = {}
    if sheet.tie_rule == sheet.TieRule.GROUP and sheet.tie_group and any(r.tied for r in rows):
        subtotals = _group_subtotals(scoring_round, [r.scorecard_id for r in rows if r.tied])

    def key(row):
        return (row.total, subtotals.get(row.scorecard_id, Decimal(0)) if row.tied else 0)

    for row in rows:
        row.place = 1 + sum(1 for other in rows if key(other) > key(row))
    for row in rows:
        shared_total, row.tied = row.tied, sum(1 for o in rows if o.place == row.place) > 1
        row.tie_note = ""
        if shared_total and subtotals:
            row.tie_note = _("Đồng %(total)s điểm; điểm nhóm %(group)s: %(points)s.") % {
                "total": figure(row.total),
                "group": sheet.tie_group,
                "points": figure(subtotals.get(row.scorecard_id, Decimal(0))),
            }
    still_tied = [row for row in rows if row.tied]
    women = female_share(units=[row.unit for row in still_tied]) if still_tied else {}
    for row in still_tied:
        row.tie_note = " ".join(
            filter(
                None,
                [
                    row.tie_note,
                    _women_note(women[row.unit.pk]),
                    _("Vẫn đồng hạng: hội nghị tổng kết quyết định."),
                ],
            )
        )
    rows.sort(key=lambda r: (r.place, r.unit.name))
    return rows


def suggestions_create(scoring_round: ScoringRound) -> list[AwardSuggestion]:
    """The suggestions of a finalised round from its sheet's places (call in its
    transaction)."""
    places = list(AwardPlace.objects.filter(sheet=scoring_round.sheet_id).select_related("award"))
    if not places:
        return []
    rows = final_places(scoring_round)
    suggestions = []
    for place in places:
        wanted = set(place.grade_list)
        by_place = defaultdict(list)
        for row in rows:
            if place.first_place <= row.place <= place.last_place:
                by_place[row.place].append(row)
        for position, group in sorted(by_place.items()):
            seats_left = place.last_place - position + 1
            contested = len(group) > seats_left
            for row in group:
                if wanted and row.grade not in wanted:
                    continue
                suggestions.append(
                    AwardSuggestion(
                        round=scoring_round,
                        unit=row.unit,
                        award=place.award,
                        place=row.place,
                        total=row.total,
                        grade=row.grade,
                        tied=row.tied,
                        seats=seats_left if contested else None,
                        tie_note=row.tie_note[:255],
                    )
                )
    AwardSuggestion.objects.bulk_create(suggestions, ignore_conflicts=True)
    return suggestions


def by_leader(scoring_round: ScoringRound) -> bool:
    """Whether the grouping's leader unit proposes for the whole grouping."""
    return scoring_round.sheet.proposer == ScoreSheet.Proposer.LEADER


def proposing_unit(suggestion: AwardSuggestion):
    """Who proposes an accepted suggestion: the unit itself, or (leader mode) the
    grouping's leader unit in the round's year (None when the grouping has none)."""
    if by_leader(suggestion.round):
        return leader_unit(suggestion.round)
    return suggestion.unit


def grouping_name(scoring_round: ScoringRound) -> str:
    """The grouping's name as it was for the round (``ScoringRound.cluster_name``)."""
    return scoring_round.cluster_name


def _acclaim_text(suggestion: AwardSuggestion) -> str:
    try:
        conference = suggestion.round.conference
    except ScoringConference.DoesNotExist:
        return ""
    if conference.acclaimed_id != suggestion.pk:
        return ""
    return _(
        "Được hội nghị tổng kết ngày %(day)s suy tôn: %(yes)s/%(present)s đơn vị tán thành."
    ) % {
        "day": conference.held_on.strftime("%d/%m/%Y"),
        "yes": conference.votes_for,
        "present": conference.present,
    }


def nominee_text(suggestion: AwardSuggestion) -> str:
    """ "Đồng hạng nhất, loại A, Khối …, năm 2026 (200 điểm)." for the proposal line, and
    the conference's acclaim when it voted this suggestion."""
    scoring_round = suggestion.round
    rank = rank_words(suggestion.place, tied=suggestion.tied)
    parts = [rank[:1].upper() + rank[1:]]
    if suggestion.grade:
        parts.append(_("loại %(grade)s") % {"grade": suggestion.grade})
    text = _("%(rank)s %(cluster)s năm %(year)s với %(total)s điểm.") % {
        "rank": ", ".join(parts) + ",",
        "cluster": grouping_name(scoring_round),
        "year": scoring_round.year,
        "total": figure(suggestion.total),
    }
    return " ".join(filter(None, [text, _acclaim_text(suggestion)]))


def can_propose(by, suggestion: AwardSuggestion) -> bool:
    """Staff or leaders of the proposing unit (the grouping's leader unit in leader mode)."""
    unit = proposing_unit(suggestion)
    return unit is not None and has_role(by, unit, STAFF, LEADER)
