"""The papers kept beside a record (thidua.core.attachments): the same checks as the dossier
upload, a random stored name, an audit entry per upload and removal, the file gone with its
row. A campaign stands for any holder here; who may upload is each app's (tests per app)."""

import pytest
from django.core.exceptions import ValidationError

from awards.models import Decision
from campaigns.models import Campaign
from tests.awards.helpers import PDF, PNG, make_file
from tests.factories import CampaignFactory, DecisionFactory
from thidua.core import attachments, audit
from thidua.core.models import Attachment, AuditEntry

PLAN = Campaign.Paper.PLAN


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def campaign(sector):
    return CampaignFactory(launched_by=sector.thads_lao_cai, scope_units=[sector.thads_lao_cai])


def _add(campaign, by, file, kind=PLAN, title="Kế hoạch số 5/KH-THADS"):
    return attachments.attachment_add(
        holder=campaign,
        kinds=Campaign.Paper,
        kind=kind,
        title=title,
        file=file,
        by=by,
        unit=campaign.launched_by,
    )


def _refusal(campaign, by, file, media, **extra) -> str:
    with pytest.raises(ValidationError) as refused:
        _add(campaign, by, file, **extra)
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]
    return " ".join(refused.value.messages)


def test_a_paper_is_stored_under_a_random_name_and_written_to_the_history(
    campaign, leader_lao_cai, media
):
    paper = _add(campaign, leader_lao_cai, make_file("Kế hoạch phát động.pdf"))
    assert (paper.original_name, paper.content_type, paper.size) == (
        "Kế hoạch phát động.pdf",
        "application/pdf",
        len(PDF),
    )
    assert paper.file.name.startswith(f"attachments/campaigns.campaign/{campaign.pk}/")
    assert paper.file.name.endswith(".pdf") and "phát" not in paper.file.name
    assert paper.file.storage.exists(paper.file.name)
    (entry,) = audit.history(campaign)
    assert (entry.action, entry.actor, entry.unit) == (
        "attachment_add",
        leader_lao_cai,
        campaign.launched_by,
    )
    assert entry.comment == ("Kế hoạch phát động: Kế hoạch số 5/KH-THADS (Kế hoạch phát động.pdf)")


def test_a_png_called_pdf_is_refused_in_vietnamese_and_nothing_is_kept(
    campaign, leader_lao_cai, media
):
    assert _refusal(campaign, leader_lao_cai, make_file("ke-hoach.pdf", PNG), media) == (
        "Tệp “ke-hoach.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn đúng tệp."
    )


def test_a_program_called_pdf_is_refused(campaign, leader_lao_cai, media):
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
    assert _refusal(campaign, leader_lao_cai, make_file("quyet-dinh.pdf", program), media) == (
        "Nội dung tệp “quyet-dinh.pdf” không phải là PDF, DOC, DOCX, XLS, XLSX, JPG, PNG; "
        "tệp không được nhận."
    )


def test_a_file_over_the_size_limit_is_refused(campaign, leader_lao_cai, media, settings):
    settings.THIDUA_UPLOAD_MAX_BYTES = 1024
    big = make_file("ke-hoach.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert _refusal(campaign, leader_lao_cai, big, media) == (
        "Tệp “ke-hoach.pdf” có dung lượng 0,0 MB, vượt giới hạn 0,0 MB."
    )


def test_a_kind_of_another_record_and_a_blank_title_are_refused(campaign, leader_lao_cai, media):
    file = make_file("bien-ban.pdf")
    assert _refusal(campaign, leader_lao_cai, file, media, kind="minutes") == "Chọn loại tài liệu."
    assert _refusal(campaign, leader_lao_cai, file, media, title="  \n ") == (
        "Nhập tiêu đề của tài liệu."
    )


def test_a_removed_paper_leaves_the_storage_and_the_history_says_so(
    campaign, leader_lao_cai, media, django_capture_on_commit_callbacks
):
    paper = _add(campaign, leader_lao_cai, make_file("ke-hoach.pdf"))
    storage, name = paper.file.storage, paper.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_remove(
            holder=campaign, attachment=paper, kinds=Campaign.Paper, by=leader_lao_cai
        )
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
    assert [e.action for e in audit.history(campaign)] == ["attachment_add", "attachment_remove"]


def test_a_paper_is_not_removed_through_another_record(campaign, leader_lao_cai, sector, media):
    paper = _add(campaign, leader_lao_cai, make_file("ke-hoach.pdf"))
    other = CampaignFactory(launched_by=sector.thads_lao_cai)
    with pytest.raises(ValidationError, match="Tài liệu không thuộc hồ sơ này"):
        attachments.attachment_remove(
            holder=other, attachment=paper, kinds=Campaign.Paper, by=leader_lao_cai
        )
    assert Attachment.objects.filter(pk=paper.pk).exists()


def test_a_deleted_draft_takes_its_papers_and_their_files(
    sector, admin_user, media, django_capture_on_commit_callbacks
):
    draft = DecisionFactory(issuing_unit=sector.thads_lao_cai, status=Decision.Status.DRAFT)
    paper = attachments.attachment_add(
        holder=draft,
        kinds=Decision.Paper,
        kind=Decision.Paper.ANNEX,
        title="Phụ lục danh sách",
        file=make_file("phu-luc.pdf"),
        by=admin_user,
    )
    storage, name = paper.file.storage, paper.file.name
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
