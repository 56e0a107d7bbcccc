"""Signed decisions (PAdES): an uploaded signed PDF is verified (intact, whole file, trusted
certificate, signing time, the decision's own text) and shown; server-side signing signs a
decision when it is issued. The CA and the signer's certificate are built at test time."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import localtime
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards import decision_pdf, selectors, services, signing
from awards.models import Decision, SignedDocument
from awards.models.documents import IssuerProfile
from awards.services import signing as signing_services
from tests.awards import signing_helpers
from tests.awards.helpers import vote_and_close
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory

NUMBER = "15/QĐ-THADS"


@pytest.fixture
def ca(tmp_path, settings):
    built = signing_helpers.build_ca(tmp_path / "ca")
    settings.THIDUA_SIGNING_TRUST_ROOTS = str(built.root_pem)
    return built


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _decision(sector, number=NUMBER, names=("Đỗ Thị Lan", "Hoàng Văn Minh")):
    decision = DecisionFactory(
        issuing_unit=sector.thads_lao_cai,
        number=number,
        signed_on=datetime.date(2026, 1, 15),
        year=2026,
        signer_name="Nguyễn Hải Ninh",
        signer_position="Cục trưởng",
    )
    for name in names:
        person = PersonFactory(full_name=name, assigned_to=sector.thads_lao_cai)
        ConfermentFactory(decision=decision, person=person, unit=sector.thads_lao_cai, year=2025)
    return decision


def _signed_pdf(decision, user, ca) -> bytes:
    detail = selectors.decision_detail(user=user, pk=decision.pk)
    return signing.sign(
        decision_pdf.render(detail), signer=ca.signer(), signer_name=decision.signer_name
    )


def _upload(client, decision, data: bytes, name="quyet-dinh-da-ky.pdf"):
    url = reverse("awards:decision_signed_upload", kwargs={"pk": decision.pk})
    file = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(url, {"signed_file": file}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_decision_signed_by_the_trusted_ca_is_verified_and_shows_its_signer(
    login, sector, staff_lao_cai, ca, media
):
    decision = _decision(sector)
    data = _signed_pdf(decision, staff_lao_cai, ca)

    response = _upload(login(staff_lao_cai), decision, data)

    assert _messages(response) == [
        "Đã xác thực chữ ký số của Nguyễn Hải Ninh và lưu quyết định đã ký."
    ]
    page = response.content.decode()
    assert "Đã xác thực chữ ký số" in page
    assert "Common Name: Nguyễn Hải Ninh" in page
    assert "Common Name: CA Thử nghiệm Bộ Tư pháp" in page
    stored = SignedDocument.objects.get(decision=decision)
    assert stored.signer_name == "Nguyễn Hải Ninh"
    assert stored.source == SignedDocument.Source.UPLOAD and stored.uploaded_by == staff_lao_cai
    start, end = localtime(stored.cert_valid_from), localtime(stored.cert_valid_to)
    assert f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}" in page
    download = response.client.get(
        reverse("awards:decision_signed_file", kwargs={"pk": decision.pk})
    )
    assert b"".join(download.streaming_content) == data


def _refused(client, decision, data) -> list[str]:
    response = _upload(client, decision, data)
    assert not SignedDocument.objects.filter(decision=decision).exists()
    assert "Đã xác thực chữ ký số" not in response.content.decode()
    return _messages(response)


def test_a_copy_changed_after_signing_is_refused(login, sector, staff_lao_cai, ca, media):
    decision = _decision(sector)
    data = _signed_pdf(decision, staff_lao_cai, ca)
    client = login(staff_lao_cai)

    assert _refused(client, decision, signing_helpers.flip_a_signed_byte(data)) == [
        "Không nhận tệp đã ký số: Chữ ký không còn nguyên vẹn: nội dung tệp đã bị thay đổi "
        "sau khi ký."
    ]
    assert _refused(client, decision, signing_helpers.add_text_after_signing(data)) == [
        "Không nhận tệp đã ký số: Chữ ký không bao trùm toàn bộ tệp: tệp đã được bổ sung nội "
        "dung sau khi ký; hãy tải lên bản gốc đã ký số."
    ]


def test_the_signed_pdf_of_another_decision_is_refused(login, sector, staff_lao_cai, ca, media):
    decision = _decision(sector)
    other = _decision(sector, number="16/QĐ-THADS", names=("Lý Văn Khác",))
    data = _signed_pdf(other, staff_lao_cai, ca)

    assert _refused(login(staff_lao_cai), decision, data) == [
        "Không nhận tệp đã ký số: Tệp không phải quyết định số 15/QĐ-THADS ngày 15/01/2026: "
        "không thấy số 15/QĐ-THADS; tên Đỗ Thị Lan, Hoàng Văn Minh."
    ]


def test_a_certificate_of_an_untrusted_ca_is_refused(
    login, sector, staff_lao_cai, ca, media, tmp_path
):
    decision = _decision(sector)
    stranger = signing_helpers.build_ca(tmp_path / "other", root_name="CA Lạ")
    data = _signed_pdf(decision, staff_lao_cai, stranger)

    assert _refused(login(staff_lao_cai), decision, data) == [
        "Không nhận tệp đã ký số: Chứng thư không thuộc tổ chức được tin cậy: chứng thư của "
        "Common Name: Nguyễn Hải Ninh, Organization: Bộ Tư pháp, Country: VN do Common Name: "
        "CA Lạ, Organization: Bộ Tư pháp, Country: VN cấp không dẫn tới chứng thư gốc nào "
        "trong kho tin cậy."
    ]


def test_an_unsigned_pdf_and_a_draft_are_refused(login, sector, staff_lao_cai, ca, media):
    decision = _decision(sector)
    detail = selectors.decision_detail(user=staff_lao_cai, pk=decision.pk)
    client = login(staff_lao_cai)
    assert _refused(client, decision, decision_pdf.render(detail)) == [
        "Không nhận tệp đã ký số: Tệp PDF chưa được ký số."
    ]
    data = _signed_pdf(decision, staff_lao_cai, ca)
    Decision.objects.filter(pk=decision.pk).update(status=Decision.Status.DRAFT)
    assert _refused(client, decision, data) == [
        "Không nhận tệp đã ký số: Quyết định số 15/QĐ-THADS chưa ban hành; chỉ tải lên bản ký "
        "số của quyết định đã ban hành."
    ]


def _validate(data: bytes, ca):
    from asn1crypto import pem, x509  # noqa: PLC0415 - only this check reads the root

    _kind, _headers, der = pem.unarmor(ca.root_pem.read_bytes())
    context = ValidationContext(
        trust_roots=[x509.Certificate.load(der)], allow_fetching=False, revocation_mode="soft-fail"
    )
    signature = PdfFileReader(io.BytesIO(data)).embedded_regular_signatures[-1]
    return validate_pdf_signature(signature, context)


def test_server_side_signing_signs_the_decision_when_issued(
    sector, staff_lao_cai, leader_lao_cai, ca, media, settings, login
):
    settings.THIDUA_SIGNING_PKCS12 = str(ca.p12)
    settings.THIDUA_SIGNING_PKCS12_PASSWORD = signing_helpers.PASSWORD
    decision = _decision(sector)

    stored = signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)

    with stored.file.open("rb") as handle:
        data = handle.read()
    status = _validate(data, ca)
    assert status.intact and status.valid and status.trusted
    assert status.summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert stored.source == SignedDocument.Source.SERVER
    assert stored.signer_name == "Nguyễn Hải Ninh"
    # The signed PDF is the decision's own document and verifies like an upload.
    assert signing.verify(data).signer_name == "Nguyễn Hải Ninh"
    page = login(staff_lao_cai).get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    assert "Đã xác thực chữ ký số" in page.content.decode()
    assert "Ký số trên máy chủ" in page.content.decode()


def test_server_signing_uses_the_offices_signature_and_seal_images(
    sector, leader_lao_cai, ca, media, settings
):
    from PIL import Image  # noqa: PLC0415 - only this test draws images

    settings.THIDUA_SIGNING_PKCS12 = str(ca.p12)
    settings.THIDUA_SIGNING_PKCS12_PASSWORD = signing_helpers.PASSWORD

    def png(colour):
        out = io.BytesIO()
        Image.new("RGBA", (120, 60), colour).save(out, format="PNG")
        return SimpleUploadedFile("anh.png", out.getvalue(), content_type="image/png")

    profile = IssuerProfile(unit=sector.thads_lao_cai)
    profile.signature_image.save("chu-ky.png", png((0, 0, 200, 255)), save=False)
    profile.seal_image.save("con-dau.png", png((200, 0, 0, 128)), save=False)
    profile.save()
    decision = _decision(sector)

    stored = signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)

    with stored.file.open("rb") as handle:
        data = handle.read()
    assert _validate(data, ca).summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert b"/Subtype /Image" in data or b"/Subtype/Image" in data


def test_without_a_configured_key_issuing_signs_nothing(sector, leader_lao_cai, ca, media):
    decision = _decision(sector)
    assert signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai) is None
    assert not SignedDocument.objects.exists()
    assert services.decision_sign_on_server is signing_services.decision_sign_on_server


@pytest.fixture
def voted(appraised, wf_council, cast):
    vote_and_close([appraised.an, appraised.binh], wf_council, cast)
    return appraised


def test_issuing_a_decision_signs_it_with_the_configured_key(
    voted, cast, sector, wf_catalogue, ca, media, settings
):
    settings.THIDUA_SIGNING_PKCS12 = str(ca.p12)
    settings.THIDUA_SIGNING_PKCS12_PASSWORD = signing_helpers.PASSWORD
    draft = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="123/QĐ-BTP",
        signed_on=datetime.date(2026, 1, 15),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=[voted.an],
    )

    services.decision_issue(decision=draft, by=cast.office)

    stored = SignedDocument.objects.get(decision=draft)
    with stored.file.open("rb") as handle:
        data = handle.read()
    with stored.annex_file.open("rb") as handle:
        annex = handle.read()
    assert _validate(data, ca).summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert _validate(annex, ca).summary() == "INTACT:TRUSTED,UNTOUCHED"
    # The PDFs signed are the decision as issued: its number and date, and its annex (a file
    # of its own) with the recipient.
    signing.check_decision_text(data, number="123/QĐ-BTP", day=datetime.date(2026, 1, 15), names=[])
    signing.check_decision_text(
        annex, number="123/QĐ-BTP", day=datetime.date(2026, 1, 15), names=["Nguyễn Văn An"]
    )


def test_a_broken_key_leaves_the_decision_issued_unsigned(
    voted, cast, sector, wf_catalogue, ca, media, settings, tmp_path
):
    broken = tmp_path / "hong.p12"
    broken.write_bytes(b"not a PKCS#12 file")
    settings.THIDUA_SIGNING_PKCS12 = str(broken)
    draft = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="123/QĐ-BTP",
        signed_on=datetime.date(2026, 1, 15),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=[voted.an],
    )

    services.decision_issue(decision=draft, by=cast.office)

    draft.refresh_from_db()
    assert draft.status == Decision.Status.ISSUED
    assert not SignedDocument.objects.exists()


def _damaged(kind: str, data: bytes) -> tuple[str, bytes]:
    if kind == "png named .pdf":
        return "anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    if kind == "truncated":
        return "cat-ngang.pdf", data[: len(data) // 2]
    return "rac.pdf", b"%PDF-1.7\n" + b"\x00garbage /ByteRange [0 1 2 3] /Contents <00>" * 50


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            "png named .pdf",
            "Không nhận tệp đã ký số: Nội dung tệp “anh.pdf” không phải là PDF; tệp không được "
            "nhận.",
        ),
        (
            "truncated",
            "Không nhận tệp đã ký số: Không đọc được tệp PDF; hãy tải lên đúng tệp quyết định "
            "đã ký số.",
        ),
        (
            "garbage",
            "Không nhận tệp đã ký số: Không đọc được tệp PDF; hãy tải lên đúng tệp quyết định "
            "đã ký số.",
        ),
    ],
)
def test_a_damaged_file_is_refused_with_a_clear_message(
    kind, message, login, sector, staff_lao_cai, ca, media
):
    decision = _decision(sector)
    name, data = _damaged(kind, _signed_pdf(decision, staff_lao_cai, ca))
    response = _upload(login(staff_lao_cai), decision, data, name=name)
    assert response.status_code == 200
    assert _messages(response) == [message]
    assert not SignedDocument.objects.exists()


def test_without_a_trust_store_uploads_are_refused(
    login, sector, staff_lao_cai, ca, media, settings
):
    decision = _decision(sector)
    data = _signed_pdf(decision, staff_lao_cai, ca)
    settings.THIDUA_SIGNING_TRUST_ROOTS = ""
    assert _refused(login(staff_lao_cai), decision, data) == [
        "Không nhận tệp đã ký số: Chưa cấu hình kho chứng thư tin cậy "
        "(THIDUA_SIGNING_TRUST_ROOTS); không thể xác thực chữ ký số. Hãy báo quản trị hệ thống."
    ]


def test_only_the_offices_staff_and_leaders_upload(
    login, sector, council_member, staff_lao_cai, ca, media
):
    decision = _decision(sector)
    data = _signed_pdf(decision, staff_lao_cai, ca)
    page = login(council_member).get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    assert "Tải lên và xác thực" not in page.content.decode()
    assert _refused(login(council_member), decision, data) == [
        "Không nhận tệp đã ký số: Bạn không có quyền tải lên quyết định đã ký số."
    ]


def test_a_number_inside_another_number_is_not_taken_for_it():
    with pytest.raises(ValidationError) as error:
        signing.check_decision_text(
            _text_pdf("Số: 11/QĐ-BTP Hà Nội, ngày 15 tháng 01 năm 2026 Lê Văn Một"),
            number="1/QĐ-BTP",
            day=datetime.date(2026, 1, 15),
            names=["Lê Văn Một"],
        )
    assert error.value.messages == [
        "Tệp không phải quyết định số 1/QĐ-BTP ngày 15/01/2026: không thấy số 1/QĐ-BTP."
    ]
    signing.check_decision_text(
        _text_pdf("Số: 1/QĐ-BTP Hà Nội, ngày 15 tháng 01 năm 2026 Lê Văn Một"),
        number="1/QĐ-BTP",
        day=datetime.date(2026, 1, 15),
        names=["Lê Văn Một"],
    )


def _text_pdf(text: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - only this test lays out a page

    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_the_issuer_profile_checks_its_images_like_every_upload(sector):
    from awards.admin import IssuerProfileForm  # noqa: PLC0415 - the admin's own form

    fake = SimpleUploadedFile("chu-ky.png", b"%PDF-1.7 not an image", content_type="image/png")
    form = IssuerProfileForm(
        data={"unit": sector.thads_lao_cai.pk}, files={"signature_image": fake}
    )
    assert not form.is_valid()
    # Django's image field refuses it first; a real image then goes through the pixel limits.
    assert form.errors["signature_image"] == [
        "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh hoặc đã "
        "bị hư hỏng."
    ]


# --- The annex, signed by the agency at the top right of its first page (Phụ lục I) -----------

MM = 72 / 25.4


def _font_names(xobject):
    resources = xobject.get("/Resources") or {}
    for font in (resources.get("/Font") or {}).values():
        yield str(font.get_object()["/BaseFont"])
    for inner in (resources.get("/XObject") or {}).values():
        yield from _font_names(inner.get_object())


def _stamp_text(data: bytes, field_name: str) -> tuple[int, list, list, str, set]:
    """(page index, /Rect, page /MediaBox, text, font names) of the appearance of the
    signature field ``field_name``: it is drawn on a blank page for pypdf to read."""
    from pypdf import PageObject, PdfReader, PdfWriter  # noqa: PLC0415 - only here
    from pypdf.generic import ContentStream, DictionaryObject, NameObject  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/T") != field_name:
                continue
            appearance = widget["/AP"]["/N"]
            fonts = set(_font_names(appearance))
            writer = PdfWriter()
            blank = PageObject.create_blank_page(writer, 600, 200)
            blank[NameObject("/Resources")] = DictionaryObject(
                {
                    NameObject("/XObject"): DictionaryObject(
                        {NameObject("/Stamp"): writer._add_object(appearance)}
                    )
                }
            )
            content = ContentStream(None, writer)
            content.set_data(b"q /Stamp Do Q")
            blank.replace_contents(content)
            rect = [float(v) for v in widget["/Rect"]]
            return index, rect, [float(v) for v in page.mediabox], blank.extract_text(), fonts
    raise AssertionError(f"no field {field_name}")


def test_server_signing_signs_the_annex_as_its_own_file_stamped_top_right(
    sector, leader_lao_cai, staff_lao_cai, ca, media, settings, login
):
    settings.THIDUA_SIGNING_PKCS12 = str(ca.p12)
    settings.THIDUA_SIGNING_PKCS12_PASSWORD = signing_helpers.PASSWORD
    decision = _decision(sector)

    stored = signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)

    with stored.annex_file.open("rb") as handle:
        annex = handle.read()
    with stored.file.open("rb") as handle:
        main = handle.read()
    status = _validate(annex, ca)
    assert status.summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert _validate(main, ca).summary() == "INTACT:TRUSTED,UNTOUCHED"
    # Two documents: the decision's text (number, date) and the list of recipients.
    signing.check_decision_text(main, number=NUMBER, day=datetime.date(2026, 1, 15), names=[])
    assert "Đỗ Thị Lan" not in signing.pdf_text(main)
    signing.check_decision_text(
        annex,
        number=NUMBER,
        day=datetime.date(2026, 1, 15),
        names=["Đỗ Thị Lan", "Hoàng Văn Minh"],
    )
    assert "QUYẾT ĐỊNH:" not in signing.pdf_text(annex)
    from pypdf import PdfReader  # noqa: PLC0415 - only here

    assert PdfReader(io.BytesIO(annex)).pages[0].extract_text().startswith("DANH SÁCH")

    page, rect, media_box, text, fonts = _stamp_text(annex, signing.ANNEX_FIELD_NAME)
    left, bottom, right, top = rect
    _x0, _y0, width, height = media_box
    assert page == 0
    # Top right: in the top margin (20 mm), ending at the right margin (15 mm).
    assert right == pytest.approx(width - 15 * MM, abs=1)
    assert left > width / 2
    assert bottom > height - 20 * MM and top < height
    # The number and the signing time, ISO 8601 with Vietnam's offset, as the signature
    # itself records it; no image.
    signed_at = signing.local(status.signer_reported_dt)
    assert signed_at.endswith("+07:00")
    assert text.split() == [NUMBER, signed_at]
    assert {name.split("+")[-1].split("-")[0] for name in fonts} == {"Tinos"}
    assert b"/Subtype /Image" not in annex and b"/Subtype/Image" not in annex
    page = login(staff_lao_cai).get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    assert "Tải phụ lục đã ký số (PDF)" in page.content.decode()
    download = page.client.get(reverse("awards:decision_signed_annex", kwargs={"pk": decision.pk}))
    assert b"".join(download.streaming_content) == annex


# --- Server-side signing through a PKCS#11 token (SoftHSM2) --------------------------------


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM2 token holding the signer's key of a CA built for it (SoftHSM reads its
    configuration once per process, when the library first loads)."""
    missing = signing_helpers.softhsm_missing()
    if missing:
        pytest.skip(f"PKCS#11 signing is not tested: {missing}")
    folder = tmp_path_factory.mktemp("softhsm")
    built = signing_helpers.build_ca(folder / "ca")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(folder / "softhsm2.conf"))
        yield built, signing_helpers.softhsm_token(folder, built)


