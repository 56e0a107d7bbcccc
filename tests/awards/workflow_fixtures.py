"""The cast, catalogue and files of the proposal → council → decision tests.

Its fixtures reach every test through ``pytest_plugins`` in ``tests/conftest.py``; the plain
helpers (``YEAR``, ``upload_all``, ``make_file``…) live in ``tests/awards/helpers.py``.
The district office of Long An (``sector.district``) proposes to the minister; the
ministry's TĐKT office (``cast.office``) appraises and runs a five-member council.
Rules: Bằng khen needs 80 % of the council, CSTĐ ngành 90 % and warns without a prior
Bằng khen, Bằng khen Thủ tướng goes up from the ministry.
"""

from types import SimpleNamespace

import pytest

from awards import services
from awards.catalogue.models import Authority, Award
from awards.models import CouncilMember, Proposal
from tests.awards.helpers import YEAR, D, upload_all, vote_and_close
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    AwardRuleFactory,
    LegalDocumentFactory,
    PersonFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import AgencyType, UnitRole

__all__ = [
    "appraised",
    "cast",
    "drafted",
    "government",
    "media_root",
    "pm_voted",
    "wf_catalogue",
    "wf_council",
    "wf_people",
]


# --- Media -------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- People, users, catalogue ----------------------------------------------------------


def _user(username, unit, role, **extra):
    user = UserFactory(username=username, **extra)
    UnitRoleFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def cast(sector, staff_long_an):
    """staff and leader of the district office; office (staff) and chief (leader) of the
    ministry; a leader of THADS Lào Cai who has nothing to do with it."""
    return SimpleNamespace(
        staff=staff_long_an,
        leader=_user("leader_kv1", sector.district, UnitRole.Role.LEADER),
        office=_user("vu_tdkt", sector.ministry, UnitRole.Role.STAFF),
        chief=_user("lanh_dao_bo", sector.ministry, UnitRole.Role.LEADER),
        stranger=_user("leader_lc", sector.thads_lao_cai, UnitRole.Role.LEADER),
    )


@pytest.fixture
def wf_catalogue(db):
    law = LegalDocumentFactory(number="06/2022/QH15", kind="law", title="Luật Thi đua")
    decree = LegalDocumentFactory(number="152/2025/NĐ-CP", effective_from=D(2025, 7, 1))
    minister = AuthorityFactory(
        code="bo-truong-btp", name="Bộ trưởng Bộ Tư pháp", level=Authority.Level.MINISTRY_PROVINCE
    )
    pm = AuthorityFactory(code="thu-tuong", name="Thủ tướng Chính phủ", level=Authority.Level.STATE)

    def award(code, name, authority, threshold, **rule):
        made = AwardFactory(code=code, name=name, authority=authority, kind=Award.Kind.REWARD)
        version = AwardRuleFactory(
            award=made, effective_from=D(2024, 1, 1), vote_threshold_percent=threshold, **rule
        )
        version.legal_bases.set([law, decree])
        return made, version

    bk, bk_rule = award(
        "bk-bo", "Bằng khen của Bộ trưởng Bộ Tư pháp", minister, 80, cash_multiplier=1
    )
    cstd, cstd_rule = award("cstd-nganh", "Chiến sĩ thi đua ngành Tư pháp", minister, 90)
    cstd_rule.prerequisites.create(required_award=bk, count=1, window_years=1)
    bk_ttg, _rule = award("bk-ttg", "Bằng khen của Thủ tướng Chính phủ", pm, 80, cash_multiplier=2)
    return SimpleNamespace(
        law=law,
        decree=decree,
        minister=minister,
        pm=pm,
        bk=bk,
        bk_rule=bk_rule,
        cstd=cstd,
        cstd_rule=cstd_rule,
        bk_ttg=bk_ttg,
    )


@pytest.fixture
def wf_people(sector):
    """Two officers of the district office, both there since 2020."""
    return SimpleNamespace(
        an=PersonFactory(
            full_name="Nguyễn Văn An",
            assigned_to=sector.district,
            assigned_to__position="Chấp hành viên",
        ),
        binh=PersonFactory(full_name="Lê Thị Bình", gender="F", assigned_to=sector.district),
    )


@pytest.fixture
def wf_council(sector, cast):
    """The ministry's council: five members (chair, vice, secretary, two members)."""
    council = services.council_create(
        by=cast.chief, unit=sector.ministry, name="Hội đồng Thi đua – Khen thưởng Bộ Tư pháp"
    )
    roles = [
        CouncilMember.Role.CHAIR,
        CouncilMember.Role.VICE,
        CouncilMember.Role.SECRETARY,
        CouncilMember.Role.MEMBER,
        CouncilMember.Role.MEMBER,
    ]
    members = []
    for i, role in enumerate(roles, start=1):
        user = UserFactory(username=f"hd{i}", first_name=f"Thành viên {i}")
        services.council_member_add(council=council, by=cast.chief, user=user, role=role)
        members.append(user)
    return SimpleNamespace(council=council, members=members)


@pytest.fixture
def government(db):
    return UnitFactory(name="Chính phủ", code="chinh-phu", agency_type=AgencyType.EXTERNAL)


# --- Proposals in a given state ----------------------------------------------------------


@pytest.fixture
def drafted(sector, cast, wf_catalogue, wf_people, media_root):
    """A draft to the minister: An for Bằng khen (eligible), Bình for CSTĐ ngành (warned:
    no Bằng khen the year before), with the full dossier."""
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị khen thưởng năm 2025",
    )
    an = services.nominee_add(
        proposal=proposal,
        by=cast.staff,
        award=wf_catalogue.bk,
        person=wf_people.an,
        achievement="Hoàn thành xuất sắc nhiệm vụ thi hành án năm 2025",
    )
    binh = services.nominee_add(
        proposal=proposal,
        by=cast.staff,
        award=wf_catalogue.cstd,
        person=wf_people.binh,
        achievement="Có sáng kiến cấp Bộ",
    )
    upload_all(proposal, cast.staff, [an, binh])
    return SimpleNamespace(proposal=proposal, an=an, binh=binh)


@pytest.fixture
def appraised(drafted, cast):
    """``drafted`` submitted, Bình's warning overridden, forwarded and appraised."""
    proposal = drafted.proposal
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.nominee_override(
        nominee=drafted.binh, by=cast.leader, reason="Có thành tích đột phá trong năm"
    )
    services.proposal_forward(proposal=proposal, by=cast.leader)
    services.proposal_appraise(proposal=proposal, by=cast.office)
    return drafted


@pytest.fixture
def pm_voted(sector, cast, wf_catalogue, wf_people, wf_council, government, media_root):
    """A district's proposal of a Prime Minister's Bằng khen for An, passed by the ministry
    council (4/5) and waiting to be forwarded up."""

    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.pm,
        year=YEAR,
        title="Đề nghị Bằng khen của Thủ tướng Chính phủ",
    )
    an = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.bk_ttg, person=wf_people.an
    )
    upload_all(proposal, cast.staff, [an])
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.proposal_forward(proposal=proposal, by=cast.leader)
    services.proposal_appraise(proposal=proposal, by=cast.office)
    vote_and_close([an], wf_council, cast)
    return Proposal.objects.get(pk=proposal.pk)
