"""Drafted documents: the tờ trình of a proposal and, after the council's vote, the dự thảo
quyết định, worded from editable templates, as PDF and .docx.

The proposal is the workflow's (``appraised``): the district office of Long An proposes An
for the minister's Bằng khen and Bình for CSTĐ ngành; the ministry's council passes An (4/5,
80 % needed) and not Bình (90 % needed).
"""

import io

import pytest
from django.urls import reverse
from docx import Document

from awards.certificates import drafts, services, word
from awards.certificates.models import DocumentTemplate
from awards.models import Proposal
from tests.awards.helpers import vote_and_close
from tests.thidua.pdf_helpers import text_of


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


@pytest.fixture
def voted(appraised, wf_council, cast):
    vote_and_close([appraised.an, appraised.binh], wf_council, cast)
    appraised.proposal = Proposal.objects.get(pk=appraised.proposal.pk)
    return appraised


def _general(document):
    return DocumentTemplate.objects.get(document=document, authority=None, award_kind="")


def test_general_templates_are_seeded_for_both_documents_and_titles(db):
    seeded = set(
        DocumentTemplate.objects.filter(authority=None).values_list("document", "award_kind")
    )
    assert seeded == {
        ("submission", ""),
        ("submission", "title"),
        ("decision", ""),
        ("decision", "title"),
    }


def test_the_submission_carries_the_units_nominees_awards_and_counts(appraised):
    made = drafts.draft(appraised.proposal, drafts.SUBMISSION)
    text = drafts.filled(made).text
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in text
    assert made.values["issuer_code"] == "PTHADSKVLA"
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Bộ trưởng Bộ Tư pháp" in text
    assert (
        "tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho 01 cá nhân; tặng Chiến sĩ thi đua ngành "
        "Tư pháp cho 01 cá nhân (có danh sách kèm theo)" in text
    )
    assert [row["name"] for row in made.rows] == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert made.values["count_words"] == "02 cá nhân"
    # The căn cứ: the law and decree of the awards' rule versions.
    assert "Căn cứ Luật Thi đua" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text
    # Before the vote there is no council result.
    assert made.values["council_result"] == ""


def test_the_decision_draft_lists_only_what_the_council_passed(voted):
    made = drafts.draft(voted.proposal, drafts.DECISION)
    text = drafts.filled(made).text
    assert [row["name"] for row in made.rows] == ["Nguyễn Văn An"]
    assert "DỰ THẢO" not in text  # the mark is printed apart from the text
    assert "QUYẾT ĐỊNH" in text
    assert "BỘ TƯ PHÁP" in text  # issued by the authority's unit
    assert "Về việc tặng Bằng khen của Bộ trưởng Bộ Tư pháp" in text
    assert "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho 01 cá nhân" in text
    assert "Xét kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng Bộ Tư pháp ngày 10/01/2026" in (
        text
    )
    assert made.values["council_result"] == (
        "Hội đồng Thi đua – Khen thưởng Bộ Tư pháp họp ngày 10/01/2026, bỏ phiếu kín: "
        "01 cá nhân đạt tỷ lệ phiếu đồng ý theo quy định, 01 cá nhân không đạt."
    )
    assert "Lê Thị Bình" not in text


def test_a_prime_ministers_award_is_drafted_in_the_prime_ministers_name(pm_voted):
    text = drafts.filled(drafts.draft(pm_voted, drafts.DECISION)).text
    lines = text.splitlines()
    assert lines[0] == "Thủ tướng Chính phủ"  # the masthead's issuer, no parent above it
    assert "THỦ TƯỚNG CHÍNH PHỦ" in lines  # the competent office above the căn cứ
    assert "THỦ TƯỚNG" in lines  # who signs
    assert "Theo đề nghị của Bộ trưởng Bộ Tư pháp." in lines
    assert "Điều 1. Tặng Bằng khen của Thủ tướng Chính phủ cho 01 cá nhân" in text


