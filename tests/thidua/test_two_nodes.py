"""Two web nodes and a worker that share nothing but PostgreSQL, an S3 bucket and Redis.

Each process gets its own empty MEDIA_ROOT, as separate machines would: a report asked on
node A is built by the worker and downloaded from node B; a dossier file uploaded on B is
downloaded on A. The bucket is moto's S3 server on 127.0.0.1; no file may land on any local
disk. PostgreSQL only: the processes must reach the test database (data committed).
"""

import io
import os
import re
import subprocess
import sys
import time

import boto3
import pytest
import redis
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection
from weasyprint import HTML

from awards.models import DossierFile, GeneratedFile, Proposal
from tests.thidua.servers import (
    collected_static,
    compose_gunicorn_args,
    free_port,
    production_env,
    wait_until_listening,
)
from thidua.bench.measured import database_url, stop
from thidua.demo.accounts import DEMO_PASSWORD, USERNAMES

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the nodes run in their own processes and must reach the test database",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("gunicorn"),
]

BUCKET = "thidua-test"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
WAIT = 240  # seconds for the worker to build the report on a loaded machine


class QuickPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000


def start(args, env, log):
    with log.open("w") as output:
        return subprocess.Popen(args, env=env, stdout=output, stderr=subprocess.STDOUT)


@pytest.fixture
def s3(tmp_path):
    port = free_port()
    log = tmp_path / "moto.log"
    server = start(
        [os.path.join(os.path.dirname(sys.executable), "moto_server"), "-H", "127.0.0.1",
         "-p", str(port)],
        {**os.environ},
        log,
    )  # fmt: skip
    try:
        wait_until_listening(server, port, log)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint, client
    finally:
        stop(server)


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    return REDIS_URL


def login(base, username):
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    landed = session.post(
        f"{base}/login/",
        {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        timeout=60,
    )
    assert landed.url == f"{base}/", f"{username} could not log in on {base}"
    return session


def csrf(session):
    return session.cookies["csrftoken"]


def local_files(*folders):
    return [str(p) for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_nodes_share_reports_and_uploads_through_the_bucket_not_their_disks(
    tmp_path, s3, redis_url
):
    endpoint, bucket = s3
    call_command("seed_demo", stdout=io.StringIO())
    hashed = QuickPBKDF2().encode(DEMO_PASSWORD, QuickPBKDF2().salt())
    get_user_model().objects.filter(username__in=USERNAMES).update(password=hashed)
    media = {name: tmp_path / f"media-{name}" for name in ("a", "b", "worker")}
    for folder in media.values():
        folder.mkdir()
    common = production_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE="False",
        DATABASE_URL=database_url(),
        CACHE_URL=redis_url,
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=endpoint,
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="test",
        S3_SECRET_ACCESS_KEY="test",
        REPORT_INLINE_ROWS="0",  # the report goes to the worker however small
    )
    common["STATIC_ROOT"] = str(collected_static(common))
    ports = {"a": free_port(), "b": free_port()}
    processes = [
        start(compose_gunicorn_args(ports[n], workers=1), {**common, "MEDIA_ROOT": str(media[n])},
              tmp_path / f"{n}.log")
        for n in ("a", "b")
    ] + [
        start([sys.executable, "manage.py", "db_worker"],
              {**common, "MEDIA_ROOT": str(media["worker"])}, tmp_path / "worker.log")
    ]  # fmt: skip
    node_a, node_b = (f"http://127.0.0.1:{ports[n]}" for n in ("a", "b"))
    try:
        for name, process in zip(("a", "b"), processes, strict=False):
            wait_until_listening(process, ports[name], tmp_path / f"{name}.log")

        # A report asked on A, built by the worker, downloaded from B.
        admin_a = login(node_a, "admin_tdkt")
        query = {"scope": "sector", "start": "2025"}
        asked = admin_a.post(
            f"{node_a}/reports/export/", {**query, "csrfmiddlewaretoken": csrf(admin_a)},
            allow_redirects=False, timeout=60,
        )  # fmt: skip
        assert asked.status_code == 302
        admin_b = login(node_b, "admin_tdkt")
        deadline, link = time.monotonic() + WAIT, None
        while link is None and time.monotonic() < deadline:
            page = admin_b.get(f"{node_b}/reports/", params=query, timeout=60).text
            found = re.search(r'href="(/reports/files/[0-9a-f]{40}\.pdf)"', page)
            link = found and found[1]
            time.sleep(1)
        assert link, (tmp_path / "worker.log").read_text()[-3000:]
        report = admin_b.get(node_b + link, timeout=60)
        assert report.headers["Content-Type"] == "application/pdf"
        assert report.content.startswith(b"%PDF-")
        stored = GeneratedFile.objects.get(ext="pdf")
        assert bucket.get_object(Bucket=BUCKET, Key=stored.name)["Body"].read() == report.content

        # A dossier file uploaded on B, downloaded on A.
        draft = Proposal.objects.get(
            status=Proposal.Status.DRAFT, created_by__username="staff_long_an"
        )
        document = HTML(string="<p>Tờ trình của Nguyễn Thị Ượng</p>").write_pdf()
        staff_b = login(node_b, "staff_long_an")
        uploaded = staff_b.post(
            f"{node_b}/awards/proposals/{draft.pk}/files/",
            {"kind": "submission", "csrfmiddlewaretoken": csrf(staff_b)},
            files={"file": ("to-trinh.pdf", document, "application/pdf")},
            allow_redirects=False, timeout=60,
        )  # fmt: skip
        assert uploaded.status_code == 302, uploaded.text[-2000:]
        dossier = DossierFile.objects.filter(proposal=draft).latest("pk")
        staff_a = login(node_a, "staff_long_an")
        downloaded = staff_a.get(f"{node_a}/awards/files/{dossier.pk}/", timeout=60)
        assert (downloaded.status_code, downloaded.content) == (200, document)

        assert local_files(*media.values()) == []
    finally:
        for process in processes:
            stop(process)
