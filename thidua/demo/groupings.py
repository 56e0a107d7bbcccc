"""Emulation groupings (khu vực, cụm, khối) with their yearly members, leader and deputies.

Each year's members are the units that exist on 31/12 of that year, so a grouping holds
the old Cục/Chi cục until 2024 and their successors from 2025. The leader (Trưởng) and two
deputies (Phó) rotate through the members in code order, one step a year.
"""

from dataclasses import dataclass

from thidua.core.text import search_key
from thidua.demo import geography
from thidua.demo import positions as kinds
from thidua.demo.dates import MERGER_DAY, year_end
from thidua.demo.org import OUTSIDE_BODIES, Group, Org, OrgUnit
from thidua.demo.plans import Plan
from units.models import Cluster, ClusterMembership


@dataclass
class Season:
    """One grouping in one year: its members in rotation order, and who leads."""

    cluster: Cluster
    year: int
    members: list[OrgUnit]
    turn: int
    has_outside: bool

    @property
    def leader(self) -> OrgUnit:
        return self.members[self.turn % len(self.members)]

    @property
    def flag_holder(self) -> OrgUnit:
        """The unit voted to lead next year: it gets the year's Cờ thi đua ngành."""
        return self.members[(self.turn + 1) % len(self.members)]

    def roles(self):
        n = len(self.members)
        for offset in range(n):
            role = (
                ClusterMembership.Role.LEADER
                if offset == 0
                else ClusterMembership.Role.DEPUTY
                if offset <= 2
                else ClusterMembership.Role.MEMBER
            )
            yield self.members[(self.turn + offset) % n], role


def _alive(nodes, year: int) -> list[OrgUnit]:
    day = year_end(year)
    return sorted((n for n in nodes if n.unit.is_valid_on(day)), key=lambda n: n.unit.code)


def _specs(plan: Plan, org: Org):
    """(name, kind, description, active, members(year) or None, has outside members)."""
    provincial = [
        n
        for n in org.nodes
        if n.kind in (kinds.PROVINCE_OLD, kinds.PROVINCE_NEW, kinds.JUSTICE_DEPT)
    ]
    for zone in geography.ZONES:
        in_zone = [n for n in provincial if n.zone == zone]
        if in_zone:
            yield (
                f"Khu vực thi đua {zone}",
                Cluster.Kind.ZONE,
                f"Sở Tư pháp và cơ quan thi hành án dân sự cấp tỉnh khu vực {zone}.",
                True,
                lambda year, units=in_zone: _alive(units, year),
                False,
            )
    central = [*org.ministry_units, org.hq_old, org.hq_new]
    yield (
        "Cụm thi đua các đơn vị thuộc Bộ Tư pháp",
        Cluster.Kind.CLUSTER,
        "Các Vụ, Cục, Văn phòng, Thanh tra và cơ quan quản lý thi hành án dân sự của Bộ.",
        True,
        lambda year: _alive(central, year),
        False,
    )
    for group in org.groups:
        if group.name == plan.local_blocks:
            yield from _local_blocks(group)


def _local_blocks(group: Group):
    merger = MERGER_DAY.year
    first_offices = [o for offices in group.old_offices.values() for o in offices[:3]]
    yield (
        f"Khối thi đua các Chi cục THADS {' – '.join(group.members)}",
        Cluster.Kind.BLOCK,
        "Khối thi đua của các Chi cục Thi hành án dân sự cấp huyện (đến năm 2024).",
        False,
        lambda year: _alive(first_offices, year) if year < merger else [],
        False,
    )
    yield (
        f"Khối thi đua các Phòng THADS khu vực {geography.full_name(group.name)}",
        Cluster.Kind.BLOCK,
        "Khối thi đua của các Phòng Thi hành án dân sự khu vực (từ năm 2025).",
        True,
        lambda year: _alive(group.offices, year),
        False,
    )
    # Prisons are the police ministry's: they stay, and join the surviving province's block.
    moved_prisons = [
        body
        for old in group.members
        if old != group.name
        for body in group.outside[old][len(OUTSIDE_BODIES) :]
    ]
    for old in group.members:
        survivor = old == group.name
        before = [*group.outside[old], group.old_agencies[old]]
        after = [*group.outside[old], group.agency, *moved_prisons] if survivor else []

        def members(year, before=before, after=after):
            return _alive(before if year < merger else after, year)

        yield (
            f"Khối thi đua Nội chính {geography.full_name(old)}",
            Cluster.Kind.BLOCK,
            "Các cơ quan nội chính của tỉnh: Viện kiểm sát, Tòa án, Công an, Bộ Chỉ huy quân "
            "sự, Bộ đội biên phòng, trại giam và cơ quan thi hành án dân sự.",
            survivor,
            members,
            True,
        )


def build_groupings(plan: Plan, org: Org) -> list[Season]:
    seasons, clusters = [], []
    for name, kind, description, active, members_of, outside in _specs(plan, org):
        cluster = Cluster(
            name=name,
            kind=kind,
            description=description,
            is_active=active,
            search_key=search_key(name),
        )
        clusters.append(cluster)
        for turn, year in enumerate(plan.cluster_years):
            members = members_of(year)
            if members:
                seasons.append(Season(cluster, year, members, turn, outside))
    Cluster.objects.bulk_create(clusters)
    ClusterMembership.objects.bulk_create(
        [
            ClusterMembership(cluster=s.cluster, unit=node.unit, year=s.year, role=role)
            for s in seasons
            for node, role in s.roles()
        ],
        batch_size=2000,
    )
    return seasons
