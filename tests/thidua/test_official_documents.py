"""Every printed document follows Decree 30/2020/NĐ-CP (the form of administrative documents).

Each kind is downloaded through its own view and read back with pypdf: the masthead (Quốc
hiệu, Tiêu ngữ, issuing body under its parent), the căn cứ of a decision (by type, number,
date and issuer, ordered by legal rank, only the bases of the awards it confers, then "Theo
đề nghị của …"), the counts as the field writes them, the signature block with its authority
words, and one embedded font family.
"""

import datetime

import pytest
from django.urls import reverse

from awards import documents as award_documents
from awards import services
from awards.catalogue.models import Authority, Award, LegalDocument
from awards.models import (
    AgendaItem,
    CouncilSession,
    Decision,
    IssuerProfile,
    PublicNotice,
    SignerAuthority,
)
from campaigns.services import pledge_sign
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    AwardRuleFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ConfermentFactory,
    CouncilFactory,
    DecisionFactory,
    LegalDocumentFactory,
    NomineeFactory,
    PersonFactory,
    PledgeFactory,
    ProposalFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from tests.thidua.pdf_helpers import body, embedded_families, text_of
from thidua.core import documents
from thidua.core.systemdeps import PDF_FONT_FAMILY
from units.models import UnitRole

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
D = datetime.date


def law(number, kind, title, issuer, issued_on, **extra):
    return LegalDocumentFactory(
        number=number,
        kind=kind,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        effective_from=extra.get("effective_from", issued_on),
    )


@pytest.fixture
def legal():
    K = LegalDocument.Kind
    return {
        "law": law("06/2022/QH15", K.LAW, "Luật Thi đua, khen thưởng", "Quốc hội", D(2022, 6, 15)),
        "d98": law(
            "98/2023/NĐ-CP",
            K.DECREE,
            "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
            "Chính phủ",
            D(2023, 12, 31),
        ),
        "d152": law(
            "152/2025/NĐ-CP",
            K.DECREE,
            "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
            "Chính phủ",
            D(2025, 6, 14),
        ),
        "c11": law(
            "11/2023/TT-BTP",
            K.CIRCULAR,
            "Hướng dẫn công tác thi đua, khen thưởng ngành Tư pháp",
            "Bộ Tư pháp",
            D(2023, 12, 29),
        ),
        "c14": law(
            "14/2025/TT-BTP",
            K.CIRCULAR,
            'Quy định xét tặng Kỷ niệm chương "Vì sự nghiệp Tư pháp"',
            "Bộ Tư pháp",
            D(2025, 9, 5),
        ),
        "d39": law(
            "39/2025/NĐ-CP",
            K.DECREE,
            "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp",
            "Chính phủ",
            D(2025, 2, 26),
        ),
        "charter": law(
            "125/QĐ-BTP",
            K.DECISION,
            "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Cục Quản lý thi "
            "hành án dân sự",
            "Bộ trưởng Bộ Tư pháp",
            D(2025, 3, 1),
        ),
    }


def award(code, name, subject, authority, bases, *, form="Bằng khen", until=None):
    entry = AwardFactory(
        code=code,
        name=name,
        form_name=form,
        kind=Award.Kind.REWARD,
        subject=subject,
        authority=authority,
    )
    rule = AwardRuleFactory(award=entry, effective_from=D(2024, 1, 1), effective_to=until)
    rule.legal_bases.set(bases)
    return entry


@pytest.fixture
def catalogue(legal):
    minister = AuthorityFactory(
        code="bo-truong-btp", name="Bộ trưởng Bộ Tư pháp", report_name="Bộ Tư pháp"
    )
    head = AuthorityFactory(
        code="thu-truong-don-vi",
        name="Thủ trưởng đơn vị",
        report_name="Thủ trưởng đơn vị",
        level=Authority.Level.UNIT,
    )
    L = legal
    # Listed out of rank order on purpose: the decision orders them.
    bk_person = award(
        "bk-ca-nhan",
        "Bằng khen của Bộ trưởng Bộ Tư pháp",
        Award.Subject.INDIVIDUAL,
        minister,
        [L["c11"], L["d98"], L["law"]],
        until=D(2025, 6, 30),
    )
    later = AwardRuleFactory(award=bk_person, effective_from=D(2025, 7, 1))
    later.legal_bases.set([L["law"], L["d152"]])
    bk_unit = award(
        "bk-tap-the",
        "Bằng khen của Bộ trưởng Bộ Tư pháp",
        Award.Subject.COLLECTIVE,
        minister,
        [L["law"], L["d98"], L["c11"]],
    )
    # A medal of the same ministry whose circular must not be cited for a Bằng khen.
    award("knc", "Kỷ niệm chương", Award.Subject.INDIVIDUAL, minister, [L["law"], L["c14"]])
    gk = award(
        "gk",
        "Giấy khen của Thủ trưởng đơn vị",
        Award.Subject.INDIVIDUAL,
        head,
        [L["c11"], L["law"]],
        form="Giấy khen",
    )
    return {
        "minister": minister,
        "head": head,
        "bk_person": bk_person,
        "bk_unit": bk_unit,
        "gk": gk,
    }


