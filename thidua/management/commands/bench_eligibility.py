"""Benchmark the eligibility engine against the naive one-person-at-a-time evaluation.

On a database with fewer than 1,000 people it first seeds a synthetic sector (the award
catalogue if missing, 34 provinces × 10 offices, ``--people`` people with five years of
history) with bulk inserts, so it runs on an empty migrated database.
"""

import time
from collections import Counter, deque
from contextlib import contextmanager
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from awards.catalogue.models import Award
from awards.catalogue.seed import seed_catalogue
from awards.eligibility import evaluate
from awards.eligibility.context import NOT_FOR_MERIT
from thidua.bench.eligibility_naive import evaluate_naive
from thidua.bench.eligibility_synthetic import Catalogue, seed_people, seed_units
from units.access import under
from units.models import Person, Unit

MIN_PEOPLE = 1000


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise ValueError(value)
    return n


@contextmanager
def counting_queries():
    """CaptureQueriesContext, with a query log long enough for the naive run.

    Django keeps the last 9,000 queries only; the naive run makes far more. The count is
    read before the usual log is put back.
    """
    saved = connection.queries_log
    connection.queries_log = deque(maxlen=None)
    counted = SimpleNamespace(queries=0)
    try:
        with CaptureQueriesContext(connection) as captured:
            yield counted
        counted.queries = len(captured.captured_queries)
    finally:
        connection.queries_log = saved


def _timed(function, **kwargs):
    """(result, wall seconds, CPU seconds of this process, number of queries)."""
    with counting_queries() as counted:
        started, cpu = time.perf_counter(), time.process_time()
        result = function(**kwargs)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return result, elapsed, cpu, counted.queries


class Command(BaseCommand):
    help = (
        "Đo thời gian xét điều kiện khen thưởng cho toàn bộ cán bộ (hoặc tập thể): engine "
        "hàng loạt so với cách xét từng người, và kiểm tra hai cách cho cùng kết quả."
    )

    def add_arguments(self, parser):
        parser.add_argument("--award", default="cstdcs", help="mã danh hiệu (mặc định cstdcs)")
        parser.add_argument("--year", type=int, default=2025, help="năm thành tích")
        parser.add_argument("--limit", type=_positive, help="chỉ xét N cán bộ/tập thể đầu tiên")
        parser.add_argument(
            "--people",
            type=_positive,
            default=15000,
            help="số cán bộ mô phỏng sẽ tạo khi cơ sở dữ liệu có dưới 1.000 cán bộ",
        )

    def handle(self, *args, award, year, limit, people, **options):
        if Person.objects.count() < MIN_PEOPLE:
            self._seed(people=people, year=year)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # fresh statistics for the planner after bulk inserts
        found = Award.objects.filter(code=award).first()
        if found is None:
            raise CommandError(f"Không có danh hiệu/hình thức mã {award!r} trong danh mục.")
        model = Unit if found.is_collective else Person
        subjects = model.objects.order_by("pk")
        if limit:
            subjects = subjects[:limit]

        bulk, bulk_time, bulk_cpu, bulk_queries = _timed(
            evaluate, award=found, subjects=subjects, year=year
        )
        naive, naive_time, naive_cpu, naive_queries = _timed(
            evaluate_naive, award=found, subjects=subjects, year=year
        )

        out = self.stdout.write
        kind = "units" if found.is_collective else "people"
        out(f"{found.name} ({found.code}), year {year}: {len(bulk):,} {kind}")
        for name, seconds, cpu, queries in (
            ("bulk: ", bulk_time, bulk_cpu, bulk_queries),
            ("naive:", naive_time, naive_cpu, naive_queries),
        ):
            out(f"{name} {seconds:8.3f} s  {queries:>9,} queries  (Python CPU {cpu:.3f} s)")
        fewer = naive_queries / max(bulk_queries, 1)
        out(f"ratio: {naive_time / bulk_time:8.1f} × faster, {fewer:,.0f} × fewer queries")
        statuses = Counter(v.status for v in bulk.values())
        out("verdicts: " + ", ".join(f"{s} {n:,}" for s, n in sorted(statuses.items())))
        if bulk != naive:
            self._show_difference(bulk, naive)
            raise CommandError("verdicts identical: no")
        out(self.style.SUCCESS("verdicts identical: yes"))

    def _show_difference(self, bulk, naive):
        for pk in bulk.keys() | naive.keys():
            if bulk.get(pk) != naive.get(pk):
                self.stderr.write(f"subject {pk}:")
                for name, verdicts in (("bulk", bulk), ("naive", naive)):
                    verdict = verdicts.get(pk)
                    lines = verdict.messages() if verdict else ["(missing)"]
                    self.stderr.write(f"  {name}: " + "\n         ".join(lines))
                return

    @transaction.atomic
    def _seed(self, *, people: int, year: int):
        self.stdout.write(
            f"Fewer than {MIN_PEOPLE:,} people: seeding {people:,} synthetic people "
            "(or run `manage.py seed_national` first for the national seed)…"
        )
        started = time.perf_counter()
        if not Award.objects.filter(code__in=["ldtt", "cstdcs"]).exists():
            seed_catalogue()
        awards = {a.code: a for a in Award.objects.all()}
        catalogue = Catalogue(
            ldtt=awards["ldtt"],
            cstdcs=awards["cstdcs"],
            cstd_nganh=awards.get("cstd-nganh"),
            bk=awards.get("bk-bo-ca-nhan"),
            not_for_merit=tuple(
                a
                for a in awards.values()
                if a.reward_type in NOT_FOR_MERIT and a.subject == Award.Subject.INDIVIDUAL
            ),
            once=awards.get("knc-tu-phap"),
        )
        root = Unit.objects.filter(code="syn-btp").first()
        if root:
            units = list(Unit.objects.filter(under([root.path])).filter(depth__gte=2))
        else:
            units = seed_units(provinces=34, districts=10)
        seed_people(
            catalogue=catalogue,
            units=units,
            people=people,
            year=year,
            first_number=Person.objects.filter(code__startswith="SYN").count(),
        )
        self.stdout.write(f"Seeded in {time.perf_counter() - started:.1f} s.")
