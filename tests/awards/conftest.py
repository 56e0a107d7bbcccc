"""A small award catalogue built with factories, and a helper to write people's histories.

Two rule versions for CSTĐCS show the switch on 01/07/2025: under Decree 98/2023 the
LĐTT prerequisite blocks, under Decree 152/2025 it only warns.
"""

import datetime
from types import SimpleNamespace

import pytest

from awards.catalogue.models import Authority, Award
from awards.models import Decision
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    AwardRuleFactory,
    ConfermentFactory,
    DecisionFactory,
    LegalDocumentFactory,
    PersonFactory,
    PrerequisiteFactory,
)
from units.models import Discipline, InitiativeLevel, QualityRating

Rating = QualityRating.Rating
D = datetime.date


@pytest.fixture
def award_catalogue(db):
    law = LegalDocumentFactory(number="06/2022/QH15", kind="law", title="Luật Thi đua, khen thưởng")
    nd98 = LegalDocumentFactory(number="98/2023/NĐ-CP", effective_to=D(2025, 6, 30))
    nd152 = LegalDocumentFactory(number="152/2025/NĐ-CP", effective_from=D(2025, 7, 1))
    head = AuthorityFactory(code="thu-truong", name="Thủ trưởng đơn vị", level=Authority.Level.UNIT)
    minister = AuthorityFactory(code="bo-truong")
    pm = AuthorityFactory(code="thu-tuong", name="Thủ tướng Chính phủ", level=Authority.Level.STATE)

    def award(code, name, short_name="", authority=head, **extra):
        extra.setdefault("kind", Award.Kind.TITLE)
        return AwardFactory(
            code=code, name=name, short_name=short_name, authority=authority, **extra
        )

    def rule(award, bases=(law, nd152), **fields):
        made = AwardRuleFactory(award=award, **fields)
        made.legal_bases.set(bases)
        return made

    ldtt = award("ldtt", "Lao động tiên tiến", "LĐTT", form_name="Danh hiệu")
    cstdcs = award("cstdcs", "Chiến sĩ thi đua cơ sở", "CSTĐCS", form_name="Danh hiệu")
    nganh = award(
        "cstd-nganh",
        "Chiến sĩ thi đua ngành Tư pháp",
        "CSTĐ ngành",
        minister,
        form_name="Danh hiệu",
    )
    bk = award("bk-bo", "Bằng khen của Bộ trưởng", "BK Bộ", minister, kind=Award.Kind.REWARD)
    bk_sudden = award(
        "bk-bo-dot-xuat",
        "Bằng khen của Bộ trưởng (đột xuất)",
        authority=minister,
        kind=Award.Kind.REWARD,
        reward_type=Award.RewardType.SUDDEN,
    )
    bk_themed = award(
        "bk-bo-chuyen-de",
        "Bằng khen của Bộ trưởng (chuyên đề)",
        authority=minister,
        kind=Award.Kind.REWARD,
        reward_type=Award.RewardType.THEMED,
    )
    bk_ttg = award("bk-ttg", "Bằng khen của Thủ tướng Chính phủ", authority=pm, kind="reward")
    knc = award(
        "knc-tu-phap",
        'Kỷ niệm chương "Vì sự nghiệp Tư pháp"',
        authority=minister,
        kind=Award.Kind.REWARD,
        form_name="Kỷ niệm chương",
        reward_type=Award.RewardType.DEDICATION,
    )
    tt_ldtt = award(
        "tt-ldtt", "Tập thể lao động tiên tiến", subject=Award.Subject.COLLECTIVE, form_name="DH"
    )
    tt_ldxs = award(
        "tt-ldxs", "Tập thể lao động xuất sắc", subject=Award.Subject.COLLECTIVE, form_name="DH"
    )

    rule(ldtt, min_rating=Rating.GOOD)
    cstdcs_98 = rule(
        cstdcs,
        bases=(law, nd98),
        effective_to=D(2025, 6, 30),
        initiative_level=InitiativeLevel.BASE,
        initiatives_required=1,
        quota_percent=15,
        quota_base=ldtt,
    )
    PrerequisiteFactory(rule=cstdcs_98, required_award=ldtt, blocking=True)
    cstdcs_152 = rule(
        cstdcs,
        effective_from=D(2025, 7, 1),
        initiative_level=InitiativeLevel.BASE,
        initiatives_required=1,
        quota_percent=15,
        quota_base=ldtt,
        unverified=True,
    )
    PrerequisiteFactory(rule=cstdcs_152, required_award=ldtt)
    nganh_rule = rule(nganh, initiative_level=InitiativeLevel.MINISTRY, initiative_window_years=3)
    PrerequisiteFactory(
        rule=nganh_rule, required_award=cstdcs, count=3, window_years=3, consecutive=True
    )
    rule(bk)
    ttg_rule = rule(bk_ttg)
    PrerequisiteFactory(rule=ttg_rule, required_award=bk, count=2, window_years=5)
    rule(knc, once_per_subject=True, min_service_years=20)
    rule(tt_ldtt, member_award=ldtt, member_share_percent=50, member_share_strict=True)
    rule(
        tt_ldxs,
        member_award=ldtt,
        member_share_percent=70,
        all_members_completed=True,
        min_members_with_award=cstdcs,
        min_members_count=1,
        max_member_discipline=Discipline.Form.REPRIMAND,
    )
    return SimpleNamespace(
        ldtt=ldtt,
        cstdcs=cstdcs,
        cstdcs_98=cstdcs_98,
        cstdcs_152=cstdcs_152,
        nganh=nganh,
        bk=bk,
        bk_sudden=bk_sudden,
        bk_themed=bk_themed,
        bk_ttg=bk_ttg,
        knc=knc,
        tt_ldtt=tt_ldtt,
        tt_ldxs=tt_ldxs,
    )


@pytest.fixture
def confer(sector):
    """``confer(award, year, person=… or unit=…, number=…, signed_on=…)`` writes a conferment
    on its own decision issued by THADS Long An."""

    def _confer(
        award,
        year,
        *,
        person=None,
        unit=None,
        number=None,
        signed_on=None,
        revoked=False,
        status=Decision.Status.ISSUED,
    ):
        decision = DecisionFactory(
            authority=award.authority,
            issuing_unit=sector.thads_long_an,
            year=year + 1,
            signed_on=signed_on or D(year + 1, 1, 15),
            status=status,
            **({"number": number} if number else {}),
        )
        return ConfermentFactory(
            decision=decision,
            award=award,
            person=person,
            unit=unit or (person.unit if person else sector.thads_long_an),
            year=year,
            revoked=revoked,
        )

    return _confer


@pytest.fixture
def nominee(sector):
    return PersonFactory(full_name="Trần Thị Hoa", gender="F", assigned_to=sector.thads_long_an)
