"""``manage.py bench_certificates``: a 500-recipient decision's certificates against a baseline.

The parent writes a throwaway issued decision with ``--recipients`` people (committed, so the
children see it; deleted at the end), then runs two children, each in its own subprocess
so wall time and peak memory (RSS of the process tree, sampled from /proc) are measured
alike: ``real`` does what the print view does (load the recipients, assign register
numbers, fill the templates, lay out the PDF); ``plain`` lays out a bare one-page-per-
recipient WeasyPrint document of the same text (each certificate's lines as plain
paragraphs, default styles). It also counts the queries of the real
path for 5 recipients and for all of them, which must be equal.
"""

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from awards.catalogue.models import Authority, Award
from awards.certificates import render as printing
from awards.certificates import selectors, services
from awards.certificates.models import Certificate, CertificatePrint, RegisterCounter
from awards.models import Conferment, Decision
from thidua.bench.measured import mb, run_measured
from units.models import AgencyType, Person, Unit

PREFIX = "bench-cert"
PLAIN_CSS = "@page { size: A4 landscape; margin: 15mm; } section { break-after: page; }"


class Command(BaseCommand):
    help = "Đo thời gian, bộ nhớ và số truy vấn khi in bằng khen của một quyết định lớn."

    def add_arguments(self, parser):
        parser.add_argument("--recipients", type=int, default=500)
        parser.add_argument(
            "--repeat", type=int, default=2, help="Chạy xen kẽ mỗi loại N lần, lấy lần nhanh nhất."
        )
        parser.add_argument("--child", choices=["real", "plain"], help=argparse.SUPPRESS)
        parser.add_argument("--decision", type=int, help=argparse.SUPPRESS)
        parser.add_argument("--out", help=argparse.SUPPRESS)

    def handle(self, *args, recipients, repeat, child, decision, out, **options):
        if child:
            return self._child(child, decision, out)
        admin = _bench_user()
        decision = _seed(recipients)
        try:
            small, large = self._queries(decision, admin, recipients)
            # Alternated and repeated: on a shared machine the load changes from run to run.
            runs = {"plain": [], "real": []}
            for _round in range(max(repeat, 1)):
                for mode in runs:
                    runs[mode].append(self._run(mode, decision.pk))
            results = {
                mode: {
                    **min(found, key=lambda r: r["seconds"]),
                    "peak_rss": max(r["peak_rss"] for r in found),
                    "all": [round(r["seconds"], 1) for r in found],
                }
                for mode, found in runs.items()
            }
        finally:
            _cleanup()
        self._report(results, small, large, recipients)

    # --- the parent -------------------------------------------------------------------------

    def _queries(self, decision, admin, recipients) -> tuple[int, int]:
        counts = []
        for limit in (1, 5, recipients):  # the first warms the content-type cache
            with transaction.atomic():
                with CaptureQueriesContext(connection) as queries:
                    _print(decision, admin, limit)
                counts.append(len(queries))
                transaction.set_rollback(True)
        return counts[1], counts[2]

    def _run(self, mode: str, decision_id: int) -> dict:
        out = Path(tempfile.gettempdir()) / f"bench-certificates-{mode}.pdf"
        command = [
            sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_certificates",
            "--child", mode, "--decision", str(decision_id), "--out", str(out),
        ]  # fmt: skip
        self.stdout.write(f"Đang chạy: {mode}…")
        result = run_measured(command, mode)
        result["size"] = out.stat().st_size
        out.unlink(missing_ok=True)
        return result

    def _report(self, results: dict, small: int, large: int, recipients: int) -> None:
        self.stdout.write(
            f"{'':8}{'tổng (nhanh nhất)':>18}{'dàn trang':>12}{'đỉnh RSS':>12}{'trang':>7}"
            "   các lần chạy"
        )
        for mode, r in results.items():
            self.stdout.write(
                f"{mode:8}{r['seconds']:>16.1f} s{r['layout']:>10.1f} s{mb(r['peak_rss']):>12}"
                f"{r['pages']:>7}   {r['all']}"
            )
        real, plain = results["real"], results["plain"]
        time_ratio = real["seconds"] / plain["seconds"]
        memory_ratio = real["peak_rss"] / plain["peak_rss"]
        self.stdout.write(
            f"real/plain: thời gian {time_ratio:.2f}, bộ nhớ {memory_ratio:.2f} (mục tiêu ≤ 1,5); "
            f"trang/giây: plain {plain['pages'] / plain['seconds']:.0f}, "
            f"real {real['pages'] / real['seconds']:.0f}"
        )
        self.stdout.write(
            f"Số truy vấn khi in: 5 người {small}, {recipients} người {large} "
            f"({'không đổi' if small == large else 'THAY ĐỔI'})"
        )
        ok = time_ratio <= 1.5 and memory_ratio <= 1.5 and small == large
        ok = ok and real["pages"] == plain["pages"] == recipients
        self.stdout.write(self.style.SUCCESS("ĐẠT") if ok else self.style.WARNING("CHƯA ĐẠT"))

    # --- the children ----------------------------------------------------------------------

    def _child(self, mode: str, decision_id: int, out: str) -> None:
        start = time.perf_counter()
        decision = Decision.objects.select_related("authority", "issuing_unit").get(pk=decision_id)
        if mode == "real":
            with transaction.atomic():
                html = _print(decision, _bench_user(), None)
                transaction.set_rollback(True)  # the register stays as it was
        else:
            html = _plain_html(decision)
        prepared = time.perf_counter() - start
        from awards.reports import weasy  # noqa: PLC0415 - the child imports WeasyPrint after its timed set-up

        start = time.perf_counter()
        if mode == "real":
            pdf = weasy.render(html, printing.stylesheet())
        else:
            from weasyprint import CSS, HTML  # noqa: PLC0415 - the child imports WeasyPrint after its timed set-up

            pdf = HTML(string=html).write_pdf(stylesheets=[CSS(string=PLAIN_CSS)])
        layout = time.perf_counter() - start
        Path(out).write_bytes(pdf)
        from pypdf import PdfReader  # noqa: PLC0415 - pypdf is a test extra, needed by the child only

        pages = len(PdfReader(out).pages)
        print(json.dumps({"prepare": prepared, "layout": layout, "pages": pages}))


