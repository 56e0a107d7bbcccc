"""The README's backup recipe round-trips: ``pg_dump -Fc`` then ``pg_restore`` into a fresh
database gives back every row, the key values and the sequences.

PostgreSQL only (the dump is PostgreSQL's); the data is committed (``transaction=True``)
so that ``pg_dump``, a separate session, sees it. About 10 s.
"""

import os
import shutil
import subprocess
from io import StringIO

import psycopg
import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from awards.models import Decision, DossierFile, Proposal
from tests.factories import ProposalFactory
from thidua.core import audit
from units.models import Unit

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="the PostgreSQL client tools (pg_dump, pg_restore) are not installed",
    ),
    pytest.mark.django_db(transaction=True),
]

# Values that must come back identical, beyond the row counts.
KEY_QUERIES = {
    "decisions": 'SELECT id, number, signed_on, status FROM "awards_decision" ORDER BY id',
    "conferments": (
        "SELECT id, decision_id, award_id, person_id, unit_id, year, revoked "
        'FROM "awards_conferment" ORDER BY id'
    ),
    "audit": (
        "SELECT id, at, actor_id, unit_id, action, from_state, to_state, comment "
        'FROM "core_auditentry" ORDER BY id'
    ),
    "admin log": (
        'SELECT id, action_time, object_id, change_message FROM "django_admin_log" ORDER BY id'
    ),
    "files": 'SELECT id, file, original_name, size FROM "awards_dossierfile" ORDER BY id',
    "units": 'SELECT id, path, code, name FROM "units_unit" ORDER BY id',
}


def _libpq(dbname: str) -> dict:
    settings = connection.settings_dict
    return {
        "dbname": dbname,
        "host": settings["HOST"] or "localhost",
        "port": str(settings["PORT"] or 5432),
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }


def _tool_env() -> dict:
    env = dict(os.environ)
    if connection.settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def _tool_args(dbname: str) -> list[str]:
    params = _libpq(dbname)
    return ["-h", params["host"], "-p", params["port"], "-U", params["user"], "-d", dbname]


def _snapshot(dbname: str) -> dict:
    """Row count of every model's table, the key values and every sequence's position."""
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})
    with psycopg.connect(**_libpq(dbname)) as conn:
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        keys = {name: conn.execute(sql).fetchall() for name, sql in KEY_QUERIES.items()}
        sequences = dict(
            conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return {"counts": counts, "keys": keys, "sequences": sequences}


def _workflow_traces(admin):
    """What the demo seed does not write: a dossier file, audit entries, an admin edit."""
    proposal = Proposal.objects.filter(status=Proposal.Status.DRAFT).first()
    if proposal is None:
        proposal = ProposalFactory(proposing_unit=Unit.objects.order_by("path").first())
    DossierFile.objects.create(
        proposal=proposal,
        kind=DossierFile.Kind.SUBMISSION,
        file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4\n%%EOF\n"),
        original_name="Tờ trình số 12.pdf",
        size=15,
        content_type="application/pdf",
    )
    audit.record(
        obj=proposal,
        by=admin,
        action="submit",
        from_state="draft",
        to_state="submitted",
        comment="Gửi hồ sơ – sao lưu",
        unit=proposal.proposing_unit,
    )
    decision = Decision.objects.first()
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(decision),
        object_id=str(decision.pk),
        object_repr=str(decision)[:200],
        action_flag=ADDITION,
        change_message="Nhập quyết định",
    )


def test_pg_dump_and_pg_restore_give_back_every_row(tmp_path, django_user_model):
    call_command("seed_demo", stdout=StringIO())
    admin = django_user_model.objects.filter(is_superuser=True).first()
    _workflow_traces(admin)
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"[:63]
    dump = tmp_path / "thidua.dump"

    subprocess.run(
        ["pg_dump", "-Fc", "-f", str(dump), *_tool_args(source)],
        check=True,
        env=_tool_env(),
        timeout=120,
    )
    with psycopg.connect(**_libpq("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        conn.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *_tool_args(restored), str(dump)],
            check=True,
            env=_tool_env(),
            timeout=120,
        )
        before, after = _snapshot(source), _snapshot(restored)
    finally:
        with psycopg.connect(**_libpq("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    assert after["counts"] == before["counts"]
    for name in ("awards_decision", "awards_conferment", "units_person", "core_auditentry"):
        assert before["counts"][name] > 0, f"the seed should fill {name}"
    assert after["keys"] == before["keys"]
    stored = DossierFile.objects.get(original_name="Tờ trình số 12.pdf")
    assert (stored.pk, stored.file.name, "Tờ trình số 12.pdf", 15) in after["keys"]["files"]
    assert len(after["keys"]["files"]) == DossierFile.objects.count() > 1
    assert after["sequences"] == before["sequences"]
