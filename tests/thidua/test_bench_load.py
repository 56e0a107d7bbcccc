"""``manage.py bench_load`` end to end at a tiny size: 3 users for 2 s against gunicorn.

PostgreSQL only: gunicorn runs in its own processes and must reach the test database, so
the data is committed (``transaction=True``). About 15 s (plus a minute the first time, to
collect the static files with the production storage; they are kept in test-artifacts/).
"""

import re
from importlib.util import find_spec
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from thidua.demo.accounts import DEMO_PASSWORD, USERNAMES

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="gunicorn must reach the test database: PostgreSQL only",
    ),
    # Not importorskip: importing locust here would patch this process for gevent.
    pytest.mark.skipif(find_spec("locust") is None, reason="locust is not installed"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("gunicorn"),
]


class QuickPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000


def test_bench_load_drives_the_main_pages_without_errors(settings):
    call_command("seed_demo", stdout=StringIO())
    # The tests hash with MD5, which the production settings of gunicorn do not know.
    hashed = QuickPBKDF2().encode(DEMO_PASSWORD, QuickPBKDF2().salt())
    get_user_model().objects.filter(username__in=USERNAMES).update(password=hashed)

    out = StringIO()
    call_command(
        "bench_load", "--users", "3", "--seconds", "2", "--nodes", "1", "2", "--no-demo", stdout=out
    )

    text = out.getvalue()
    # One run per node count, side by side: a summary line each and a p50 column each.
    assert "Server: 1 × gunicorn thidua.wsgi:application" in text
    assert "Server: 2 × gunicorn thidua.wsgi:application" in text
    assert re.search(
        r"^1 node: [\d,]+ requests .* errors: 0; latency \(ms\) p50 \d+, p95", text, re.M
    )
    assert re.search(
        r"^2 nodes: [\d,]+ requests .* errors: 0; latency \(ms\) p50 \d+, p95", text, re.M
    )
    assert "p50 ms ×1" in text and "p50 ms ×2" in text
    for page in ("home", "people search", "decisions", "person awards", "unit awards"):
        assert f"\n{page} " in text
    assert text.rstrip().endswith("OK")


def test_bench_load_refuses_silly_sizes(db):

    with pytest.raises(CommandError, match="--users"):
        call_command("bench_load", "--users", "0", stdout=StringIO())
    with pytest.raises(CommandError, match="--nodes"):
        call_command("bench_load", "--nodes", "1", "9", stdout=StringIO())