@pytest.fixture
def minister_decision(sector, catalogue, legal):
    """Signed by a deputy minister for the minister: one person and two collectives."""
    profile = IssuerProfile.objects.create(
        unit=sector.ministry,
        head_title="Bộ trưởng",
        proposer="Vụ trưởng Vụ Thi đua - Khen thưởng",
    )
    profile.authority_bases.set([legal["d39"]])
    decision = DecisionFactory(
        authority=catalogue["minister"],
        issuing_unit=sector.ministry,
        handling_unit=sector.ministry,
        number="15/QĐ-BTP",
        year=2025,
        signed_on=D(2025, 3, 20),
        signer_name="Đặng Hữu Kỹ",
        signer_position="Thứ trưởng",
        signer_authority=SignerAuthority.KT,
        status=Decision.Status.ISSUED,
    )
    person = PersonFactory(full_name="Nguyễn Thị Ượng", assigned_to=sector.district)
    ConfermentFactory(
        decision=decision, award=catalogue["bk_person"], person=person, unit=sector.district
    )
    for unit in (sector.thads_long_an, sector.thads_lao_cai):
        ConfermentFactory(decision=decision, award=catalogue["bk_unit"], unit=unit)
    return decision


@pytest.fixture
def head_decision(sector, catalogue, legal):
    """A Cục's own Giấy khen: the Cục's charter decision gives its head the power."""
    profile = IssuerProfile.objects.create(unit=sector.hq)
    profile.authority_bases.set([legal["charter"]])
    CouncilFactory(unit=sector.hq, name="Hội đồng Thi đua - Khen thưởng Cục")
    decision = DecisionFactory(
        authority=catalogue["head"],
        issuing_unit=sector.hq,
        number="07/QĐ-QLTHADS",
        year=2025,
        signed_on=D(2025, 12, 5),
        place="Hà Nội",
        signer_name="Lê Văn Đức",
        signer_position="Cục trưởng",
        status=Decision.Status.ISSUED,
    )
    for name in ("Trần Văn Bình", "Phạm Thị Cúc"):
        person = PersonFactory(full_name=name, assigned_to=sector.hq)
        ConfermentFactory(decision=decision, award=catalogue["gk"], person=person, unit=sector.hq)
    return decision


def pdf_text(response) -> str:
    content = body(response)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert embedded_families(content) == {PDF_FONT_FAMILY}
    return text_of(content)


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))].strip()


def decision_pdf(client, decision) -> str:
    return pdf_text(client.get(reverse("awards:decision_pdf", args=[decision.pk])))


def test_a_ministers_bang_khen_cites_its_bases_by_rank_and_is_signed_kt(
    login, admin_user, minister_decision
):
    text = decision_pdf(login(admin_user), minister_decision)

    assert NATION in text and MOTTO in text
    assert "Số: 15/QĐ-BTP" in text and "Hà Nội, ngày 20 tháng 3 năm 2025" in text
    assert "QUYẾT ĐỊNH Về việc tặng Bằng khen của Bộ trưởng Bộ Tư pháp BỘ TRƯỞNG BỘ TƯ PHÁP" in text
    assert between(text, "Căn cứ", "QUYẾT ĐỊNH:") == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; "
        "Căn cứ Nghị định số 39/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định "
        "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp; "
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
        "chi tiết một số điều của Luật Thi đua, khen thưởng; "
        "Căn cứ Thông tư số 11/2023/TT-BTP ngày 29 tháng 12 năm 2023 của Bộ Tư pháp hướng dẫn "
        "công tác thi đua, khen thưởng ngành Tư pháp; "
        "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng."
    )
    assert "14/2025/TT-BTP" not in text and "152/2025/NĐ-CP" not in text
    assert "Về việc tặng Bằng khen của Bộ trưởng Bộ Tư pháp;" not in text
    assert (
        "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho 01 cá nhân và 02 tập thể có tên "
        "trong danh sách kèm theo"
    ) in text
    assert "Nơi nhận: - Như Điều 3; - Lưu: VT, TĐKT. KT. BỘ TRƯỞNG THỨ TRƯỞNG Đặng Hữu Kỹ" in text