def test_editing_the_template_changes_the_document(voted, admin_user):
    template = _general(DocumentTemplate.Document.DECISION)
    data = {"body": "Điều 1. Tặng {award_words} cho {nominee_names}.\n{council_result}"}
    services.document_template_save(template=template, by=admin_user, data=data)
    text = drafts.filled(drafts.draft(voted.proposal, drafts.DECISION)).text
    assert "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho Nguyễn Văn An." in text
    assert "01 cá nhân đạt tỷ lệ phiếu đồng ý theo quy định, 01 cá nhân không đạt." in text
    assert "Tiền thưởng" not in text


def test_an_authoritys_own_template_wins_over_the_general_one(appraised, wf_catalogue):
    own = DocumentTemplate.objects.create(
        document="submission",
        authority=wf_catalogue.minister,
        subject="Đề nghị riêng của Bộ trưởng năm {year}",
        body="{issuer}",
        signature="{signer_title}",
    )
    made = drafts.draft(appraised.proposal, drafts.SUBMISSION)
    assert made.template == own
    assert drafts.filled(made).subject == "Đề nghị riêng của Bộ trưởng năm 2025"
    # A template for the award kind of every nominee (both are reward forms) wins over it.
    kind = DocumentTemplate.objects.create(
        document="submission",
        authority=wf_catalogue.minister,
        award_kind="reward",
        subject="Hình thức khen thưởng",
        body="x",
        signature="y",
    )
    assert drafts.draft(appraised.proposal, drafts.SUBMISSION).template == kind


def test_an_unknown_field_is_refused(admin_user, db):
    template = _general(DocumentTemplate.Document.SUBMISSION)
    with pytest.raises(Exception, match=r"Trường không có trong danh sách: \{don_vi\}"):
        services.document_template_save(
            template=template, by=admin_user, data={"subject": "Về việc {don_vi}"}
        )
    template.refresh_from_db()
    assert template.subject == "Về việc đề nghị tặng {award_words}"


def test_the_general_template_is_not_deleted(admin_user, db):
    template = _general(DocumentTemplate.Document.SUBMISSION)
    with pytest.raises(Exception, match="Mẫu chung"):
        services.document_template_delete(template=template, by=admin_user)
    assert DocumentTemplate.objects.filter(pk=template.pk).exists()


def test_the_docx_opens_and_holds_the_text(voted):
    content = word.build(drafts.filled(drafts.draft(voted.proposal, drafts.DECISION)))
    text = _docx_text(content)
    assert "DỰ THẢO" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho 01 cá nhân" in text
    assert "Nguyễn Văn An" in text
    assert "- Lưu: VT, TĐKT." in text


# --- Pages ----------------------------------------------------------------------------------


