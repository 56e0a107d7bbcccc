"""The 2025 restructuring on top of the fixed cast, and a cross-sector block.

Before 01/07/2025: Bộ Tư pháp → Tổng cục THADS → Cục THADS tỉnh Long An → Chi cục THADS
huyện Bến Lức. From 01/07/2025: Bộ Tư pháp → Cục Quản lý THADS → THADS tỉnh Long An / Lào
Cai → Phòng THADS khu vực 1 – Long An (the cast of tests/conftest.py). Sở Tư pháp tỉnh
Đồng Tháp sits under the ministry throughout; the provincial procuracy is outside the tree.
"""

from types import SimpleNamespace

import pytest

from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ProvinceFactory,
    UnitFactory,
)
from tests.units.helpers import FIRST_NEW_DAY, LAST_OLD_DAY
from units.models import AgencyType, Cluster, ClusterMembership, Unit


@pytest.fixture
def restructured(sector):
    new_units = [sector.hq, sector.thads_long_an, sector.thads_lao_cai, sector.district]
    Unit.objects.filter(pk__in=[u.pk for u in new_units]).update(valid_from=FIRST_NEW_DAY)
    for unit in new_units:
        unit.refresh_from_db()
    general_department = UnitFactory(
        name="Tổng cục Thi hành án dân sự",
        code="tong-cuc-thads",
        parent=sector.ministry,
        agency_type=AgencyType.THADS_HQ,
        valid_to=LAST_OLD_DAY,
    )
    old_long_an = UnitFactory(
        name="Cục Thi hành án dân sự tỉnh Long An",
        code="cuc-thads-long-an",
        parent=general_department,
        province=sector.long_an,
        agency_type=AgencyType.THADS_PROVINCE,
        valid_to=LAST_OLD_DAY,
    )
    ben_luc = UnitFactory(
        name="Chi cục Thi hành án dân sự huyện Bến Lức",
        code="chi-cuc-ben-luc",
        parent=old_long_an,
        province=sector.long_an,
        agency_type=AgencyType.THADS_LOCAL,
        valid_to=LAST_OLD_DAY,
    )
    sector.hq.predecessors.add(general_department)
    sector.thads_long_an.predecessors.add(old_long_an)
    sector.district.predecessors.add(ben_luc)
    justice_dept = UnitFactory(
        name="Sở Tư pháp tỉnh Đồng Tháp",
        code="stp-dong-thap",
        parent=sector.ministry,
        province=ProvinceFactory(name="Đồng Tháp"),
        agency_type=AgencyType.JUSTICE_DEPT,
    )
    procuracy = UnitFactory(
        name="Viện kiểm sát nhân dân tỉnh Long An",
        code="vks-long-an",
        province=sector.long_an,
        agency_type=AgencyType.EXTERNAL,
    )
    return SimpleNamespace(
        general_department=general_department,
        old_long_an=old_long_an,
        ben_luc=ben_luc,
        justice_dept=justice_dept,
        procuracy=procuracy,
    )


@pytest.fixture
def home_affairs_block(sector, restructured):
    """Khối thi đua Nội chính tỉnh Long An: led by the procuracy in 2025, by THADS in 2026."""
    block = ClusterFactory(name="Khối thi đua Nội chính tỉnh Long An", kind=Cluster.Kind.BLOCK)
    role = ClusterMembership.Role
    for year, leader, deputy in [
        (2025, restructured.procuracy, sector.thads_long_an),
        (2026, sector.thads_long_an, restructured.procuracy),
    ]:
        ClusterMembershipFactory(cluster=block, unit=leader, year=year, role=role.LEADER)
        ClusterMembershipFactory(cluster=block, unit=deputy, year=year, role=role.DEPUTY)
        ClusterMembershipFactory(cluster=block, unit=sector.district, year=year)
    return block


@pytest.fixture
def lao_cai_block(sector):
    """A grouping the Long An users have nothing to do with."""
    block = ClusterFactory(name="Cụm thi đua Miền núi phía Bắc", kind=Cluster.Kind.ZONE)
    ClusterMembershipFactory(
        cluster=block,
        unit=sector.thads_lao_cai,
        year=2026,
        role=ClusterMembership.Role.LEADER,
    )
    return block