def test_a_decision_cites_the_functions_decree_in_force_on_its_signing_day(
    login, admin_user, minister_decision, legal
):
    """The profile lists the succession of decrees on the Ministry's functions; a decision
    signed before 39/2025 took effect cites 98/2022, the one in force that day."""
    d98_2022 = law(
        "98/2022/NĐ-CP",
        LegalDocument.Kind.DECREE,
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp",
        "Chính phủ",
        D(2022, 11, 29),
        effective_from=D(2023, 1, 1),
    )
    d98_2022.effective_to = D(2025, 2, 25)
    d98_2022.save()
    profile = minister_decision.issuing_unit.issuer_profile
    profile.authority_bases.add(d98_2022)
    minister_decision.signed_on = D(2025, 2, 20)
    minister_decision.save()

    text = decision_pdf(login(admin_user), minister_decision)

    bases = between(text, "Căn cứ", "QUYẾT ĐỊNH:")
    assert bases.startswith(
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; "
        "Căn cứ Nghị định số 98/2022/NĐ-CP ngày 29 tháng 11 năm 2022 của Chính phủ quy định "
        "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp; "
        "Căn cứ Nghị định số 98/2023/NĐ-CP"
    )
    assert "39/2025/NĐ-CP" not in bases


def test_a_unit_heads_giay_khen_has_its_charter_as_basis_and_no_catalogue_label(
    login, admin_user, head_decision
):
    text = decision_pdf(login(admin_user), head_decision)

    assert text.startswith(
        "BỘ TƯ PHÁP CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ Số: 07/QĐ-QLTHADS " + NATION + " " + MOTTO
    )
    assert "QUYẾT ĐỊNH Về việc tặng Giấy khen CỤC TRƯỞNG CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ" in text
    assert "Thủ trưởng đơn vị" not in text
    assert between(text, "Căn cứ", "QUYẾT ĐỊNH:") == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; "
        "Căn cứ Thông tư số 11/2023/TT-BTP ngày 29 tháng 12 năm 2023 của Bộ Tư pháp hướng dẫn "
        "công tác thi đua, khen thưởng ngành Tư pháp; "
        "Căn cứ Quyết định số 125/QĐ-BTP ngày 01 tháng 3 năm 2025 của Bộ trưởng Bộ Tư pháp "
        "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Cục Quản lý thi hành án "
        "dân sự; "
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Cục."
    )
    assert "Điều 1. Tặng Giấy khen cho 02 cá nhân có tên trong danh sách kèm theo" in text
    assert "CỤC TRƯỞNG Lê Văn Đức" in text
    assert "DANH SÁCH được tặng Giấy khen (Kèm theo Quyết định số 07/QĐ-QLTHADS" in text


def test_a_decision_signed_for_a_peoples_committee_reads_tm_kt(sector, catalogue):
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Long An", code="ubnd-la")
    IssuerProfile.objects.create(
        unit=province, head_title="Chủ tịch", collective_name="Ủy ban nhân dân"
    )
    decision = DecisionFactory(
        authority=catalogue["minister"],
        issuing_unit=province,
        signer_position="Phó Chủ tịch",
        signer_authority=SignerAuthority.TM_KT,
    )
    assert award_documents.decision_signature(decision).lines == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert award_documents.decision_text(decision, []).signer_title == (
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN"
    )


