"""Ranking suggestions (``campaigns``) decided, and an accepted one turned into a proposal line.

A reviewer of the round or a leader of the unit accepts or drops a suggestion. Accepting
makes a line (``Nominee``) in a draft proposal of the unit when the actor may propose for
the unit; otherwise the unit's own staff do it later (``suggestion_to_proposal``). The
suggestions themselves are made when a year-end round is finalised
(``campaigns.scoring.services.suggestions``).

When the score sheet says the grouping's leader proposes (``ScoreSheet.proposer``), the
accepted unit goes, as a collective nominee, into ONE draft proposal of the leader unit
for the year, marked as the grouping's (``Proposal.cluster``), where members of that
grouping in that year may be proposed although they are outside the leader's tree.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Nominee, Proposal
from awards.services.nominees import nominee_add
from awards.services.proposals import proposal_create
from campaigns.models import AwardSuggestion
from campaigns.scoring.services.suggestions import (
    by_leader,
    can_propose,
    grouping_name,
    nominee_text,
    proposing_unit,
)
from campaigns.scoring.workflow import SUGGESTION_WORKFLOW
from thidua.core import audit


@transaction.atomic
def suggestion_decide(*, by, suggestion: AwardSuggestion, name: str, comment: str = ""):
    """Accept, drop or restore a suggestion; an accepted one goes into a draft proposal
    at once when the actor may propose for the unit."""
    changes = {"decided_by": by}
    if name == "drop":
        changes["drop_reason"] = comment.strip()
    elif name == "restore":
        changes["drop_reason"] = ""
    SUGGESTION_WORKFLOW.apply(suggestion, name, by=by, comment=comment, changes=changes)
    if name == "accept" and can_propose(by, suggestion):
        suggestion_to_proposal(by=by, suggestion=suggestion)
    return suggestion


@transaction.atomic
def suggestion_to_proposal(*, by, suggestion: AwardSuggestion):
    """Add the accepted suggestion as a nominee of the unit's draft proposal to the
    award's authority for the year (made if there is none), and link it."""
    if suggestion.status != AwardSuggestion.Status.ACCEPTED:
        raise ValidationError(_("Chỉ lập đề nghị từ đề xuất đã được chấp nhận."), code="state")
    if suggestion.is_proposed:
        raise ValidationError(_("Đề xuất đã có trong đề nghị khen thưởng."), code="state")
    scoring_round, award, unit = suggestion.round, suggestion.award, suggestion.unit
    proposer = proposing_unit(suggestion)
    if proposer is None:
        raise ValidationError(
            _(
                "%(cluster)s chưa có đơn vị Trưởng khối năm %(year)s nên chưa lập được đề nghị "
                "của khối."
            )
            % {"cluster": grouping_name(scoring_round), "year": scoring_round.year},
            code="leader",
        )
    grouping = scoring_round.cluster if by_leader(scoring_round) else None
    proposal = (
        Proposal.objects.filter(
            proposing_unit=proposer,
            authority=award.authority_id,
            year=scoring_round.year,
            status=Proposal.Status.DRAFT,
            cluster=grouping,
        )
        .order_by("pk")
        .first()
    )
    if proposal is None:
        if grouping is not None:
            title = _("Đề nghị khen thưởng của %(cluster)s năm %(year)s") % {
                "cluster": grouping_name(scoring_round),
                "year": scoring_round.year,
            }
        else:
            title = _("Đề nghị khen thưởng theo kết quả thi đua năm %(year)s") % {
                "year": scoring_round.year
            }
        proposal = proposal_create(
            by=by,
            proposing_unit=proposer,
            authority=award.authority,
            year=scoring_round.year,
            title=title,
            cluster=grouping,
        )
    nominee = nominee_add(
        proposal=proposal,
        by=by,
        award=award,
        unit=unit,
        achievement=nominee_text(suggestion),
    )
    Nominee.objects.filter(pk=nominee.pk).update(suggestion=suggestion)
    nominee.suggestion = suggestion
    suggestion.nominee = nominee
    audit.record(
        obj=suggestion,
        by=by,
        action="to_proposal",
        from_state=suggestion.status,
        to_state=suggestion.status,
        comment=str(proposal),
        unit=unit,
    )
    return nominee
