"""The fixed cast every test can use.

A small sector: Bộ Tư pháp → Cục Quản lý THADS → THADS Long An → Phòng THADS khu vực 1,
and THADS Lào Cai beside it. Users: ``staff_long_an`` (staff of the district office),
``leader_lao_cai`` (leader of THADS Lào Cai), ``council_member`` (council of the ministry),
``admin`` (TĐKT office); ``staff_lao_cai``, and ``staff_long_an_province``, ``leader_long_an``
and ``council_long_an`` of THADS Long An. Each user sees their own subtree and nothing else.

Lào Cai's id is Long An's followed by a 0 (paths ``…/3/`` and ``…/30/``): a scope compared
without the trailing "/" of its path would let Long An's users see Lào Cai.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import (
    PASSWORD,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import AgencyType, UnitRole

# Fixtures shared beyond one folder (proposal workflow, report data, the People's Committee's
# catalogue of the certificates, the campaign and its people), offered to every test
# here instead of being imported into test modules.
pytest_plugins = [
    "tests.awards.workflow_fixtures",
    "tests.awards.reports.fixtures",
    "tests.awards.certificates.fixtures",
    "tests.campaigns.fixtures",
]


@pytest.fixture(autouse=True)
def vietnamese():
    """Every test starts in the default language: a request in English leaves its language
    active in the thread, and messages of services called directly would follow it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def sector(db):
    long_an = ProvinceFactory(name="Long An")
    lao_cai = ProvinceFactory(name="Lào Cai")
    ministry = UnitFactory(name="Bộ Tư pháp", code="btp", agency_type=AgencyType.MINISTRY)
    hq = UnitFactory(
        name="Cục Quản lý thi hành án dân sự",
        code="cuc-qlthads",
        parent=ministry,
        agency_type=AgencyType.THADS_HQ,
    )
    thads_long_an = UnitFactory(
        name="Thi hành án dân sự tỉnh Long An",
        code="thads-long-an",
        parent=hq,
        province=long_an,
        agency_type=AgencyType.THADS_PROVINCE,
    )
    district = UnitFactory(
        name="Phòng Thi hành án dân sự khu vực 1 – Long An",
        code="thads-long-an-kv1",
        parent=thads_long_an,
        province=long_an,
        agency_type=AgencyType.THADS_LOCAL,
        valid_from=datetime.date(2025, 7, 1),
    )
    thads_lao_cai = UnitFactory(
        pk=int(f"{thads_long_an.pk}0"),
        name="Thi hành án dân sự tỉnh Lào Cai",
        code="thads-lao-cai",
        parent=hq,
        province=lao_cai,
        agency_type=AgencyType.THADS_PROVINCE,
    )
    return SimpleNamespace(
        ministry=ministry,
        hq=hq,
        thads_long_an=thads_long_an,
        district=district,
        thads_lao_cai=thads_lao_cai,
        long_an=long_an,
        lao_cai=lao_cai,
    )


def _user_with_role(username, unit, role, **extra):
    user = UserFactory(username=username, **extra)
    UnitRoleFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def staff_long_an(sector):
    return _user_with_role("staff_long_an", sector.district, UnitRole.Role.STAFF)


@pytest.fixture
def leader_lao_cai(sector):
    return _user_with_role("leader_lao_cai", sector.thads_lao_cai, UnitRole.Role.LEADER)


@pytest.fixture
def council_member(sector):
    return _user_with_role("council_member", sector.ministry, UnitRole.Role.COUNCIL)


@pytest.fixture
def staff_lao_cai(sector):
    return _user_with_role("staff_lao_cai", sector.thads_lao_cai, UnitRole.Role.STAFF)


@pytest.fixture
def leader_long_an(sector):
    return _user_with_role(
        "leader_long_an", sector.thads_long_an, UnitRole.Role.LEADER, first_name="Trần Văn Bình"
    )


@pytest.fixture
def staff_long_an_province(sector):
    return _user_with_role("staff_thads_long_an", sector.thads_long_an, UnitRole.Role.STAFF)


@pytest.fixture
def council_long_an(sector):
    return _user_with_role("council_long_an", sector.thads_long_an, UnitRole.Role.COUNCIL)


@pytest.fixture
def admin_user(sector):
    return _user_with_role(
        "admin", sector.ministry, UnitRole.Role.ADMIN, is_staff=True, is_superuser=True
    )


@pytest.fixture
def person_long_an(sector):
    return PersonFactory(full_name="Nguyễn Văn An", assigned_to=sector.district)


@pytest.fixture
def person_lao_cai(sector):
    return PersonFactory(full_name="Đỗ Thị Lan", gender="F", assigned_to=sector.thads_lao_cai)


@pytest.fixture
def login(client):
    """``login(user)`` signs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def transition_table():
    """``transition_table(workflow)``: each transition's name → (source states, target
    state, roles that may take it, whether it needs a comment), for tests that pin a table."""

    def _table(workflow):
        return {
            t.name: (set(t.sources), t.target, set(t.roles), t.needs_comment)
            for t in workflow.transitions
        }

    return _table


__all__ = ["PASSWORD"]