@pytest.mark.parametrize(
    ("body", "authority", "deputy", "lines"),
    [
        ("Chính phủ", "Thủ tướng Chính phủ", "Phó Thủ tướng", ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]),
        (
            "Chủ tịch nước",
            "Chủ tịch nước",
            "Phó Chủ tịch nước",
            ["KT. CHỦ TỊCH NƯỚC", "PHÓ CHỦ TỊCH NƯỚC"],
        ),
    ],
)
def test_a_state_decision_signed_by_a_deputy_names_the_heads_office(
    body, authority, deputy, lines, db
):
    state = AuthorityFactory(code=f"state-{len(body)}", name=authority, report_name=authority)
    decision = DecisionFactory(
        authority=state,
        issuing_unit=UnitFactory(name=body),
        signer_position=deputy,
        signer_authority=SignerAuthority.KT,
    )
    assert award_documents.decision_signature(decision).lines == lines


@pytest.mark.parametrize(
    ("body", "signer"),
    [
        ("Bộ Tư pháp", "BỘ TRƯỞNG"),
        ("Cục Quản lý thi hành án dân sự", "CỤC TRƯỞNG"),
        ("Sở Tư pháp tỉnh Long An", "GIÁM ĐỐC"),
        ("Thi hành án dân sự tỉnh Long An", "TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH"),
    ],
)
def test_a_units_report_is_signed_by_its_heads_usual_title(body, signer, db):
    unit = UnitFactory(name=body)
    assert award_documents.scope_signature("unit", unit.pk, body).lines == [signer]


