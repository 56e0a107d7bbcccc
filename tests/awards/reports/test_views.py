"""Report pages as users meet them: scopes, exports, the cache, background jobs."""

import io
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.urls import reverse
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.reports import jobs, pdf
from tests.awards.reports.helpers import DUMMY
from tests.factories import ClusterFactory, ClusterMembershipFactory

pytestmark = [
    pytest.mark.usefixtures("isolated_media"),
]

LAO_CAI_SENTENCE = (
    "Thủ tướng Chính phủ tặng Bằng khen cho 01 cá nhân; Bộ Tư pháp tặng Bằng khen cho 04 cá nhân."
)


def _query(scope, start=2025, **extra):
    return {"scope": scope, "start": start, **extra}


def test_a_leader_reads_the_report_of_their_unit(report_world, leader_lao_cai, login):
    unit = report_world.sector.thads_lao_cai
    response = login(leader_lao_cai).get(reverse("reports:index"), _query(f"unit:{unit.pk}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Kết quả khen thưởng năm 2025: {LAO_CAI_SENTENCE}" in page
    assert "Tạo báo cáo PDF đầy đủ" in page
    assert "<svg" in page and "Số lượt khen thưởng theo năm (2016–2025)" in page


def test_the_picker_opens_on_last_year_and_the_users_unit(report_world, leader_lao_cai, login):
    response = login(leader_lao_cai).get(reverse("reports:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="unit:{report_world.sector.thads_lao_cai.pk}" selected' in page
    assert "Toàn ngành" not in page


@pytest.mark.parametrize(
    "scope",
    ["unit:{long_an}", "sector", "cluster:{cluster}", "unit:999999"],
)
def test_a_scope_outside_the_users_units_is_404(report_world, leader_lao_cai, login, scope):
    sector = report_world.sector
    cluster = ClusterFactory()
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=2025)
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_long_an, year=2025)
    value = scope.format(long_an=sector.thads_long_an.pk, cluster=cluster.pk)
    client = login(leader_lao_cai)
    for name in ("reports:index", "reports:summary_pdf", "reports:excel"):
        assert client.get(reverse(name), _query(value)).status_code == 404
    assert client.post(reverse("reports:export"), _query(value)).status_code == 404


def test_a_grouping_of_units_the_leader_leads_is_allowed(report_world, leader_lao_cai, login):
    cluster = ClusterFactory(name="Khối thi đua miền núi")
    ClusterMembershipFactory(cluster=cluster, unit=report_world.sector.thads_lao_cai, year=2025)
    response = login(leader_lao_cai).get(reverse("reports:index"), _query(f"cluster:{cluster.pk}"))
    assert response.status_code == 200
    assert "các đơn vị thành viên Khối thi đua miền núi" in response.content.decode()


def test_staff_without_a_leading_role_get_404(report_world, staff_long_an, login):
    assert login(staff_long_an).get(reverse("reports:index")).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"scope": "unit:abc", "start": 2025}, "Phạm vi báo cáo không hợp lệ."),
        ({"scope": "sector", "start": "năm ngoái"}, "Năm phải là một số, ví dụ 2025."),
        ({"scope": "sector", "start": 2025, "end": 2020}, "Năm kết thúc phải từ năm bắt đầu"),
        ({"scope": "sector", "start": 1990, "end": 2025}, "Mỗi báo cáo tối đa 30 năm."),
    ],
)
def test_bad_input_gets_a_clear_message(report_world, admin_user, login, params, message):
    response = login(admin_user).get(reverse("reports:index"), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_empty_year_is_an_empty_report(report_world, admin_user, login):
    response = login(admin_user).get(reverse("reports:index"), _query("sector", 2019))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trong năm 2019, không có tập thể, cá nhân nào thuộc phạm vi báo cáo" in page


def test_the_summary_pdf_is_served_at_once_then_from_the_cache(report_world, admin_user, login):
    client = login(admin_user)
    with mock.patch.object(pdf, "render_summary", wraps=pdf.render_summary) as renderer:
        first = client.get(reverse("reports:summary_pdf"), _query("sector"))
        second = client.get(reverse("reports:summary_pdf"), _query("sector"))
    assert first["Content-Type"] == "application/pdf"
    body = b"".join(first.streaming_content)
    assert body.startswith(b"%PDF") and b"".join(second.streaming_content) == body
    assert renderer.call_count == 1
    report_world.give("bk-bo-ca-nhan", person=report_world.lao_cai[2])
    with mock.patch.object(pdf, "render_summary", return_value=b"%PDF-new") as renderer:
        third = client.get(reverse("reports:summary_pdf"), _query("sector"))
    assert renderer.call_count == 1  # the data changed: rendered again
    assert b"".join(third.streaming_content) == b"%PDF-new"


def test_a_small_report_is_rendered_in_the_request(report_world, admin_user, login):
    client = login(admin_user)
    unit = report_world.sector.district
    response = client.post(reverse("reports:export"), _query(f"unit:{unit.pk}"))
    assert response.status_code == 302
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    with mock.patch.object(pdf, "render_report") as renderer:
        again = client.post(reverse("reports:export"), _query(f"unit:{unit.pk}"))
    assert again["Location"] == response["Location"] and not renderer.called


def test_two_requests_for_a_large_report_share_one_job(report_world, admin_user, login, settings):
    settings.TASKS = DUMMY
    settings.REPORT_INLINE_ROWS = 0
    client = login(admin_user)
    first = client.post(reverse("reports:export"), _query("sector"))
    second = client.post(reverse("reports:export"), _query("sector"))
    assert first.status_code == second.status_code == 302
    queued = task_backends["default"].results
    assert len(queued) == 1
    page = client.get(reverse("reports:index"), _query("sector")).content.decode()
    assert "Đang tạo báo cáo PDF đầy đủ" in page and "<progress" in page
    key = queued[0].kwargs["key"]
    poll = client.get(reverse("reports:progress", args=[key])).content.decode()
    assert 'hx-trigger="every 2s"' in poll
    jobs.build_report.call(**queued[0].kwargs)  # the worker runs it
    done = client.get(reverse("reports:progress", args=[key])).content.decode()
    assert "hx-trigger" not in done and "Tải báo cáo PDF đầy đủ" in done
    download = client.get(reverse("reports:download", args=[key, "pdf"]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_failed_job_shows_its_error_and_can_be_retried(report_world, admin_user, login, settings):
    settings.REPORT_INLINE_ROWS = 0
    client = login(admin_user)
    url = reverse("reports:export")
    with mock.patch.object(pdf, "render_report", side_effect=RuntimeError("Không đủ bộ nhớ")):
        client.post(url, _query("sector"))
    page = client.get(reverse("reports:index"), _query("sector")).content.decode()
    assert "Không tạo được báo cáo PDF: Không đủ bộ nhớ" in page
    assert "Thử lại" in page
    with mock.patch.object(pdf, "render_report") as renderer:
        client.post(url, _query("sector"))  # not a retry: the error stays
    assert not renderer.called
    client.post(url, _query("sector", retry="1"))
    page = client.get(reverse("reports:index"), _query("sector")).content.decode()
    assert "Không đủ bộ nhớ" not in page and "Tải báo cáo PDF đầy đủ" in page


def test_a_job_or_file_of_another_scope_is_404(report_world, admin_user, leader_lao_cai, login):
    client = login(admin_user)
    long_an = report_world.sector.thads_long_an
    location = client.post(reverse("reports:export"), _query(f"unit:{long_an.pk}"))["Location"]
    key = location.rstrip("/").split("/")[-1].split(".")[0]
    client = login(leader_lao_cai)
    assert client.get(reverse("reports:download", args=[key, "pdf"])).status_code == 404
    assert client.get(reverse("reports:progress", args=["0" * 40])).status_code == 404


def test_the_workbook_has_the_summary_and_every_recipient(report_world, admin_user, login):
    response = login(admin_user).get(reverse("reports:excel"), _query("sector"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Tổng hợp", "Danh sách"]
    summary_text = [c for row in book["Tổng hợp"].iter_rows(values_only=True) for c in row if c]
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2025" in summary_text
    assert any(
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 01 cá nhân" in str(c)
        for c in summary_text
    )
    rows = list(book["Danh sách"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên / Tập thể", "Đối tượng")
    assert len(rows) == 1 + 13
    first = rows[1]
    assert first[1] == "Nguyễn Văn An" and first[5] == "Huân chương Lao động hạng Ba"
    assert first[8].strftime("%d/%m/%Y").endswith("/2026")


@pytest.mark.skipif(
    not apps.is_installed("django_tasks_db"), reason="django-tasks-db is not installed"
)
def test_with_the_database_backend_a_dead_task_shows_as_failed(
    report_world, admin_user, login, settings
):

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.REPORT_INLINE_ROWS = 0
    client = login(admin_user)
    client.post(reverse("reports:export"), _query("sector"))
    client.post(reverse("reports:export"), _query("sector"))
    assert DBTaskResult.objects.count() == 1  # one job for both requests
    result = DBTaskResult.objects.get()
    assert result.task_path == "awards.reports.jobs.build_report"
    result.status = "FAILED"
    result.exception_class_path = "builtins.MemoryError"
    result.traceback = "Traceback (most recent call last):\nMemoryError: hết bộ nhớ"
    result.save()
    page = client.get(reverse("reports:index"), _query("sector")).content.decode()
    assert "Không tạo được báo cáo PDF: MemoryError: hết bộ nhớ" in page


def _pdf_text(response) -> str:

    data = b"".join(response.streaming_content)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_filed_report_is_vietnamese_whatever_the_interface_language(
    report_world, admin_user, login
):

    client = login(admin_user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("reports:index"), _query("sector")).content.decode()
    assert "Export" in page
    text = _pdf_text(client.get(reverse("reports:summary_pdf"), _query("sector")))
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2025" in text
    assert "I. KẾT QUẢ KHEN THƯỞNG" in text


def test_a_dissolved_grouping_is_offered_and_its_shares_widen_on_request(
    report_world, admin_user, login
):
    sector = report_world.sector
    cluster = ClusterFactory(name="Cụm thi đua đã giải thể", is_active=False)
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=2025)
    client = login(admin_user)
    picker = client.get(reverse("reports:index")).content.decode()
    assert f'value="cluster:{cluster.pk}"' in picker
    assert "Cụm thi đua đã giải thể (đã giải thể)" in picker
    assert 'name="subunits"' in picker
    narrow = client.get(reverse("reports:index"), _query(f"cluster:{cluster.pk}"))
    wide = client.get(reverse("reports:index"), _query(f"cluster:{cluster.pk}", subunits="1"))
    assert "(không tính đơn vị trực thuộc): Thủ tướng Chính phủ tặng Bằng khen (cá nhân) 01/01" in (
        narrow.content.decode()
    )
    page = wide.content.decode()
    assert "(tính cả đơn vị trực thuộc): Thủ tướng Chính phủ tặng Bằng khen (cá nhân) 01/01" in page
    assert 'name="subunits" value="1"' in page  # the export keeps the choice
