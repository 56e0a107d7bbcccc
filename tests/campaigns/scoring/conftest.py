"""A THADS grouping of six provinces, its 200-point sheet, and helpers to score it.

The sheet (this year): I. Chuyên môn (120): three targets of 40 points each – cases
fully executed ≥ 80 % and money ≥ 60 % (proportional below), cases carried over ≤ 30 %
(nothing above); II. Xây dựng ngành (80): two criteria of 40; a bonus (≤ 5) and a penalty
(≤ 10). Grades: A ≥ 180 with all targets met (at most 2 units), B ≥ 160 with near-misses
of up to 5 points allowed, C ≥ 120, D below. Year-end places: 1 → Cờ thi đua ngành,
2–3 → Bằng khen. THADS Lào Cai leads the grouping this year.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns.models import (
    AwardPlace,
    GradeRule,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringRound,
)
from campaigns.scoring.formulas import formula_score
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

K, F = ScoreItem.Kind, ScoreItem.Formula

ITEMS = [
    # code, parent, kind, name, max, formula, target, higher_is_better, measure
    ("I", "", K.GROUP, "Công tác chuyên môn", 120, F.MANUAL, None, True, ""),
    ("1.1", "I", K.CRITERION, "Tỷ lệ việc thi hành xong", 40, F.PROPORTIONAL, 80, True, "%"),
    ("1.2", "I", K.CRITERION, "Tỷ lệ tiền thi hành xong", 40, F.PROPORTIONAL, 60, True, "%"),
    ("1.3", "I", K.CRITERION, "Tỷ lệ việc chuyển kỳ sau", 40, F.THRESHOLD, 30, False, "%"),
    ("II", "", K.GROUP, "Công tác xây dựng ngành", 80, F.MANUAL, None, True, ""),
    ("2.1", "II", K.CRITERION, "Công tác tổ chức cán bộ", 40, F.MANUAL, None, True, ""),
    (
        "2.2",
        "II",
        K.CRITERION,
        "Công tác kiểm tra, giải quyết khiếu nại",
        40,
        F.MANUAL,
        None,
        True,
        "",
    ),
    ("T", "", K.BONUS, "Sáng kiến, cách làm hay", 5, F.MANUAL, None, True, ""),
    ("P", "", K.PENALTY, "Vi phạm kỷ luật", 10, F.MANUAL, None, True, ""),
]


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


def build_sheet(*, year, cluster=None, status=ScoreSheet.Status.PUBLISHED, places=None, **extra):
    sheet = ScoreSheet.objects.create(
        name="Bảng chấm điểm thi đua cơ quan THADS cấp tỉnh",
        year=year,
        cluster=cluster,
        agency_type=extra.pop("agency_type", AgencyType.THADS_PROVINCE),
        total=Decimal(200),
        status=status,
        **extra,
    )
    by_code = {}
    for order, (code, parent, kind, name, top, formula, target, higher, measure) in enumerate(
        ITEMS
    ):
        by_code[code] = ScoreItem.objects.create(
            sheet=sheet,
            parent=by_code.get(parent),
            kind=kind,
            code=code,
            name=name,
            max_score=Decimal(top),
            order=order,
            formula=formula,
            target=None if target is None else Decimal(target),
            higher_is_better=higher,
            measure=measure,
        )
    rules = [
        ("A", 180, GradeRule.Targets.ALL_MET, 0, 2),
        ("B", 160, GradeRule.Targets.NEAR_MISS, 5, None),
        ("C", 120, GradeRule.Targets.ANY, 0, None),
        ("D", 0, GradeRule.Targets.ANY, 0, None),
    ]
    for order, (grade, least, targets, margin, cap) in enumerate(rules):
        GradeRule.objects.create(
            sheet=sheet,
            grade=grade,
            order=order,
            min_score=Decimal(least),
            targets=targets,
            near_miss_margin=Decimal(margin),
            cap=cap,
        )
    for first, last, award in places or []:
        AwardPlace.objects.create(sheet=sheet, first_place=first, last_place=last, award=award)
    sheet.by_code = by_code
    return sheet


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


FULL = {"1.1": 85, "1.2": 65, "1.3": 20, "2.1": 40, "2.2": 40}


def fill(scoring_round, unit, scores=None, *, agreed=None, status=Scorecard.Status.REVIEWED):
    """Write a unit's scorecard directly: ``scores`` by code (figures for targets),
    ``agreed`` the reviewer's changes by code; targets are scored by their formula."""

    scores = {**FULL, **(scores or {})}
    agreed = agreed or {}
    card = Scorecard.objects.get(round=scoring_round, unit=unit)
    items = {i.code: i for i in scoring_round.sheet.items.all()}
    entries = []
    for code, value in scores.items():
        item, value = items[code], Decimal(str(value))
        entry = ScoreEntry(scorecard=card, item=item)
        if item.is_target:
            entry.actual, entry.self_score = value, formula_score(item, value)
        else:
            entry.self_score = value
        if code in agreed:
            changed = Decimal(str(agreed[code]))
            if item.is_target:
                entry.agreed_actual, entry.agreed = changed, formula_score(item, changed)
            else:
                entry.agreed = changed
            entry.comment = "Điều chỉnh theo số liệu thống kê."
        entries.append(entry)
    ScoreEntry.objects.bulk_create(entries)
    Scorecard.objects.filter(pk=card.pk).update(status=status)
    card.refresh_from_db()
    return card


@pytest.fixture
def panel_user(db):
    """A member of a scoring panel, with a role in no unit of the grouping."""
    other = UnitFactory(name="Vụ Thi đua – Khen thưởng", code="vu-tdkt")
    user = UserFactory(username="panel_member")
    UnitRoleFactory(user=user, unit=other, role=UnitRole.Role.STAFF)
    return user
