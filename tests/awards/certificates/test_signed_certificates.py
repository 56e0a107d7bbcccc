"""Certificates printed from a digitally signed decision say so."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from awards.certificates import render
from awards.models import SignedDocument
from tests.awards.certificates.helpers import pdf_pages


def _print(client, decision):
    url = reverse("certificates:decision_print", args=[decision.pk])
    return client.post(url, {"mode": "full", "confirm": "1"})


def _sign(decision):
    at = datetime.datetime(2026, 1, 15, 2, 30, tzinfo=datetime.UTC)  # 09:30 in Vietnam
    signed = SignedDocument(
        decision=decision,
        sha256="0" * 64,
        signer_subject="Common Name: Nguyễn Văn Út, Country: VN",
        signer_name="Nguyễn Văn Út",
        cert_valid_from=at - datetime.timedelta(days=30),
        cert_valid_to=at + datetime.timedelta(days=700),
        signed_at=at,
    )
    signed.file.save("ky-so.pdf", ContentFile(b"%PDF-1.7 signed"), save=False)
    signed.save()


def test_a_certificate_of_a_signed_decision_says_it_was_signed(
    login, admin_user, decision, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert render.signed_line(decision) == ""
    _sign(decision)
    decision.refresh_from_db()

    pages = pdf_pages(_print(login(admin_user), decision).content)

    line = (
        "Quyết định số 12/QĐ-UBND đã được ký số bởi Nguyễn Văn Út ngày 15/01/2026; bản điện "
        "tử có giá trị pháp lý như bản giấy."
    )
    assert len(pages) == 2  # one page per certificate still
    assert all(line in page for page in pages)
