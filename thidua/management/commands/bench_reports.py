"""``manage.py bench_reports``: the yearly report's speed and memory, fast path against naive.

Both the fast path (summary and annex slices laid out in parallel processes, joined and
numbered) and the naive one (the same content as one WeasyPrint document, ordinary table
CSS, page numbers by CSS counters) run in their own subprocess, from loading the data to
writing the file, so their wall time and peak memory are measured alike. Peak memory is
the whole process tree's, sampled from /proc: resident set (RSS, every 0.1 s; pages shared
between processes count once per process) and proportional set (PSS, every 0.5 s; shared
pages split between their processes: the honest total). The summary pages alone are timed
for a few scopes in this process.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from weasyprint import CSS, HTML

from awards.models import Conferment
from awards.reports import pdf, weasy
from awards.reports.data import load_report
from awards.reports.scope import Period, scope_from_value
from thidua.bench.measured import mb, run_measured
from units.models import ClusterMembership, Unit

# The baseline: what one would write first. Automatic table layout, a full grid of
# collapsed borders, page numbers from CSS counters, one document in one process.
NAIVE_CSS = """
@page { @bottom-center { content: "Trang " counter(page) "/" counter(pages);
  font-family: "Tinos"; font-size: 9.5pt; } }
table.annex { table-layout: auto; border-collapse: collapse; }
table.annex col.stt, table.annex col.name, table.annex col.position, table.annex col.unit,
table.annex col.number, table.annex col.date { width: auto; }
table.annex th, table.annex td { border: 0.5pt solid #000; padding: 2pt 3pt; }
"""


class Command(BaseCommand):
    help = (
        "Đo thời gian và bộ nhớ tạo báo cáo khen thưởng toàn ngành: đường nhanh và cách "
        "thông thường, chạy cạnh nhau."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Năm báo cáo (mặc định: năm mới nhất có dữ liệu)."
        )
        parser.add_argument(
            "--scope", default="sector", help='Phạm vi: "sector", "unit:ID", "cluster:ID".'
        )
        parser.add_argument(
            "--skip-naive", action="store_true", help="Không chạy cách thông thường."
        )
        parser.add_argument("--rows-per-part", type=int, default=pdf.PART_ROWS)
        parser.add_argument("--workers", type=int, default=pdf.workers())
        parser.add_argument("--child", choices=["fast", "naive"], help=argparse.SUPPRESS)
        parser.add_argument("--out", help=argparse.SUPPRESS)

    def handle(
        self, *args, year=None, scope, skip_naive, rows_per_part, workers, child, out, **options
    ):
        if year is None:
            year = Conferment.objects.aggregate(year=Max("year"))["year"]
            if year is None:
                raise CommandError("Chưa có dữ liệu khen thưởng (chạy manage.py seed_national).")
        if child:
            return self._child(child, scope, year, rows_per_part, workers, out)
        if connection.vendor == "postgresql":
            # A freshly seeded database has no planner statistics: plans would be absurd.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._summaries(year)
        results = {"fast": self._run("fast", scope, year, rows_per_part, workers)}
        if not skip_naive:
            results["naive"] = self._run("naive", scope, year, rows_per_part, workers)
        self._report(results)

    # --- the parent: summaries in process, full reports in subprocesses ----------------

    def _summaries(self, year: int) -> None:
        period = Period(year, year)
        province = (
            Unit.objects.filter(depth=2, conferments__year=year)
            .annotate(n=Count("conferments"))
            .order_by("-n")
            .first()
        )
        cluster = (
            ClusterMembership.objects.filter(year=year).values_list("cluster_id", flat=True).first()
        )
        scopes = ["sector"]
        if province:
            scopes.append(f"unit:{province.pk}")
        if cluster:
            scopes.append(f"cluster:{cluster}")
        self.stdout.write(f"Năm {year}. Phần tổng hợp (không kèm danh sách), mục tiêu < 2 giây:")
        warm = load_report(scope_from_value("sector", period), period, recipients=False)
        pdf.render_summary(warm, timezone.localdate())  # fonts and caches, once per process
        for value in scopes:
            scope = scope_from_value(value, period)
            reset_queries()
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                data = load_report(scope, period, recipients=False)
            loaded = time.perf_counter() - start
            document = pdf.render_summary(data, timezone.localdate())
            total = time.perf_counter() - start
            mark = "OK" if total < 2 else "CHẬM"
            self.stdout.write(
                f"  {scope.name[:48]:48} {data.total:>7,} lượt, {len(queries)} truy vấn, "
                f"dữ liệu {loaded:.2f} s, tổng {total:.2f} s, {len(document) // 1024} KB  {mark}"
            )

    def _run(self, mode: str, scope: str, year: int, rows_per_part: int, workers: int) -> dict:
        out = Path(tempfile.gettempdir()) / f"bench-report-{mode}-{os.getpid()}.pdf"
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_reports",
            "--child", mode,
            "--scope", scope,
            "--year", str(year),
            "--rows-per-part", str(rows_per_part),
            "--workers", str(workers),
            "--out", str(out),
        ]  # fmt: skip
        self.stdout.write(f"Đang chạy: {mode}…")
        result = run_measured(command, mode)
        result["size"] = out.stat().st_size
        out.unlink(missing_ok=True)
        return result

    def _report(self, results: dict) -> None:
        fast = results["fast"]
        self.stdout.write("")
        self.stdout.write(
            f"{'':8}{'thời gian':>12}{'CPU dàn trang':>15}{'đỉnh RSS (cây)':>17}"
            f"{'đỉnh PSS (cây)':>17}{'RSS lớn nhất 1 tiến trình':>27}{'trang':>7}{'dòng':>8}"
        )
        for mode, r in results.items():
            self.stdout.write(
                f"{mode:8}{r['seconds']:>10.1f} s{r['layout_cpu']:>13.1f} s{mb(r['peak_rss']):>17}"
                f"{mb(r['peak_pss']):>17}{mb(r['max_process_rss']):>27}{r['pages']:>7}"
                f"{r['rows']:>8,}"
            )
        self.stdout.write(
            f"fast: dữ liệu {fast['load']:.1f} s, dàn trang {fast['render']:.1f} s "
            f"({fast['parts']} phần, {fast['workers']} tiến trình, HTML làm song song), "
            f"ghép và đánh số {fast['join']:.1f} s, còn lại {fast['other']:.1f} s"
        )
        naive = results.get("naive")
        if not naive:
            return
        time_ratio = fast["seconds"] / naive["seconds"]
        cpu_ratio = fast["layout_cpu"] / naive["layout_cpu"]
        rss_ratio = fast["peak_rss"] / naive["peak_rss"]
        pss_ratio = fast["peak_pss"] / naive["peak_pss"]
        self.stdout.write(
            f"Tỷ lệ fast/naive: thời gian {time_ratio:.2f} (mục tiêu ≤ 0,30; CPU dàn trang "
            f"{cpu_ratio:.2f}), "
            f"bộ nhớ đỉnh RSS {rss_ratio:.2f}, PSS {pss_ratio:.2f} (mục tiêu ≤ 0,50)"
        )
        ok = time_ratio <= 0.3 and max(rss_ratio, pss_ratio) <= 0.5
        self.stdout.write(self.style.SUCCESS("ĐẠT") if ok else self.style.WARNING("CHƯA ĐẠT"))

    # --- the child: one full report, from the data to the file --------------------------

    def _child(self, mode, scope_value, year, rows_per_part, workers, out):
        period = Period(year, year)
        timings = {}
        start = time.perf_counter()
        data = load_report(scope_from_value(scope_value, period), period)
        timings["load"] = time.perf_counter() - start
        issued_on = timezone.localdate()
        if mode == "fast":
            timing = weasy.Timing()
            start = time.perf_counter()
            document, pages = pdf.render_report(
                data, issued_on, rows_per_part=rows_per_part, processes=workers, timing=timing
            )
            timings.update(
                render=timing.render,
                join=timing.join,
                other=time.perf_counter() - start - timing.render - timing.join,
                parts=timing.parts,
                workers=workers,
                layout_cpu=timing.cpu,
            )
        else:
            start = time.perf_counter()
            html = pdf.naive_html(data, issued_on)
            timings["html"] = time.perf_counter() - start
            start, cpu = time.perf_counter(), time.process_time()
            rendered = HTML(string=html).render(
                stylesheets=[CSS(string=pdf.stylesheet()), CSS(string=NAIVE_CSS)]
            )
            pages = len(rendered.pages)
            document = rendered.write_pdf()
            timings.update(
                render=time.perf_counter() - start,
                join=0.0,
                parts=1,
                workers=1,
                layout_cpu=time.process_time() - cpu,
            )
        Path(out).write_bytes(document)
        timings.update(pages=pages, rows=len(data.recipients))
        self.stdout.write(json.dumps(timings))