def _print(decision: Decision, by, limit: int | None) -> str:
    """What the print view does, up to the HTML."""
    lines = selectors.decision_lines(decision)
    lines = [line for line in lines if not line.refusal][:limit]
    certificates = services.certificates_print(
        decision=decision, conferments=[line.conferment for line in lines], by=by
    )
    templates = selectors.templates_of(lines)
    items = [
        (templates[line.conferment.award_id], printing.values_for(line.conferment, decision, c))
        for line, c in zip(lines, certificates, strict=True)
    ]
    return printing.certificates_html(items)


def _plain_html(decision: Decision) -> str:
    """The baseline: each recipient's certificate text as plain paragraphs, a page each,
    with WeasyPrint's default styles (no fonts, frame, positioning or size fitting)."""
    lines = selectors.decision_lines(decision)
    templates = selectors.templates_of(lines)
    pages = []
    for line in lines:
        values = printing.values_for(line.conferment, decision, None)
        parts = printing.parts(templates[line.conferment.award_id], values)
        text = [row for part in parts.values() for row in part.text.splitlines() if row]
        pages.append("<section>" + "".join(f"<p>{escape(row)}</p>" for row in text) + "</section>")
    return f'<html lang="vi"><body>{"".join(pages)}</body></html>'


def _bench_user():
    user, _created = get_user_model().objects.get_or_create(
        username=f"{PREFIX}-admin", defaults={"is_superuser": True, "is_active": False}
    )
    return user


@transaction.atomic
def _seed(count: int) -> Decision:
    _cleanup()
    authority, _created = Authority.objects.get_or_create(
        code=PREFIX,
        defaults={
            "name": "Chủ tịch Ủy ban nhân dân tỉnh",
            "report_name": "Ủy ban nhân dân tỉnh",
            "level": Authority.Level.MINISTRY_PROVINCE,
        },
    )
    award, _created = Award.objects.get_or_create(
        code=PREFIX,
        defaults={
            "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "form_name": "Bằng khen",
            "kind": Award.Kind.REWARD,
            "subject": Award.Subject.INDIVIDUAL,
            "authority": authority,
            "is_active": False,
        },
    )
    issuer = Unit.objects.create(
        name="Ủy ban nhân dân tỉnh Long An (benchmark)",
        code=f"{PREFIX}-ubnd",
        agency_type=AgencyType.EXTERNAL,
    )
    office = Unit.objects.create(
        name="Phòng Thi hành án dân sự khu vực 1 – Thi hành án dân sự tỉnh Long An (benchmark)",
        code=f"{PREFIX}-office",
        parent=issuer,
        agency_type=AgencyType.THADS_LOCAL,
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Nguyễn Thị Thanh Hương {i:03d}",
            code=f"{PREFIX}-{i:05d}",
            gender=Person.Gender.FEMALE,
            search_key=f"nguyen thi thanh huong {i:03d}",
        )
        for i in range(count)
    )
    day = datetime.date(2026, 1, 15)
    decision = Decision.objects.create(
        authority=authority,
        issuing_unit=issuer,
        number="12/QĐ-UBND",
        year=day.year,
        signed_on=day,
        place="Long An",
        signer_name="Nguyễn Văn Út",
        signer_position="Chủ tịch",
        status=Decision.Status.ISSUED,
    )
    Conferment.objects.bulk_create(
        Conferment(
            decision=decision,
            award=award,
            person=person,
            unit=office,
            position="Chấp hành viên",
            year=2025,
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        )
        for person in people
    )
    return decision


@transaction.atomic
def _cleanup() -> None:
    decisions = Decision.objects.filter(issuing_unit__code=f"{PREFIX}-ubnd")
    prints = CertificatePrint.objects.filter(certificate__conferment__decision__in=decisions)
    prints.delete()
    Certificate.objects.filter(conferment__decision__in=decisions).delete()
    RegisterCounter.objects.filter(issuing_unit__code=f"{PREFIX}-ubnd").delete()
    Conferment.objects.filter(decision__in=decisions).delete()
    decisions.delete()
    Person.objects.filter(code__startswith=f"{PREFIX}-").delete()
    Unit.objects.filter(code=f"{PREFIX}-office").delete()
    Unit.objects.filter(code=f"{PREFIX}-ubnd").delete()
