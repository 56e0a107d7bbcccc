"""Who a campaign reaches, and who may launch or manage one.

Shared by services (to refuse out-of-scope registrations) and selectors (to count who is
in scope), so that both use the same definition.
"""

import datetime

from django.db.models import Q, QuerySet

from campaigns.models import Campaign
from units.access import has_role, is_admin, under, user_roles
from units.models import ClusterMembership, Unit, UnitRole


def active_in_year(year: int) -> Q:
    """Units that existed on at least one day of ``year``."""
    return Q(Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(year, 12, 31))) & Q(
        Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(year, 1, 1))
    )


def scope_units(campaign: Campaign, year: int) -> QuerySet:
    """Units in the campaign's scope in ``year``: the subtree of each scope unit, and the
    members that year of each scope grouping; only units that existed that year.

    Reads ``campaign.scope_units`` through ``.all()`` so a prefetch saves the query.
    """
    paths = [unit.path for unit in campaign.scope_units.all()]
    in_subtrees = under(paths)
    members = ClusterMembership.objects.filter(cluster__campaigns=campaign.pk, year=year).values(
        "unit_id"
    )
    return Unit.objects.filter(in_subtrees | Q(pk__in=members)).filter(active_in_year(year))


def _leader_paths(user) -> list[str]:
    return [unit.path for unit, role in user_roles(user) if role == UnitRole.Role.LEADER]


def led_memberships(user, years) -> QuerySet:
    """Grouping leaderships (role "leader" that year) of units the user is a leader of."""
    queryset = ClusterMembership.objects.filter(
        role=ClusterMembership.Role.LEADER, year__in=list(years)
    ).select_related("unit", "cluster")
    if is_admin(user):
        return queryset
    paths = _leader_paths(user)
    if not paths:
        return queryset.none()
    return queryset.filter(under(paths, "unit__path"))


def led_member_units(user, year: int) -> set[int]:
    """Ids of the units that were, in ``year``, members of a grouping whose leader unit
    (Trưởng khối) the user leads: the units whose drafts the user may send for the grouping.

    One query per user and year (cached on the user, like the roles); none for a user who
    leads nothing."""
    cache = getattr(user, "_thidua_led_members", None)
    if cache is None:
        cache = user._thidua_led_members = {}
    if year not in cache:
        if not user.is_authenticated or not (is_admin(user) or _leader_paths(user)):
            cache[year] = set()
        else:
            led = led_memberships(user, [year]).values("cluster_id")
            cache[year] = set(
                ClusterMembership.objects.filter(cluster__in=led, year=year).values_list(
                    "unit_id", flat=True
                )
            )
    return cache[year]


def can_launch(user, today: datetime.date) -> bool:
    """Admins, and leaders of a grouping's leader unit this year or next, launch campaigns."""
    return is_admin(user) or led_memberships(user, [today.year, today.year + 1]).exists()


def can_manage(user, campaign: Campaign) -> bool:
    """Edit, open and close: admins, and leaders of the launching unit."""
    if is_admin(user):
        return True
    return campaign.launched_by_id is not None and has_role(
        user, campaign.launched_by, UnitRole.Role.LEADER
    )
