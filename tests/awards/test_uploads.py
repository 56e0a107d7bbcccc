"""Dossier uploads are judged by their content: type, extension agreement and size."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import DossierFile
from tests.awards.helpers import PNG, docx_bytes, make_file

K = DossierFile.Kind


def _upload(drafted, cast, file, kind=K.OTHER, **extra):
    return services.dossier_upload(
        proposal=drafted.proposal, kind=kind, file=file, by=cast.staff, **extra
    )


def _error(drafted, cast, file, **extra) -> str:
    before = DossierFile.objects.count()
    with pytest.raises(ValidationError) as error:
        _upload(drafted, cast, file, **extra)
    assert DossierFile.objects.count() == before
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("to-trinh.pdf", "application/pdf"),
        ("Bao cao.DOC", "application/msword"),
        ("bao-cao.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("danh-sach.xls", "application/vnd.ms-excel"),
        ("danh-sach.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("anh-chup.jpg", "image/jpeg"),
        ("anh-chup.jpeg", "image/jpeg"),
        ("anh-chup.png", "image/png"),
    ],
)
def test_each_accepted_kind_is_stored_under_a_random_name(drafted, cast, name, content_type):
    stored = _upload(drafted, cast, make_file(name))
    assert (stored.original_name, stored.content_type) == (name, content_type)
    assert stored.size > 0 and stored.uploaded_by == cast.staff
    assert name not in stored.file.name
    assert stored.file.name.startswith(f"dossiers/{drafted.proposal.pk}/")
    assert stored.file.storage.exists(stored.file.name)


def test_a_png_named_pdf_is_refused(drafted, cast):
    message = _error(drafted, cast, make_file("to-trinh.pdf", PNG))
    assert (
        message == "Tệp “to-trinh.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn đúng tệp."
    )


def test_a_program_renamed_pdf_is_refused(drafted, cast):
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
    message = _error(drafted, cast, make_file("bao-cao.pdf", program))
    assert message == (
        "Nội dung tệp “bao-cao.pdf” không phải là PDF, DOC, DOCX, XLS, XLSX, JPG, PNG; "
        "tệp không được nhận."
    )


def test_other_extensions_are_refused(drafted, cast):
    assert _error(drafted, cast, make_file("setup.exe", b"MZ")) == (
        "Tệp “setup.exe” không được nhận: chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX, JPG, PNG."
    )


def test_a_zip_that_is_not_an_office_document_is_refused(drafted, cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.js", b"alert(1)")
    assert _error(drafted, cast, make_file("bao-cao.docx", buffer.getvalue())) == (
        "Nội dung tệp “bao-cao.docx” không phải là PDF, DOC, DOCX, XLS, XLSX, JPG, PNG; "
        "tệp không được nhận."
    )


def test_a_word_file_named_xlsx_is_refused(drafted, cast):
    message = _error(drafted, cast, make_file("bang.xlsx", docx_bytes()))
    assert message == "Tệp “bang.xlsx” có đuôi .xlsx nhưng nội dung là tệp DOCX; hãy chọn đúng tệp."


def test_an_oversized_file_is_refused(drafted, cast, settings):
    settings.THIDUA_UPLOAD_MAX_BYTES = 1024
    big = make_file("to-trinh.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert (
        _error(drafted, cast, big)
        == "Tệp “to-trinh.pdf” có dung lượng 0,0 MB, vượt giới hạn 0,0 MB."
    )


def test_an_empty_file_is_refused(drafted, cast):
    assert _error(drafted, cast, make_file("trong.pdf", b"")) == "Tệp “trong.pdf” rỗng."


def test_a_report_must_name_its_nominee(drafted, cast):
    assert _error(drafted, cast, make_file("bc.pdf"), kind=K.REPORT) == (
        "Chọn đề cử mà báo cáo thành tích này thuộc về."
    )


def test_only_the_proposing_units_staff_upload(drafted, cast):
    with pytest.raises(ValidationError) as error:
        services.dossier_upload(
            proposal=drafted.proposal, kind=K.OTHER, file=make_file("x.pdf"), by=cast.stranger
        )
    assert error.value.code == "role"


def test_a_removed_file_leaves_the_storage(drafted, cast, django_capture_on_commit_callbacks):
    stored = _upload(drafted, cast, make_file("them.pdf"))
    storage, name = stored.file.storage, stored.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_remove(dossier_file=stored, by=cast.staff)
    assert not storage.exists(name)
    assert not DossierFile.objects.filter(pk=stored.pk).exists()
