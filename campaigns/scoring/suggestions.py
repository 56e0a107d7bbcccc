"""Year-end places proposing awards, and turning an accepted one into a proposal line.

When a year-end round is finalised, each unit whose position falls in a configured span
(e.g. 1 → Cờ thi đua ngành, 2–3 → Bằng khen) gets a suggestion; ties share a position,
so two units tied first both get the flag suggestion and a leader drops one openly.
A reviewer of the round or a leader of the unit accepts or drops it. Accepting makes a
line (``Nominee``) in a draft proposal of the unit through the awards services when the
actor may propose for the unit; otherwise the unit's own staff do it later
(``suggestion_to_proposal``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Proposal
from awards.services import nominee_add, proposal_create
from campaigns.models import AwardPlace, AwardSuggestion, ScoringRound
from campaigns.scoring.access import LEADER, STAFF
from campaigns.scoring.formulas import figure
from campaigns.scoring.ranking import rank_rounds
from campaigns.scoring.workflow import SUGGESTION_WORKFLOW
from thidua.core import audit
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


def can_propose(actor, suggestion: AwardSuggestion) -> bool:
    return has_role(actor, suggestion.unit, STAFF, LEADER)


@transaction.atomic
def suggestion_decide(*, actor, suggestion: AwardSuggestion, name: str, comment: str = ""):
    """Accept, drop or restore a suggestion; an accepted one goes into a draft proposal
    at once when the actor may propose for the unit."""
    SUGGESTION_WORKFLOW.apply(
        suggestion, name, actor=actor, comment=comment, changes={"decided_by": actor}
    )
    if name == "accept" and can_propose(actor, suggestion):
        suggestion_to_proposal(actor=actor, suggestion=suggestion)
    return suggestion


@transaction.atomic
def suggestion_to_proposal(*, actor, suggestion: AwardSuggestion):
    """Add the accepted suggestion as a nominee of the unit's draft proposal to the
    award's authority for the year (made if there is none), and link it."""
    if suggestion.status != AwardSuggestion.Status.ACCEPTED:
        raise ValidationError(_("Chỉ lập đề nghị từ đề xuất đã được chấp nhận."), code="state")
    if suggestion.nominee_id:
        raise ValidationError(_("Đề xuất đã có trong đề nghị khen thưởng."), code="state")
    scoring_round, award, unit = suggestion.round, suggestion.award, suggestion.unit
    proposal = (
        Proposal.objects.filter(
            proposing_unit=unit,
            authority=award.authority_id,
            year=scoring_round.year,
            status=Proposal.Status.DRAFT,
        )
        .order_by("pk")
        .first()
    )
    if proposal is None:
        proposal = proposal_create(
            by=actor,
            proposing_unit=unit,
            authority=award.authority,
            year=scoring_round.year,
            title=_("Đề nghị khen thưởng theo kết quả thi đua năm %(year)s")
            % {"year": scoring_round.year},
        )
    nominee = nominee_add(
        proposal=proposal,
        by=actor,
        award=award,
        unit=unit,
        achievement=_("Xếp thứ %(place)s %(cluster)s năm %(year)s với %(total)s điểm.")
        % {
            "place": suggestion.place,
            "cluster": scoring_round.cluster,
            "year": scoring_round.year,
            "total": figure(suggestion.total),
        },
    )
    AwardSuggestion.objects.filter(pk=suggestion.pk).update(nominee=nominee)
    suggestion.nominee = nominee
    audit.record(
        obj=suggestion,
        actor=actor,
        action="to_proposal",
        from_state=suggestion.status,
        to_state=suggestion.status,
        comment=str(proposal),
        unit=unit,
    )
    return nominee