def _use_token(settings, soft, **overrides):
    settings.THIDUA_SIGNING_PKCS12 = ""
    settings.THIDUA_SIGNING_PKCS11_MODULE = soft.module
    settings.THIDUA_SIGNING_PKCS11_TOKEN_LABEL = soft.label
    settings.THIDUA_SIGNING_PKCS11_KEY_LABEL = soft.key_label
    settings.THIDUA_SIGNING_PKCS11_CERT_LABEL = ""
    settings.THIDUA_SIGNING_PKCS11_PIN = soft.pin
    for name, value in overrides.items():
        setattr(settings, f"THIDUA_SIGNING_PKCS11_{name}", value)


def test_server_signing_through_a_pkcs11_token(token, sector, leader_lao_cai, media, settings):
    built, soft = token
    settings.THIDUA_SIGNING_TRUST_ROOTS = str(built.root_pem)
    _use_token(settings, soft)
    decision = _decision(sector)

    stored = signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)

    with stored.file.open("rb") as handle:
        data = handle.read()
    with stored.annex_file.open("rb") as handle:
        annex = handle.read()
    assert _validate(data, built).summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert _validate(annex, built).summary() == "INTACT:TRUSTED,UNTOUCHED"
    assert signing.verify(data).signer_name == "Nguyễn Hải Ninh"
    assert stored.source == SignedDocument.Source.SERVER
    assert stored.signer_name == "Nguyễn Hải Ninh"


