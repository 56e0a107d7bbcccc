"""Year-end places proposing awards (e.g. 1 → Cờ thi đua ngành, 2–3 → Bằng khen).

When a year-end round is finalised, each unit whose position falls in a configured span
gets a suggestion; ties share a position, so two units tied first both get the flag
suggestion and a leader drops one openly. Deciding one and turning it into a proposal
line is done by awards (``awards.services.suggestions``), which may know campaigns.
"""

from campaigns.models import AwardPlace, AwardSuggestion, ScoringRound
from campaigns.scoring.access import LEADER, STAFF
from campaigns.scoring.ranking import rank_rounds
from units.access import has_role


def suggestions_create(scoring_round: ScoringRound) -> list[AwardSuggestion]:
    """The suggestions of a finalised round from its sheet's places (call in its
    transaction)."""
    places = list(AwardPlace.objects.filter(sheet=scoring_round.sheet_id).select_related("award"))
    if not places:
        return []
    rows = rank_rounds([scoring_round.pk], grades=False).get(scoring_round.pk, [])
    suggestions = [
        AwardSuggestion(
            round=scoring_round,
            unit=row.unit,
            award=place.award,
            place=row.position,
            total=row.total,
        )
        for place in places
        for row in rows
        if place.first_place <= row.position <= place.last_place
    ]
    AwardSuggestion.objects.bulk_create(suggestions, ignore_conflicts=True)
    return suggestions


def can_propose(by, suggestion: AwardSuggestion) -> bool:
    return has_role(by, suggestion.unit, STAFF, LEADER)