@pytest.mark.parametrize(
    ("mode", "lines"),
    [
        (documents.OWN, ["BỘ TRƯỞNG"]),
        (documents.KT, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
        (documents.Q, ["Q. BỘ TRƯỞNG"]),
        (documents.TL, ["TL. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
        (documents.TM, ["TM. ỦY BAN NHÂN DÂN", "THỨ TRƯỞNG"]),
    ],
)
def test_signature_authority_words(mode, lines):
    position = "Bộ trưởng" if mode == documents.OWN else "Thứ trưởng"
    assert (
        documents.signature_lines(
            mode=mode, position=position, head_title="Bộ trưởng", collective="Ủy ban nhân dân"
        )
        == lines
    )


@pytest.mark.parametrize(
    ("individuals", "collectives", "words"),
    [
        (1, 0, "01 cá nhân"),
        (0, 2, "02 tập thể"),
        (1, 2, "01 cá nhân và 02 tập thể"),
        (12, 0, "12 cá nhân"),
    ],
)
def test_counts_are_written_as_the_field_writes_them(individuals, collectives, words):
    assert documents.count_phrase(individuals, collectives) == words


def test_public_notice_is_issued_by_the_council_under_its_unit_and_signed_tm(
    login, admin_user, sector
):
    council = CouncilFactory(unit=sector.ministry, name="Hội đồng Thi đua - Khen thưởng Bộ")
    session = CouncilSession.objects.create(council=council, date=D(2026, 1, 20))
    proposal = ProposalFactory(proposing_unit=sector.thads_long_an)
    for order, name in enumerate(("Nguyễn Thị Ượng", "Đặng Hữu Kỹ")):
        person = PersonFactory(full_name=name, assigned_to=sector.district)
        nominee = NomineeFactory(proposal=proposal, person=person)
        AgendaItem.objects.create(session=session, nominee=nominee, order=order)
        PublicNotice.objects.create(
            nominee=nominee, start=D(2026, 1, 5), working_days=10, ends_on=D(2026, 1, 16)
        )

    url = reverse("certificates:session_public_notice", args=[session.pk])
    text = pdf_text(login(admin_user).get(url))

    assert text.startswith(
        "BỘ TƯ PHÁP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BỘ Số: /DS-HĐTĐKT " + NATION + " " + MOTTO
    )
    assert "(Phiên họp Hội đồng ngày 20/01/2026: 02 cá nhân)" in text
    assert text.endswith("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BỘ CHỦ TỊCH")


def test_council_minutes_give_the_tallies_counts_and_both_signatures(
    login, appraised, cast, wf_council
):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    services.session_add_to_agenda(
        session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
    )
    services.session_open(session=session, by=cast.office)
    for i, member in enumerate(wf_council.members):
        for nominee in (appraised.an, appraised.binh):
            vote = "disagree" if nominee == appraised.binh and i < 2 else "agree"
            services.ballot_cast(session=session, nominee=nominee, member=member, vote=vote)
    services.session_close(session=session, by=cast.office)

    url = reverse("certificates:session_minutes", args=[session.pk])
    text = pdf_text(login(cast.office).get(url))

    assert text.startswith(
        "BỘ TƯ PHÁP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG BỘ TƯ PHÁP Số: /BB-HĐTĐKT "
        + NATION
        + " "
        + MOTTO
        + " Hà Nội, ngày 10 tháng 01 năm 2026 BIÊN BẢN"
    )
    assert "Tổng số thành viên Hội đồng: 05." in text
    assert "1 Nguyễn Văn An" in text and "5 0 Hội đồng đồng ý" in text
    assert "2 Lê Thị Bình" in text and "3 2 Hội đồng không đồng ý" in text
    assert "Hội đồng đồng ý đề nghị khen thưởng cho 01 cá nhân có tên trên." in text
    assert text.endswith("THƯ KÝ HỘI ĐỒNG Thành viên 3 CHỦ TỊCH HỘI ĐỒNG Thành viên 1")


@pytest.fixture
def conferred(sector, catalogue):
    decision = DecisionFactory(
        authority=catalogue["minister"],
        issuing_unit=sector.ministry,
        handling_unit=sector.ministry,
        number="20/QĐ-BTP",
        year=2025,
        signed_on=D(2025, 12, 20),
        signer_name="Đặng Hữu Kỹ",
        signer_position="Thứ trưởng",
        signer_authority=SignerAuthority.KT,
        status=Decision.Status.ISSUED,
    )
    for name in ("Nguyễn Thị Ượng", "Đặng Hữu Kỹ"):
        person = PersonFactory(full_name=name, assigned_to=sector.district)
        ConfermentFactory(
            decision=decision,
            award=catalogue["bk_person"],
            person=person,
            unit=sector.district,
            year=2025,
        )
    return decision


def test_a_sector_report_is_signed_by_the_minister_not_a_generic_head(login, admin_user, conferred):
    url = reverse("reports:summary_pdf")
    text = pdf_text(login(admin_user).get(url, {"scope": "sector", "start": 2025}))

    assert text.startswith("BỘ TƯ PHÁP Số: /BC " + NATION + " " + MOTTO)
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in text
    assert "Nơi nhận: - Như trên; - Lưu: VT, TĐKT. BỘ TRƯỞNG" in text


def test_a_sector_statistics_table_is_signed_by_the_minister(login, admin_user, conferred):
    query = {"scope": "sector", "year": 2025, "form": "0603", "format": "pdf"}
    text = pdf_text(login(admin_user).get(reverse("reports:statistics"), query))

    assert "THỦ TRƯỞNG ĐƠN VỊ" not in text
    assert "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên) BỘ TRƯỞNG (Ký, ghi rõ họ tên, đóng dấu)" in text


def test_plain_paper_certificates_carry_the_quoc_hieu_and_tieu_ngu(login, admin_user, conferred):
    url = reverse("certificates:decision_print", args=[conferred.pk])
    response = login(admin_user).post(url, {"mode": "full", "reason": "", "confirm": "1"})
    text = pdf_text(response)

    assert text.count(f"{NATION} {MOTTO} BỘ TRƯỞNG BỘ TƯ PHÁP") == 2  # one per certificate
    assert text.count("KT. BỘ TRƯỞNG THỨ TRƯỞNG Đặng Hữu Kỹ") == 2
    assert "Nguyễn Thị Ượng" in text and "Đặng Hữu Kỹ" in text


def test_the_pledge_carries_the_masthead(login, sector):
    leader = UserFactory(first_name="Đặng Hữu Kỹ", last_name="")
    UnitRoleFactory(user=leader, unit=sector.thads_long_an, role=UnitRole.Role.LEADER)
    block = ClusterFactory(name="Khối thi đua Đồng bằng")
    ClusterMembershipFactory(cluster=block, unit=sector.thads_long_an, year=2025, role="leader")
    pledge = PledgeFactory(cluster=block, year=2025)
    pledge_sign(by=leader, pledge=pledge, unit=sector.thads_long_an)

    url = reverse("campaigns:pledge_pdf", kwargs={"pk": pledge.pk})
    text = pdf_text(login(leader).get(url))

    assert text.startswith(f"KHỐI THI ĐUA ĐỒNG BẰNG {NATION} {MOTTO}")
