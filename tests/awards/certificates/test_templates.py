"""Templates: wording with named fields, live preview, blanks, calibration, background scans."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from awards.certificates import render
from awards.certificates.models import CertificateTemplate, FieldPlacement, Kind
from awards.certificates.services import kind_for, templates_for
from tests.awards.certificates.helpers import pdf_pages
from tests.factories import AwardFactory


@pytest.fixture
def default(db):
    return CertificateTemplate.objects.get(kind=Kind.BANG_KHEN, award__isnull=True)


def _wording(template, **changes):
    data = {"kind": template.kind, "award": template.award_id or ""}
    data |= {name: getattr(template, name) for name in CertificateTemplate.WORDING}
    return data | changes


def test_every_kind_has_a_seeded_default(db):
    kinds = set(
        CertificateTemplate.objects.filter(award__isnull=True).values_list("kind", flat=True)
    )
    assert kinds == set(Kind.values)


def test_an_award_without_its_own_template_uses_its_kinds_default(db, ubnd, default):
    own = CertificateTemplate.objects.create(
        kind=Kind.TITLE_COLLECTIVE, award=ubnd.collective_award, title="CÔNG NHẬN"
    )
    giay_khen = AwardFactory(name="Giấy khen của Cục trưởng", form_name="Giấy khen")
    found = templates_for([ubnd.award, ubnd.collective_award, giay_khen])
    assert found[ubnd.award.pk] == default
    assert found[ubnd.collective_award.pk] == own
    assert found[giay_khen.pk].kind == Kind.GIAY_KHEN
    flag = AwardFactory(name="Cờ thi đua ngành Tư pháp", form_name="Cờ thi đua ngành")
    assert kind_for(flag) == Kind.FLAG


def test_admin_edits_the_wording(login, admin_user, default):
    url = reverse("certificates:template_edit", args=[default.pk])
    data = _wording(default, body="Đã hoàn thành xuất sắc nhiệm vụ năm {year}")
    response = login(admin_user).post(url, data)
    assert response.status_code == 302
    default.refresh_from_db()
    assert default.body == "Đã hoàn thành xuất sắc nhiệm vụ năm {year}"
    assert default.updated_by == admin_user


def test_the_template_page_shows_who_changed_which_wording(login, admin_user, default):
    """The seeded default has no earlier row: the first edit says so, the next reads
    "before → after"."""
    url = reverse("certificates:template_edit", args=[default.pk])
    client = login(admin_user)
    client.post(url, _wording(default, body="Lần một {year}"))
    client.post(url, _wording(default, body="Lần hai {year}"))
    page = client.get(url)
    [second, first] = page.context["changes"]
    assert (first.first_known, first.changes) == (True, [])
    assert [str(change) for change in second.changes] == [
        "Nội dung thành tích: Lần một {year} → Lần hai {year}"
    ]
    assert second.actor_name == "Người dùng"
    assert "Nội dung thành tích: Lần một {year} → Lần hai {year}" in page.text


def test_an_unknown_field_is_refused_with_a_clear_message(login, admin_user, default):
    url = reverse("certificates:template_edit", args=[default.pk])
    response = login(admin_user).post(url, _wording(default, recipient="{ho_ten}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trường không có trong danh sách: {ho_ten}" in page
    assert "{recipient_name}" in page  # the message lists the fields that exist
    default.refresh_from_db()
    assert default.recipient == "{honorific} {recipient_name}"


def test_unbalanced_braces_are_refused(login, admin_user, default):
    url = reverse("certificates:template_edit", args=[default.pk])
    response = login(admin_user).post(url, _wording(default, title="TẶNG {award_name"))
    assert "Dấu ngoặc { } không khớp" in response.content.decode()


def test_the_live_preview_shows_the_unsaved_wording(login, admin_user, default):
    client = login(admin_user)
    url = reverse("certificates:template_preview", args=[default.pk])
    response = client.post(url, _wording(default, title="TẶNG GIẤY KHEN"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "TẶNG GIẤY KHEN" in page and "Nguyễn Thị Thanh Hương" in page
    assert "style=" not in page  # the site's CSP forbids inline styles
    default.refresh_from_db()
    assert default.title == "TẶNG BẰNG KHEN"
    refused = client.post(url, _wording(default, body="{thanh_tich}")).content.decode()
    assert "Trường không có trong danh sách: {thanh_tich}" in refused


def test_a_new_template_for_an_award(login, admin_user, ubnd):
    url = reverse("certificates:template_create")
    data = _wording(CertificateTemplate(kind=Kind.BANG_KHEN), award=ubnd.award.pk)
    response = login(admin_user).post(url, data)
    assert response.status_code == 302
    assert CertificateTemplate.objects.get(award=ubnd.award).kind == Kind.BANG_KHEN


def test_an_awards_own_template_is_deleted_and_the_default_serves_again(
    login, admin_user, ubnd, default
):
    own = CertificateTemplate.objects.create(
        kind=Kind.BANG_KHEN, award=ubnd.award, title="TẶNG BẰNG KHEN RIÊNG"
    )
    client = login(admin_user)
    assert "Xóa mẫu riêng" in client.get(reverse("certificates:template_edit", args=[own.pk])).text
    response = client.post(reverse("certificates:template_delete", args=[own.pk]), follow=True)
    assert "in theo mẫu mặc định" in response.text
    assert not CertificateTemplate.objects.filter(pk=own.pk).exists()
    assert templates_for([ubnd.award])[ubnd.award.pk] == default


def test_a_kinds_default_template_is_not_deleted(login, admin_user, default):
    client = login(admin_user)
    assert (
        "Xóa mẫu riêng"
        not in client.get(reverse("certificates:template_edit", args=[default.pk])).text
    )
    response = client.post(reverse("certificates:template_delete", args=[default.pk]), follow=True)
    assert "Mẫu mặc định của loại bằng không xóa được" in response.text
    assert CertificateTemplate.objects.filter(pk=default.pk).exists()


def test_a_second_default_of_a_kind_is_refused(login, admin_user, default):
    url = reverse("certificates:template_create")
    response = login(admin_user).post(url, _wording(CertificateTemplate(kind=Kind.BANG_KHEN)))
    assert response.status_code == 200
    assert "Loại này đã có mẫu mặc định" in response.content.decode()


def _placements(template, rows):
    data = {
        "placements-TOTAL_FORMS": str(len(rows)),
        "placements-INITIAL_FORMS": "0",
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data |= {f"placements-{i}-{k}": v for k, v in row.items()}
    return data


def test_a_field_outside_the_page_is_refused(login, admin_user, default):
    before = list(default.placements.values_list("field", "x_mm"))
    url = reverse("certificates:template_placements", args=[default.pk])
    # Delete nothing, add one field that runs past the right edge (250 + 120 > 297 mm).
    data = _placements(default, [
        {"field": "recipient_name", "x_mm": "250", "y_mm": "90", "width_mm": "120",
         "font_size": "20", "align": "center"},
    ])  # fmt: skip
    response = login(admin_user).post(url, data)
    assert response.status_code == 200
    assert "Trường {recipient_name} nằm ngoài trang" in response.content.decode()
    assert list(default.placements.values_list("field", "x_mm")) == before


def test_placements_are_saved_and_printed_where_set(login, admin_user, default):
    client = login(admin_user)
    url = reverse("certificates:template_placements", args=[default.pk])
    data = _placements(default, [])
    data["placements-INITIAL_FORMS"] = "0"
    data = _placements(default, [
        {"field": "recipient_name", "x_mm": "60", "y_mm": "95", "width_mm": "180",
         "font_size": "22", "align": "center"},
        {"field": "register_number", "x_mm": "40", "y_mm": "185", "width_mm": "30",
         "font_size": "11", "align": "left"},
    ])  # fmt: skip
    # The seeded layout is replaced by the two rows.
    default.placements.all().delete()
    assert client.post(url, data).status_code == 302
    assert set(default.placements.values_list("field", flat=True)) == {
        "recipient_name",
        "register_number",
    }
    sample = client.get(reverse("certificates:template_pdf", args=[default.pk]), {"blank": "1"})
    (page,) = pdf_pages(sample.content)
    assert page == "Nguyễn Thị Thanh Hương 0012"


def test_the_calibration_page_has_a_millimetre_grid_and_the_fields(login, admin_user, default):
    response = login(admin_user).get(
        reverse("certificates:template_calibration", args=[default.pk])
    )
    (page,) = pdf_pages(response.content)
    assert "Trang căn chỉnh" in page
    assert "{recipient_name}" in page and "290" in page


def test_the_model_refuses_a_placement_below_the_page(default):

    placement = FieldPlacement(
        template=default, field="signer_name", x_mm=100, y_mm=205, width_mm=80, font_size=14
    )
    with pytest.raises(ValidationError, match="nằm ngoài trang"):
        placement.full_clean()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (297, 210), "#f3e7c9").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_blank_scan_is_checked_by_content(login, admin_user, default, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(admin_user)
    url = reverse("certificates:template_background", args=[default.pk])
    fake = SimpleUploadedFile("phoi.png", b"not an image at all")
    response = client.post(url, {"background": fake}, follow=True)
    assert "không phải là" in response.content.decode()
    pdf = SimpleUploadedFile("phoi.pdf", b"%PDF-1.4\n%%EOF\n")
    response = client.post(url, {"background": pdf}, follow=True)
    # Only the types a blank scan may be: not the dossier's PDF, DOC, XLS…
    assert [str(m) for m in response.context["messages"]] == [
        "Tệp “phoi.pdf” không được nhận: chỉ nhận tệp JPG, PNG."
    ]
    default.refresh_from_db()
    assert not default.background

    client.post(url, {"background": SimpleUploadedFile("phoi.png", _png())})
    default.refresh_from_db()
    assert default.background.name.endswith(".png")
    preview = client.get(reverse("certificates:template_preview", args=[default.pk]))
    assert 'class="cert-bg" src="data:image/png;base64,' in preview.content.decode()
    sample = client.get(
        reverse("certificates:template_pdf", args=[default.pk]), {"background": "1"}
    )
    assert len(pdf_pages(sample.content)) == 1


def test_fit_classes_in_the_stylesheet_match_the_sizes():
    assert render.fit_css() in render.stylesheet()


def test_non_admins_cannot_edit_templates(login, leader_long_an, default):
    client = login(leader_long_an)
    url = reverse("certificates:template_edit", args=[default.pk])
    assert client.post(url, _wording(default, title="X")).status_code == 403
    default.refresh_from_db()
    assert default.title == "TẶNG BẰNG KHEN"
