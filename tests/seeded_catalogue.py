"""The seeded award catalogue for tests that only need it in place.

``seed_catalogue()`` upserts ~1,000 rows one by one, with their field history and the
signal that marks verdicts stale: about a second per test. The first test of a run seeds
for real and keeps a copy of the rows; later tests get the same rows (same ids, same
history) by one bulk insert per table. Tests of the seeding itself call it directly.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from awards.catalogue.seed import seed_catalogue

_rows: list[tuple] | None = None


def seeded_catalogue() -> None:
    global _rows
    models = list(apps.get_app_config("catalogue").get_models(include_auto_created=True))
    empty = not any(model._base_manager.exists() for model in models)
    if _rows is None or not empty:
        seed_catalogue()
        if empty:
            _rows = [(model, list(model._base_manager.order_by("pk"))) for model in models]
        return
    # One transaction: tables go in one by one and their foreign keys are checked at the end
    # (a browser test runs outside the test's own transaction).
    with transaction.atomic():
        for model, rows in _rows:
            model._base_manager.bulk_create(rows)
        # PostgreSQL's id sequences do not move on inserts with explicit ids.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
