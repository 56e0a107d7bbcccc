"""A large print: numbers assigned at once, the PDF rendered by the worker with a progress bar."""

from unittest import mock

import pytest
from django.urls import reverse
from django_tasks import task_backends

from awards.certificates import jobs as print_jobs
from awards.certificates.models import Certificate
from awards.reports import jobs
from tests.awards.certificates.helpers import pdf_pages

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def large(settings):
    """Every print of more than one recipient counts as large; tasks wait for a worker."""
    settings.CERTIFICATE_INLINE_MAX = 1
    settings.TASKS = DUMMY
    task_backends["default"].clear()
    yield
    task_backends["default"].clear()


def _print(client, decision):
    url = reverse("certificates:decision_print", args=[decision.pk])
    return client.post(url, {"mode": "full", "confirm": "1"})


def test_numbers_are_assigned_then_the_worker_renders_and_the_page_offers_the_file(
    large, login, admin_user, decision
):
    client = login(admin_user)

    response = _print(client, decision)

    assert response.status_code == 302
    page_url = response["Location"]
    key = page_url.split("job=")[1].split("#")[0]
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2]
    (queued,) = task_backends["default"].results
    assert queued.kwargs == {"key": key}
    waiting = client.get(page_url).content.decode()
    assert "Đã cấp số vào sổ cho 2 bằng; tệp PDF đang được tạo trong nền." in waiting
    assert f'hx-get="{reverse("certificates:print_job", args=[key])}"' in waiting
    assert "<progress" in waiting
    assert client.get(reverse("certificates:print_download", args=[key])).status_code == 404

    print_jobs.build_certificates.call(**queued.kwargs)  # the worker runs it

    done = client.get(reverse("certificates:print_job", args=[key])).content.decode()
    assert "hx-trigger" not in done
    assert "Tải tệp PDF 2 bằng" in done
    download = client.get(reverse("certificates:print_download", args=[key]))
    pages = pdf_pages(b"".join(download.streaming_content))
    assert len(pages) == 2
    assert "Nguyễn Thị Thanh Hương" in " ".join(pages)
    assert jobs.read(key).status == jobs.DONE


def test_a_failed_rendering_keeps_the_numbers_and_says_so(large, login, admin_user, decision):
    client = login(admin_user)
    page_url = _print(client, decision)["Location"]
    (queued,) = task_backends["default"].results

    with (
        mock.patch.object(print_jobs, "print_pdf", side_effect=MemoryError("hết bộ nhớ")),
        pytest.raises(MemoryError),
    ):
        print_jobs.build_certificates.call(**queued.kwargs)

    page = client.get(page_url).content.decode()
    assert "Không tạo được tệp PDF: hết bộ nhớ" in page
    assert Certificate.objects.count() == 2


def test_a_print_job_is_404_to_a_user_who_may_not_print_the_decision(
    large, login, admin_user, leader_lao_cai, council_member, decision
):
    key = _print(login(admin_user), decision)["Location"].split("job=")[1].split("#")[0]
    print_jobs.build_certificates.call(**task_backends["default"].results[0].kwargs)

    for outsider in (leader_lao_cai, council_member):
        client = login(outsider)
        assert client.get(reverse("certificates:print_job", args=[key])).status_code in (403, 404)
        download = client.get(reverse("certificates:print_download", args=[key]))
        assert download.status_code in (403, 404)
    assert (
        login(leader_lao_cai).get(reverse("certificates:print_job", args=["0" * 40])).status_code
        == 404
    )
