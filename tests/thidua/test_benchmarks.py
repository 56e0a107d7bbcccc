"""Every benchmark runs once at a tiny size, so that none of them rots between measurements.

The figures are not asserted (they belong in README, measured at full size): each run must end
without an error and print the comparison it exists for. ``bench_load`` and
``bench_registration_import`` have their own tests (tests/thidua/test_bench_load.py,
tests/campaigns/test_import.py). Benchmarks that measure a child process need the data
committed where that process can reach it: PostgreSQL only.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from awards.models import Decision
from thidua.bench.pages import ADMIN, EVERYONE, REPORTERS, audiences, main_pages
from thidua.demo.accounts import USERNAMES
from units.models import Unit

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the benchmark's child processes must reach the test database: PostgreSQL only",
)


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def test_bench_eligibility_compares_the_engine_with_the_naive_path(db):
    text = run("bench_eligibility", "--people", "40", "--limit", "40")

    assert "seeding 40 synthetic people" in text
    assert "identical" in text.lower() or "giống nhau" in text.lower(), text


def test_bench_history_import_compares_the_batched_path_with_the_row_by_row_one(db):
    text = run("bench_history_import", "--rows", "120", "--baseline-rows", "30")

    assert "django-import-export, mặc định (từng dòng)" in text and "ngoại suy" in text, text
    assert "truy vấn mỗi lô" in text and "Tỷ lệ thời gian" in text, text
    assert not Decision.objects.filter(number__endswith="QĐ-BENCHLS").exists()


def test_bench_ranking_ranks_a_small_sector_and_rolls_back(db):
    text = run("bench_ranking", "--units", "70", "--criteria", "5", "--repeat", "1")

    assert text.rstrip().endswith("Đã hoàn tác dữ liệu giả lập.")
    assert Unit.objects.count() == 0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_bench_reports_builds_the_report_both_ways():
    call_command("seed_demo", stdout=StringIO())

    text = run("bench_reports", "--year", "2025", "--workers", "1")

    assert "fast" in text and "naive" in text, text


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_bench_certificates_prints_both_ways():
    text = run("bench_certificates", "--recipients", "4", "--repeat", "1")

    assert "real" in text and "plain" in text, text


def test_each_demo_user_is_sent_only_pages_that_answer_them(demo):
    """bench_load's page mix per role: a page a role may not see would count as an error."""
    pages = main_pages()
    users = get_user_model().objects.filter(username__in=USERNAMES).order_by("username")
    answers = {}
    for user in users:
        client = Client()
        client.force_login(user)
        sent = [page for page in pages if page.audience in audiences(user)]
        answers[user.username] = {
            page.name: client.get(page.path, secure=True).status_code for page in sent
        }

    assert {name: set(codes.values()) for name, codes in answers.items()} == {
        name: {200} for name in USERNAMES
    }
    assert {name: audiences(u) for name, u in ((u.username, u) for u in users)} == {
        "admin_tdkt": [EVERYONE, REPORTERS, ADMIN],
        "council_btp": [EVERYONE],
        "leader_lao_cai": [EVERYONE, REPORTERS],
        "staff_long_an": [EVERYONE],
    }
    assert "reports summary" not in answers["staff_long_an"]


def test_bench_upload_corpus_times_every_file_both_ways(db):
    text = run("bench_upload_corpus", "--scale", "0.02", "--naive-timeout", "20")

    lines = text.splitlines()
    assert lines[0].split() == [
        "file",
        "size",
        "ours",
        "(CPU",
        "s)",
        "naive",
        "(CPU",
        "s)",
        "outcome",
    ]
    assert any(line.startswith("empty-row padding") and "10.000 dòng" in line for line in lines)
    assert any(line.startswith("PNG 30,000 × 30,000") and "quá lớn" in line for line in lines)
    assert lines[-1].startswith("worst: ")
