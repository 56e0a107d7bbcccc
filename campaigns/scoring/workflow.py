"""The state tables of sheets, rounds, scorecards and award suggestions.

Sheet: draft → published (balanced) → draft again while unused, or superseded by a new
version. Round: open (self-scoring) → review → finalised (read-only). Scorecard: draft →
submitted → reviewed, or returned (with a reason) → submitted. Suggestion: suggested →
accepted | dropped.

Reviewers hold no role in the unit whose scorecard they review, so these tables use the
shared engine's ``also_allowed``: it admits actors the object itself names.
"""

from django.utils.translation import gettext_lazy

from campaigns.models import AwardSuggestion, Scorecard, ScoreSheet, ScoringRound
from campaigns.scoring import rules
from campaigns.scoring.access import LEADER, STAFF, is_reviewer, leader_unit
from thidua.core.workflow import Transition, Workflow
from units.access import holds
from units.models import UnitRole

ADMIN = UnitRole.Role.ADMIN
S = ScoreSheet.Status
SHEET_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "publish",
            sources=(S.DRAFT,),
            target=S.PUBLISHED,
            roles=(ADMIN,),
            label=gettext_lazy("Ban hành"),
            guard=rules.sheet_can_publish,
            stamp="published_at",
            style="success",
        ),
        Transition(
            "unpublish",
            sources=(S.PUBLISHED,),
            target=S.DRAFT,
            roles=(ADMIN,),
            label=gettext_lazy("Chuyển về dự thảo để sửa"),
            guard=rules.sheet_not_in_use,
            style="secondary",
        ),
    ],
    state_labels=dict(S.choices),
    unit_of=lambda sheet: None,
)

R = ScoringRound.Status
ROUND_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "close",
            sources=(R.OPEN,),
            target=R.REVIEW,
            roles=(),
            label=gettext_lazy("Kết thúc tự chấm"),
            style="secondary",
        ),
        Transition(
            "reopen",
            sources=(R.REVIEW,),
            target=R.OPEN,
            roles=(),
            label=gettext_lazy("Mở lại tự chấm"),
            style="outline-secondary",
        ),
        Transition(
            "finalise",
            sources=(R.REVIEW,),
            target=R.FINALISED,
            roles=(),
            label=gettext_lazy("Chốt kết quả"),
            guard=rules.round_can_finalise,
            stamp="finalised_at",
            style="success",
        ),
    ],
    state_labels=dict(R.choices),
    unit_of=leader_unit,
    also_allowed=lambda scoring_round, by, t: is_reviewer(by, scoring_round),
)

C = Scorecard.Status
REVIEW_TRANSITIONS = {"return", "review", "reopen"}
SCORECARD_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "submit",
            sources=(C.DRAFT, C.RETURNED),
            target=C.SUBMITTED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Gửi thẩm định"),
            guard=rules.scorecard_can_submit,
            stamp="submitted_at",
        ),
        Transition(
            "return",
            sources=(C.SUBMITTED,),
            target=C.RETURNED,
            roles=(),
            label=gettext_lazy("Trả lại để chấm lại"),
            needs_comment=True,
            guard=rules.round_not_finalised,
            style="warning",
        ),
        Transition(
            "review",
            sources=(C.SUBMITTED,),
            target=C.REVIEWED,
            roles=(),
            label=gettext_lazy("Hoàn thành thẩm định"),
            guard=rules.round_not_finalised,
            stamp="reviewed_at",
            style="success",
        ),
        Transition(
            "reopen",
            sources=(C.REVIEWED,),
            target=C.SUBMITTED,
            roles=(),
            label=gettext_lazy("Thẩm định lại"),
            guard=rules.round_not_finalised,
            style="outline-secondary",
        ),
    ],
    state_labels=dict(C.choices),
    also_allowed=lambda card, by, t: (
        t.name in REVIEW_TRANSITIONS and is_reviewer(by, card.round, card)
    ),
)

G = AwardSuggestion.Status
SUGGESTION_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "accept",
            sources=(G.SUGGESTED,),
            target=G.ACCEPTED,
            roles=(LEADER,),
            label=gettext_lazy("Chấp nhận"),
            guard=rules.suggestion_seat_free,
            stamp="decided_at",
            style="success",
        ),
        Transition(
            "drop",
            sources=(G.SUGGESTED, G.ACCEPTED),
            target=G.DROPPED,
            roles=(LEADER,),
            label=gettext_lazy("Bỏ đề xuất"),
            needs_comment=True,
            guard=rules.suggestion_not_proposed,
            stamp="decided_at",
            style="outline-danger",
        ),
        Transition(
            "restore",
            sources=(G.DROPPED,),
            target=G.SUGGESTED,
            roles=(LEADER,),
            label=gettext_lazy("Khôi phục đề xuất"),
            style="outline-secondary",
        ),
    ],
    state_labels=dict(G.choices),
    also_allowed=lambda suggestion, by, t: is_reviewer(by, suggestion.round),
)
