"""An issued decision of the Chairman of Long An's People's Committee, as in issue #9.

It is handled by THADS Long An (``leader_long_an`` prints it); its recipients are the
example's executor and a collective.
"""

import datetime
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from awards.catalogue.models import Authority, Award
from awards.models import Decision
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    ConfermentFactory,
    DecisionFactory,
    PersonFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import UnitRole

ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace folded (wrapped lines joined by one space)."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def ubnd(sector):
    authority = AuthorityFactory(
        code="chu-tich-ubnd-tinh",
        name="Chủ tịch Ủy ban nhân dân tỉnh",
        report_name="Ủy ban nhân dân tỉnh",
        level=Authority.Level.MINISTRY_PROVINCE,
    )
    unit = UnitFactory(name="Ủy ban nhân dân tỉnh Long An", code="ubnd-long-an")
    award = AwardFactory(
        code="bk-ubnd",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        form_name="Bằng khen",
        kind=Award.Kind.REWARD,
        authority=authority,
    )
    collective_award = AwardFactory(
        code="tt-ldxs",
        name="Tập thể lao động xuất sắc",
        form_name="Danh hiệu",
        kind=Award.Kind.TITLE,
        subject=Award.Subject.COLLECTIVE,
        authority=authority,
    )
    return SimpleNamespace(
        authority=authority, unit=unit, award=award, collective_award=collective_award
    )


def make_decision(sector, ubnd, *, number="12/QĐ-UBND", day=None, status=None, **extra):
    day = day or datetime.date(2026, 1, 15)
    extra.setdefault("issuing_unit", ubnd.unit)
    return DecisionFactory(
        authority=ubnd.authority,
        handling_unit=sector.thads_long_an,
        number=number,
        year=day.year,
        signed_on=day,
        place="Long An",
        signer_name="Nguyễn Văn Út",
        signer_position="Chủ tịch",
        status=status or Decision.Status.ISSUED,
        **extra,
    )


def confer_people(decision, award, unit, names, position="Chấp hành viên"):
    made = []
    for name in names:
        person = PersonFactory(full_name=name, gender="F", assigned_to=unit)
        made.append(
            ConfermentFactory(
                decision=decision,
                award=award,
                person=person,
                unit=unit,
                position=position,
                year=decision.year - 1,
                achievement=ACHIEVEMENT,
            )
        )
    return made


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
