"""An issued decision of the Chairman of Long An's People's Committee, as in issue #9.

It is handled by THADS Long An (``leader_long_an`` prints it); its recipients are the
example's executor and a collective. The authority and its awards (``ubnd``) come from
``fixtures.py``, through ``pytest_plugins`` in ``tests/conftest.py``; the helpers that make
such decisions and read PDFs are in ``helpers.py``.
"""

import pytest

from tests.awards.certificates.helpers import ACHIEVEMENT, make_decision
from tests.factories import (
    ConfermentFactory,
    PersonFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import UnitRole


@pytest.fixture
def decision(sector, ubnd):
    made = make_decision(sector, ubnd)
    huong = PersonFactory(
        full_name="Nguyễn Thị Thanh Hương", gender="F", assigned_to=sector.district
    )
    # She has moved on since: the certificate shows what she was on the decision's date.
    huong.position = "Phó Trưởng phòng"
    huong.save()
    ConfermentFactory(
        decision=made,
        award=ubnd.award,
        person=huong,
        unit=sector.district,
        position="Chấp hành viên",
        year=2025,
        achievement=ACHIEVEMENT,
    )
    ConfermentFactory(decision=made, award=ubnd.collective_award, unit=sector.district, year=2025)
    return made


@pytest.fixture
def leader_long_an(sector):
    user = UserFactory(username="leader_long_an", first_name="Lê", last_name="Văn Tâm")
    UnitRoleFactory(user=user, unit=sector.thads_long_an, role=UnitRole.Role.LEADER)
    return user