def test_a_wrong_pin_or_two_keys_sign_nothing(token, sector, leader_lao_cai, media, settings):
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415 - only here

    built, soft = token
    settings.THIDUA_SIGNING_TRUST_ROOTS = str(built.root_pem)
    decision = _decision(sector)
    _use_token(settings, soft, PIN="000000")
    with pytest.raises(ImproperlyConfigured, match=r"cannot open a session .* PinIncorrect"):
        signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)
    # Not tried again: a token locks after a few wrong PINs.
    with pytest.raises(ImproperlyConfigured, match="refused by the token; not tried again"):
        signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)
    _use_token(settings, soft)
    settings.THIDUA_SIGNING_PKCS12 = str(built.p12)
    with pytest.raises(ImproperlyConfigured, match="both set"):
        signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)
    assert not SignedDocument.objects.exists()


# --- The certificate is judged at the signing time -----------------------------------------


@pytest.fixture
def lapsed_ca(tmp_path, settings):
    """A CA whose signer's certificate was valid from 20 to 10 days ago."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    built = signing_helpers.build_ca(
        tmp_path / "lapsed",
        valid_from=now - datetime.timedelta(days=20),
        valid_to=now - datetime.timedelta(days=10),
    )
    settings.THIDUA_SIGNING_TRUST_ROOTS = str(built.root_pem)
    return built, now


def _signed_at(decision, user, ca, at) -> bytes:
    detail = selectors.decision_detail(user=user, pk=decision.pk)
    return signing.sign(
        decision_pdf.render(detail), signer=ca.signer(), signer_name=decision.signer_name, at=at
    )


def test_an_upload_signed_after_the_certificate_expired_is_refused(
    login, sector, staff_lao_cai, lapsed_ca, media
):
    built, now = lapsed_ca
    decision = _decision(sector)
    at = (now - datetime.timedelta(days=2)).astimezone(signing.VIETNAM)
    data = _signed_at(decision, staff_lao_cai, built, at)

    start = signing.local(now - datetime.timedelta(days=20))
    end = signing.local(now - datetime.timedelta(days=10))
    assert _refused(login(staff_lao_cai), decision, data) == [
        "Không nhận tệp đã ký số: Chứng thư của người ký không có hiệu lực vào thời điểm ký "
        f"({signing.local(at)}): chứng thư chỉ có hiệu lực từ {start} đến {end}."
    ]


def test_an_upload_signed_while_the_certificate_was_valid_is_kept_after_it_expired(
    login, sector, staff_lao_cai, lapsed_ca, media
):
    built, now = lapsed_ca
    decision = _decision(sector)
    at = (now - datetime.timedelta(days=15)).astimezone(signing.VIETNAM)
    data = _signed_at(decision, staff_lao_cai, built, at)

    response = _upload(login(staff_lao_cai), decision, data)

    assert _messages(response) == [
        "Đã xác thực chữ ký số của Nguyễn Hải Ninh và lưu quyết định đã ký."
    ]
    stored = SignedDocument.objects.get(decision=decision)
    assert stored.signed_at == at
    assert stored.cert_valid_to < datetime.datetime.now(datetime.UTC)


def test_a_timestamp_token_is_the_signing_time_a_backdated_claim_does_not_hide_expiry(
    login, sector, staff_lao_cai, lapsed_ca, media
):
    """The signer's software says 15 days ago (the certificate was valid), the time-stamping
    authority's token says now (it had expired): the token is believed."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415 - only this test signs by hand

    built, now = lapsed_ca
    decision = _decision(sector)
    claimed = now - datetime.timedelta(days=15)
    stamped = now - datetime.timedelta(minutes=5)

    class Backdated(signers.PdfSigner):
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = claimed
            return session

    detail = selectors.decision_detail(user=staff_lao_cai, pk=decision.pk)
    out = io.BytesIO()
    Backdated(
        signers.PdfSignatureMetadata(field_name="ChuKy"),
        signer=built.signer(),
        timestamper=built.timestamper(stamped),
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(decision_pdf.render(detail))), output=out)

    # The chain is judged at the token's time too, not at the claim.
    signature = PdfFileReader(out).embedded_regular_signatures[-1]
    assert signature.self_reported_timestamp == claimed
    assert signing._claimed_time(signature) == stamped
    start = signing.local(now - datetime.timedelta(days=20))
    end = signing.local(now - datetime.timedelta(days=10))
    assert _refused(login(staff_lao_cai), decision, out.getvalue()) == [
        "Không nhận tệp đã ký số: Chứng thư của người ký không có hiệu lực vào thời điểm ký "
        f"({signing.local(stamped)}): chứng thư chỉ có hiệu lực từ {start} đến {end}."
    ]


def test_an_upload_replacing_a_server_signed_decision_drops_its_separate_annex(
    login,
    sector,
    staff_lao_cai,
    leader_lao_cai,
    ca,
    media,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.THIDUA_SIGNING_PKCS12 = str(ca.p12)
    settings.THIDUA_SIGNING_PKCS12_PASSWORD = signing_helpers.PASSWORD
    decision = _decision(sector)
    stored = signing_services.decision_sign_on_server(decision=decision, by=leader_lao_cai)
    annex_name = stored.annex_file.name
    assert stored.annex_file.storage.exists(annex_name)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(login(staff_lao_cai), decision, _signed_pdf(decision, staff_lao_cai, ca))

    # The upload holds the annex inside it: no separate annex is offered or kept.
    assert "Tải phụ lục đã ký số (PDF)" not in response.content.decode()
    stored.refresh_from_db()
    assert stored.source == SignedDocument.Source.UPLOAD and not stored.annex_file
    assert not stored.file.storage.exists(annex_name)
    url = reverse("awards:decision_signed_annex", kwargs={"pk": decision.pk})
    assert response.client.get(url).status_code == 404
