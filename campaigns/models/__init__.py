"""campaigns models, one module per concern; everything is importable from ``campaigns.models``.

Invariants that hold on one row live here (constraints); rules that need other rows or the
actor (scope, catalogue, deadlines, roles) live in ``campaigns.services`` and
``campaigns.scoring``.
"""

from campaigns.models.campaigns import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    ancestor_ids,
    touching_units,
)
from campaigns.models.pledges import Pledge, PledgeSignature
from campaigns.models.registrations import Registration
from campaigns.models.scoring import (
    FIGURE,
    SCORE,
    AwardPlace,
    AwardSuggestion,
    GradeRule,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringConference,
    ScoringRound,
    evidence_upload_to,
)

__all__ = [
    "FIGURE",
    "SCORE",
    "AwardPlace",
    "AwardSuggestion",
    "Campaign",
    "CampaignPhase",
    "CampaignTarget",
    "GradeRule",
    "Pledge",
    "PledgeSignature",
    "Registration",
    "ScoreEntry",
    "ScoreItem",
    "ScoreSheet",
    "Scorecard",
    "ScoringConference",
    "ScoringRound",
    "ancestor_ids",
    "evidence_upload_to",
    "touching_units",
]