def test_the_submission_pdf_and_docx_for_the_proposing_unit(login, appraised, cast):
    client = login(cast.staff)
    pk = appraised.proposal.pk
    response = client.get(reverse("certificates:submission_pdf", args=[pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "TỜ TRÌNH" in text
    assert "Nguyễn Văn An" in text
    assert "Lê Thị Bình" in text
    response = client.get(reverse("certificates:submission_docx", args=[pk]))
    assert "attachment" in response["Content-Disposition"]
    assert "Kính gửi: Bộ trưởng Bộ Tư pháp" in _docx_text(response.content)


def test_the_decision_draft_is_for_leaders_of_the_authority_after_the_vote(
    login, appraised, wf_council, cast
):
    url = reverse("certificates:decision_draft_pdf", args=[appraised.proposal.pk])
    assert login(cast.chief).get(url).status_code == 403  # not voted yet
    vote_and_close([appraised.an, appraised.binh], wf_council, cast)
    response = login(cast.chief).get(url)
    assert response.status_code == 200
    text = text_of(response.content)
    assert "DỰ THẢO" in text
    assert "Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho 01 cá nhân" in text
    # The proposing unit's staff and the ministry's TĐKT staff see the proposal, not the draft.
    assert login(cast.staff).get(url).status_code == 403
    assert login(cast.office).get(url).status_code == 403
    assert login(cast.stranger).get(url).status_code == 404


def test_the_proposal_page_links_the_documents(login, voted, cast):
    url = reverse("awards:proposal_detail", args=[voted.proposal.pk])
    chief = login(cast.chief).get(url).content.decode()
    assert reverse("certificates:submission_docx", args=[voted.proposal.pk]) in chief
    assert reverse("certificates:decision_draft_docx", args=[voted.proposal.pk]) in chief
    staff = login(cast.staff).get(url).content.decode()
    assert reverse("certificates:submission_pdf", args=[voted.proposal.pk]) in staff
    assert reverse("certificates:decision_draft_pdf", args=[voted.proposal.pk]) not in staff


def test_the_closed_session_links_the_decision_drafts(login, voted, cast):
    session = voted.an.agenda_items.get().session
    page = login(cast.chief).get(reverse("awards:session_detail", args=[session.pk]))
    assert reverse("certificates:decision_draft_pdf", args=[voted.proposal.pk]) in (
        page.content.decode()
    )


def test_the_editor_preview_follows_the_posted_wording(login, admin_user, db):
    template = _general(DocumentTemplate.Document.SUBMISSION)
    client = login(admin_user)
    page = client.get(reverse("certificates:document_template_edit", args=[template.pk]))
    assert "{award_counts}" in page.content.decode()  # the field legend
    data = {"document": "submission", "authority": "", "award_kind": ""}
    data |= {name: getattr(template, name) for name in DocumentTemplate.WORDING}
    url = reverse("certificates:document_template_preview", args=[template.pk])
    shown = client.post(url, data | {"subject": "Về việc khen {nominee_names}"}).content.decode()
    assert "Về việc khen Nguyễn Thị Thanh Hương, Lê Văn Tám" in shown
    refused = client.post(url, data | {"subject": "{sai}"}).content.decode()
    assert "Trường không có trong danh sách: {sai}" in refused
    template.refresh_from_db()
    assert template.subject == "Về việc đề nghị tặng {award_words}"  # the preview saves nothing


def test_admin_saves_an_authoritys_template_and_sees_its_history(login, admin_user, wf_catalogue):
    client = login(admin_user)
    data = {"document": "decision", "authority": wf_catalogue.minister.pk, "award_kind": ""}
    data |= dict.fromkeys(DocumentTemplate.WORDING, "")
    data |= {"subject": "Về việc tặng {award_words}", "body": "Điều 1. {award_counts}."}
    data |= {"signature": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"}
    response = client.post(reverse("certificates:document_template_create"), data)
    assert response.status_code == 302
    made = DocumentTemplate.objects.get(authority=wf_catalogue.minister)
    assert made.updated_by == admin_user
    page = client.get(reverse("certificates:document_template_pdf", args=[made.pk]))
    assert "KT. BỘ TRƯỞNG" in text_of(page.content)
    listing = client.get(reverse("certificates:document_templates")).content.decode()
    assert "Bộ trưởng Bộ Tư pháp" in listing


def test_the_template_page_shows_who_changed_which_wording(login, admin_user, db):
    template = _general(DocumentTemplate.Document.DECISION)
    url = reverse("certificates:document_template_edit", args=[template.pk])
    data = {"document": "decision", "authority": "", "award_kind": ""}
    data |= {name: getattr(template, name) for name in DocumentTemplate.WORDING}
    client = login(admin_user)
    assert client.post(url, data | {"subject": "Lần một {year}"}).status_code == 302
    assert client.post(url, data | {"subject": "Lần hai {year}"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Trích yếu: Lần một {year} → Lần hai {year}" in page
    # The general template offers no deletion; refused if asked anyway.
    assert reverse("certificates:document_template_delete", args=[template.pk]) not in page
    client.post(reverse("certificates:document_template_delete", args=[template.pk]))
    assert DocumentTemplate.objects.filter(pk=template.pk).exists()


def test_a_second_general_template_is_refused_and_the_typing_kept(login, admin_user, db):
    data = {"document": "submission", "authority": "", "award_kind": ""}
    data |= dict.fromkeys(DocumentTemplate.WORDING, "")
    data |= {"subject": "Tờ trình thứ hai {year}", "body": "x", "signature": "y"}
    response = login(admin_user).post(reverse("certificates:document_template_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã có mẫu" in page
    assert "Tờ trình thứ hai {year}" in page
    assert DocumentTemplate.objects.filter(document="submission", authority=None).count() == 2
