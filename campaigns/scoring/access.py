"""Who acts on a scoring round: the unit itself self-scores; reviewers agree the scores.

Reviewers of a round are admins, the panel an admin named for it, and leaders of the
grouping's leader unit that year (Trưởng khối). The leader unit does not review its own
scorecard: admins or the panel do.
"""

from campaigns.models import Scorecard, ScoringRound
from units.access import has_role, is_admin
from units.models import ClusterMembership, Unit, UnitRole

STAFF, LEADER = UnitRole.Role.STAFF, UnitRole.Role.LEADER


def leader_unit(scoring_round: ScoringRound) -> Unit | None:
    """The grouping's leader unit in the round's year (cached on the round)."""
    if not hasattr(scoring_round, "_leader_unit"):
        membership = (
            ClusterMembership.objects.filter(
                cluster=scoring_round.cluster_id,
                year=scoring_round.year,
                role=ClusterMembership.Role.LEADER,
            )
            .select_related("unit")
            .first()
        )
        scoring_round._leader_unit = membership.unit if membership else None
    return scoring_round._leader_unit


def on_panel(user, scoring_round: ScoringRound) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(scoring_round, "_panel_ids", None)
    if cache is None:
        cache = set(scoring_round.panel.values_list("pk", flat=True))
        scoring_round._panel_ids = cache
    return user.pk in cache


def is_reviewer(user, scoring_round: ScoringRound, scorecard: Scorecard | None = None) -> bool:
    """May ``user`` review (the round, or this ``scorecard`` of it)?"""
    if is_admin(user) or on_panel(user, scoring_round):
        return True
    leader = leader_unit(scoring_round)
    if leader is None or not has_role(user, leader, LEADER):
        return False
    return scorecard is None or scorecard.unit_id != leader.pk


def can_self_score(user, unit: Unit) -> bool:
    return has_role(user, unit, STAFF, LEADER)
