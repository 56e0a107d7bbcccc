"""A THADS grouping of six provinces, its 200-point sheet, and helpers to score it.

The sheet (this year): I. Chuyên môn (120): three targets of 40 points each – cases
fully executed ≥ 80 % and money ≥ 60 % (proportional below), cases carried over ≤ 30 %
(nothing above); II. Xây dựng ngành (80): two criteria of 40; a bonus (≤ 5) and a penalty
(≤ 10). Grades: A ≥ 180 with all targets met (at most 2 units), B ≥ 160 with near-misses
of up to 5 points allowed, C ≥ 120, D below. Year-end places: 1 → Cờ thi đua ngành,
2–3 → Bằng khen. THADS Lào Cai leads the grouping this year.
"""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns.models import (
    Scorecard,
    ScoringRound,
)
from tests.campaigns.scoring.helpers import build_sheet
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import AgencyType, UnitRole


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def flag_awards(db):
    minister = AuthorityFactory(code="bo-truong-btp", name="Bộ trưởng Bộ Tư pháp")
    collective = Award.Subject.COLLECTIVE
    return SimpleNamespace(
        flag=AwardFactory(
            code="co-nganh",
            name="Cờ thi đua ngành Tư pháp",
            kind=Award.Kind.TITLE,
            subject=collective,
            authority=minister,
        ),
        merit=AwardFactory(
            code="bk-bo-tap-the",
            name="Bằng khen của Bộ trưởng Bộ Tư pháp (tập thể)",
            subject=collective,
            authority=minister,
        ),
    )


@pytest.fixture
def grouping(sector, this_year, flag_awards):
    """Six provincial THADS agencies; Lào Cai leads; a round of each kind is open."""
    cluster = ClusterFactory(name="Khối thi đua các cơ quan THADS miền núi phía Bắc")
    extra = [
        UnitFactory(
            name=f"Thi hành án dân sự tỉnh {name}",
            code=f"thads-{code}",
            parent=sector.hq,
            agency_type=AgencyType.THADS_PROVINCE,
        )
        for name, code in [
            ("Tuyên Quang", "tuyen-quang"),
            ("Thái Nguyên", "thai-nguyen"),
            ("Phú Thọ", "phu-tho"),
            ("Sơn La", "son-la"),
        ]
    ]
    units = [sector.thads_lao_cai, sector.thads_long_an, *extra]
    for unit in units:
        role = "leader" if unit == sector.thads_lao_cai else "member"
        ClusterMembershipFactory(cluster=cluster, unit=unit, year=this_year, role=role)
    sheet = build_sheet(
        year=this_year,
        cluster=cluster,
        places=[(1, 1, flag_awards.flag), (2, 3, flag_awards.merit)],
    )
    rounds = {}
    for kind in ScoringRound.Kind.values:
        rounds[kind] = ScoringRound.objects.create(
            cluster=cluster, sheet=sheet, year=this_year, kind=kind
        )
        Scorecard.objects.bulk_create(Scorecard(round=rounds[kind], unit=u) for u in units)
    return SimpleNamespace(
        cluster=cluster,
        sheet=sheet,
        units=units,
        lao_cai=sector.thads_lao_cai,
        long_an=sector.thads_long_an,
        tuyen_quang=extra[0],
        thai_nguyen=extra[1],
        phu_tho=extra[2],
        son_la=extra[3],
        mid_year=rounds[ScoringRound.Kind.MID_YEAR],
        year_end=rounds[ScoringRound.Kind.YEAR_END],
    )


@pytest.fixture
def panel_user(db):
    """A member of a scoring panel, with a role in no unit of the grouping."""
    other = UnitFactory(name="Vụ Thi đua – Khen thưởng", code="vu-tdkt")
    user = UserFactory(username="panel_member")
    UnitRoleFactory(user=user, unit=other, role=UnitRole.Role.STAFF)
    return user
