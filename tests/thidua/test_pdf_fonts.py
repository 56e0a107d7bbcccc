"""Every PDF the app prints is set in one font, Tinos, and its Vietnamese reads back exactly.

Each kind is fetched through its own view, as a user would download it, for data named with
the hardest diacritics ("Nguyễn Thị Ượng", "Đặng Hữu Kỹ"). A glyph missing from the font would
show as a second embedded family (Pango's fallback) or as text that extracts differently.
"""

import datetime

import pytest
from django.urls import reverse

from awards.catalogue.models import Award
from awards.models import AgendaItem, CouncilSession, Decision, Nominee, Proposal, PublicNotice
from campaigns.models import Scorecard, ScoringRound
from campaigns.services import pledge_sign
from tests.campaigns.scoring.helpers import build_sheet, fill
from tests.factories import (
    AwardFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ConfermentFactory,
    CouncilFactory,
    DecisionFactory,
    NomineeFactory,
    PersonFactory,
    PledgeFactory,
    ProposalFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from tests.thidua.pdf_helpers import body, embedded_families, text_of
from thidua.core.systemdeps import PDF_FONT_FAMILY
from units.models import UnitRole

NAMES = ("Nguyễn Thị Ượng", "Đặng Hữu Kỹ")
UNIT = "Phòng Thi hành án dân sự khu vực Ỷ Lã – Ngữ Yến"
YEAR = 2025
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture
def office(sector):
    return UnitFactory(name=UNIT, code="thads-ky", parent=sector.thads_long_an)


@pytest.fixture
def decision(sector, office):
    """An issued decision of the Minister giving a Bằng khen to both people, handled by the
    ministry (where the admin prints)."""
    award = AwardFactory(
        code="bk-bo-truong",
        name="Bằng khen của Bộ trưởng Bộ Tư pháp",
        form_name="Bằng khen",
        kind=Award.Kind.REWARD,
    )
    decision = DecisionFactory(
        issuing_unit=sector.ministry,
        handling_unit=sector.ministry,
        number="15/QĐ-BTP",
        year=YEAR,
        signed_on=datetime.date(YEAR, 12, 20),
        signer_name="Đặng Hữu Kỹ",
        status=Decision.Status.ISSUED,
    )
    for name in NAMES:
        person = PersonFactory(full_name=name, assigned_to=office)
        ConfermentFactory(decision=decision, award=award, person=person, unit=office, year=YEAR)
    return decision


def decision_pdf(login, admin_user, decision, **_):
    return login(admin_user).get(reverse("awards:decision_pdf", args=[decision.pk]))


def certificates_pdf(login, admin_user, decision, **_):
    url = reverse("certificates:decision_print", args=[decision.pk])
    return login(admin_user).post(url, {"mode": "full", "reason": "", "confirm": "1"})


def report_pdf(login, admin_user, decision, **_):
    client = login(admin_user)
    response = client.post(reverse("reports:export"), {"scope": "sector", "start": YEAR})
    assert response.status_code == 302
    return client.get(response.url)


def report_summary_pdf(login, admin_user, decision, **_):
    url = reverse("reports:summary_pdf")
    return login(admin_user).get(url, {"scope": "sector", "start": YEAR})


def statistics_pdf(login, admin_user, decision, **_):
    query = {"scope": "sector", "year": YEAR, "form": "0603", "format": "pdf"}
    return login(admin_user).get(reverse("reports:statistics"), query)


def public_notice_pdf(login, admin_user, sector, office, **_):
    council = CouncilFactory(unit=sector.ministry, name="Hội đồng Thi đua – Khen thưởng Bộ")
    session = CouncilSession.objects.create(council=council, date=datetime.date(2026, 1, 20))
    proposal = ProposalFactory(proposing_unit=sector.thads_long_an)
    for order, name in enumerate(NAMES):
        nominee = NomineeFactory(
            proposal=proposal, person=PersonFactory(full_name=name, assigned_to=office)
        )
        AgendaItem.objects.create(session=session, nominee=nominee, order=order)
        PublicNotice.objects.create(
            nominee=nominee,
            start=datetime.date(2026, 1, 5),
            working_days=10,
            ends_on=datetime.date(2026, 1, 16),
        )
    url = reverse("certificates:session_public_notice", args=[session.pk])
    return login(admin_user).get(url)


def minutes_pdf(login, admin_user, sector, office, **_):
    """The council's minutes of the same session (its agenda, not yet voted)."""
    public_notice_pdf(login=login, admin_user=admin_user, sector=sector, office=office)
    session = CouncilSession.objects.get()
    return login(admin_user).get(reverse("certificates:session_minutes", args=[session.pk]))


def pledge_pdf(login, sector, office, **_):
    """Signed for the office by a leader named like the test's people."""
    leaders = []
    for name, unit in zip(NAMES, (sector.thads_lao_cai, office), strict=True):
        user = UserFactory(first_name=name, last_name="")
        UnitRoleFactory(user=user, unit=unit, role=UnitRole.Role.LEADER)
        leaders.append(user)
    block = ClusterFactory(name="Khối thi đua Đồng bằng – Ỷ Lã")
    ClusterMembershipFactory(cluster=block, unit=sector.thads_lao_cai, year=YEAR, role="leader")
    ClusterMembershipFactory(cluster=block, unit=office, year=YEAR)
    pledge = PledgeFactory(cluster=block, year=YEAR)
    pledge_sign(by=leaders[1], pledge=pledge, unit=office)
    return login(leaders[0]).get(reverse("campaigns:pledge_pdf", kwargs={"pk": pledge.pk}))


def scoring_review_pdf(login, admin_user, sector, office, **_):
    """The review's result of a grouping whose member is the office, with a penalty (−)."""
    block = ClusterFactory(name="Khối thi đua Đồng bằng – Ỷ Lã")
    for unit in (sector.thads_lao_cai, office):
        ClusterMembershipFactory(cluster=block, unit=unit, year=YEAR)
    sheet = build_sheet(year=YEAR, cluster=block, agency_type="")
    scoring_round = ScoringRound.objects.create(
        cluster=block, sheet=sheet, year=YEAR, kind="year_end"
    )
    for unit in (sector.thads_lao_cai, office):
        Scorecard.objects.create(round=scoring_round, unit=unit)
    fill(scoring_round, office, {"P": 2})
    url = reverse("campaigns:scoring_round_review_pdf", args=[scoring_round.pk])
    return login(admin_user).get(url)


def _drafted(sector, office, status=Proposal.Status.DRAFT):
    """The office's proposal of both people, passed by the council when voted."""
    proposal = ProposalFactory(proposing_unit=office, authority_unit=sector.ministry, status=status)
    result = Nominee.Result.PASSED if status == Proposal.Status.VOTED else Nominee.Result.PENDING
    for name in NAMES:
        person = PersonFactory(full_name=name, assigned_to=office)
        NomineeFactory(proposal=proposal, person=person, result=result)
    return proposal


def submission_pdf(login, admin_user, sector, office, **_):
    proposal = _drafted(sector, office)
    return login(admin_user).get(reverse("certificates:submission_pdf", args=[proposal.pk]))


def decision_draft_pdf(login, admin_user, sector, office, **_):
    proposal = _drafted(sector, office, Proposal.Status.VOTED)
    return login(admin_user).get(reverse("certificates:decision_draft_pdf", args=[proposal.pk]))


# Each kind with the text it must give back exactly.
KINDS = {
    "decision": (decision_pdf, [*NAMES, UNIT, QUOC_HIEU]),
    "certificates": (certificates_pdf, [*NAMES, UNIT, "BỘ TRƯỞNG BỘ TƯ PHÁP"]),
    "report": (report_pdf, [*NAMES, QUOC_HIEU]),
    "report summary": (report_summary_pdf, [QUOC_HIEU, "tặng Bằng khen cho 02 cá nhân"]),
    "statistics 0603": (
        statistics_pdf,
        ["SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG"],
    ),
    "public notice": (public_notice_pdf, [*NAMES, QUOC_HIEU]),
    "council minutes": (minutes_pdf, [*NAMES, QUOC_HIEU, "BIÊN BẢN"]),
    "pledge": (pledge_pdf, [UNIT, QUOC_HIEU, "Đặng Hữu Kỹ"]),
    "submission": (submission_pdf, [*NAMES, UNIT.upper(), QUOC_HIEU, "TỜ TRÌNH"]),
    "decision draft": (decision_draft_pdf, [*NAMES, QUOC_HIEU, "DỰ THẢO", "BỘ TƯ PHÁP"]),
    "scoring review": (
        scoring_review_pdf,
        [UNIT, QUOC_HIEU, "P (−)", "KHỐI THI ĐUA ĐỒNG BẰNG – Ỷ LÃ"],
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_pdf_embeds_only_the_pdf_font_and_reads_back_its_vietnamese(
    kind, login, admin_user, sector, office, decision
):
    make, expected = KINDS[kind]

    response = make(
        login=login, admin_user=admin_user, sector=sector, office=office, decision=decision
    )

    content = body(response)
    assert response["Content-Type"] == "application/pdf"
    assert embedded_families(content) == {PDF_FONT_FAMILY}
    text = text_of(content)
    assert [phrase for phrase in expected if phrase not in text] == []
