"""Benchmark the history import against django-import-export's default path.

Builds a workbook of ``--rows`` conferments in the history template's "Khen thưởng" sheet
(decisions of 50 rows each, issued by synthetic offices to synthetic people known by code),
then times, on the same rows:

1. thidua's import (``awards.history``): the preview (read + check, a dry run) and the
   confirmation (read + check again + save), with the queries counted;
2. a default ``ModelResource`` for ``Conferment`` (foreign keys by code/number through
   ``ForeignKeyWidget``, ``import_data(dataset, dry_run=False)``), which works row by row,
   on the first ``--baseline-rows`` rows (the decisions already stored by run 1), its time
   extrapolated to ``--rows`` and labelled so.

The synthetic offices and people are created with bulk inserts on first use and reused;
every decision and conferment the bench writes is removed at the end; ``--cleanup``
removes the rest.
"""

import io
import math
import tempfile
import time
from pathlib import Path

import openpyxl
import tablib
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, IntegerWidget

from awards.catalogue.models import Award
from awards.catalogue.seed import seed_catalogue
from awards.history.services import OK, batch_size, history_import
from awards.history.sheets import COLUMNS, DECISIONS, SHEETS, read_workbook
from awards.models import Conferment, Decision, HistoryImport
from thidua.bench.offices import bench_offices
from thidua.core.models import AuditEntry
from thidua.core.text import search_key
from units.access import under
from units.models import AgencyType, Person, Unit

ROOT_CODE = "bench-history"
PERSON_PREFIX = "BH-"
SYMBOL = "QĐ-BENCHLS"
OFFICES = 20
PER_DECISION = 50
AWARDS = ("ldtt", "cstdcs", "giay-khen-ca-nhan")
TARGET_SECONDS = 60.0
FIXED_QUERIES = 7  # catalogue, units, the record and its audit entry: see the tests
# Per batch of rows: people by code, stored decisions (each only for codes and numbers not
# seen in an earlier batch), then the batch's new decisions and its conferments inserted.
MAX_PER_BATCH = 4


class BaselineResource(resources.ModelResource):
    """The same columns through django-import-export's defaults (row by row)."""

    decision = fields.Field(
        attribute="decision",
        column_name=COLUMNS[DECISIONS]["number"],
        widget=ForeignKeyWidget(Decision, "number"),
    )
    award = fields.Field(
        attribute="award",
        column_name=COLUMNS[DECISIONS]["award"],
        widget=ForeignKeyWidget(Award, "code"),
    )
    person = fields.Field(
        attribute="person",
        column_name=COLUMNS[DECISIONS]["person_code"],
        widget=ForeignKeyWidget(Person, "code"),
    )
    unit = fields.Field(
        attribute="unit",
        column_name=COLUMNS[DECISIONS]["unit_code"],
        widget=ForeignKeyWidget(Unit, "code"),
    )
    year = fields.Field(
        attribute="year", column_name=COLUMNS[DECISIONS]["year"], widget=IntegerWidget()
    )

    class Meta:
        model = Conferment
        fields = ("id", "decision", "award", "person", "unit", "year")


class Counter:
    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def _number(n: float, digits: int = 0) -> str:
    text = f"{n:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


CPU: dict[str, float] = {}


def _timed(function, label: str = ""):
    """(value, wall seconds, queries); the process's CPU seconds go to ``CPU[label]``, since
    a shared machine's wall time also counts other people's work."""
    counter = Counter()
    with connection.execute_wrapper(counter):
        started, cpu = time.perf_counter(), time.process_time()
        value = function()
        elapsed = time.perf_counter() - started
    CPU[label] = time.process_time() - cpu
    return value, elapsed, counter.queries


class Command(BaseCommand):
    help = (
        "Đo thời gian nhập lịch sử khen thưởng từ Excel (kiểm tra + lưu) so với đường mặc "
        "định của django-import-export (từng dòng), trên cùng các dòng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=150_000, help="Số dòng khen thưởng.")
        parser.add_argument(
            "--baseline-rows",
            type=int,
            default=5000,
            help="Số dòng cho đường từng dòng (ngoại suy lên --rows nếu nhỏ hơn).",
        )
        parser.add_argument("--file", help="Ghi tệp Excel thử vào đường dẫn này.")
        parser.add_argument(
            "--cleanup", action="store_true", help="Xóa dữ liệu thử do lệnh này tạo rồi thoát."
        )

    def handle(self, *args, rows, baseline_rows, file=None, cleanup=False, **options):
        if cleanup:
            self.stdout.write(f"Đã xóa {_cleanup()} bản ghi thử.")
            return
        if rows < PER_DECISION:
            raise CommandError(f"--rows phải từ {PER_DECISION} trở lên.")
        baseline_rows = max(1, min(baseline_rows, rows))
        offices, codes = _setup(rows)
        _clear()
        started = time.perf_counter()
        content = _workbook(offices, codes, rows)
        path = Path(file) if file else Path(tempfile.gettempdir()) / f"bench-history-{rows}.xlsx"
        path.write_bytes(content)
        self.stdout.write(
            f"Tệp thử: {path} ({_number(rows)} dòng, {_number(len(content) / 1024 / 1024, 1)} MB,"
            f" tạo trong {_number(time.perf_counter() - started, 1)} giây); cơ sở dữ liệu "
            f"{connection.vendor}; lô {_number(batch_size())} dòng."
        )

        def ours(dry_run):
            return history_import(
                by=None,
                file=read_workbook(io.BytesIO(content)),
                dry_run=dry_run,
                filename=path.name,
            )

        preview, preview_seconds, preview_queries = _timed(lambda: ours(True), "preview")
        if preview.count(OK) != rows:
            bad = [(r.number, r.errors) for r in preview.rows if r.errors][:3]
            raise CommandError(f"Tệp thử có dòng lỗi: {bad}")
        try:
            confirm, fast, fast_queries = _timed(lambda: ours(False), "confirm")
            if confirm.created.get("conferments") != rows:
                raise CommandError(f"Nhập theo lô không lưu đủ {rows} dòng: {confirm.created}")
            batches = math.ceil(rows / batch_size())
            Conferment.objects.filter(decision__number__endswith=SYMBOL).delete()
            sample = _sample(content, baseline_rows)
            _result, slow, slow_queries = _timed(lambda: _baseline(sample), "baseline")
            stored = Conferment.objects.filter(decision__number__endswith=SYMBOL).count()
            if stored != baseline_rows:
                raise CommandError(f"django-import-export lưu {stored}/{baseline_rows} dòng.")
        finally:
            _clear()
        slow_full = slow * rows / baseline_rows
        label = "" if baseline_rows == rows else f" (đo {_number(baseline_rows)} dòng, ngoại suy)"
        for name, seconds, cpu, queries in (
            (
                "thidua, xem trước (đọc + kiểm tra)",
                preview_seconds,
                CPU["preview"],
                preview_queries,
            ),
            ("thidua, xác nhận (đọc + kiểm tra + lưu)", fast, CPU["confirm"], fast_queries),
        ):
            self.stdout.write(
                f"  {name:<46} {_number(seconds, 1):>8} giây ({_number(cpu, 1)} giây CPU) "
                f"{_number(rows / seconds):>9} dòng/giây {_number(queries):>8} truy vấn"
            )
        scale = rows / baseline_rows
        self.stdout.write(
            f"  {'django-import-export, mặc định (từng dòng)':<46} {_number(slow_full, 1):>8} giây "
            f"({_number(CPU['baseline'] * scale, 1)} giây CPU) {_number(baseline_rows / slow):>9} "
            f"dòng/giây {_number(slow_queries * scale):>8} truy vấn{label}"
        )
        per_batch = (fast_queries - FIXED_QUERIES) / batches
        verdict = "ĐẠT" if fast <= TARGET_SECONDS else "CHƯA ĐẠT"
        self.stdout.write(
            f"Xác nhận: {_number(fast_queries)} truy vấn cho {_number(batches)} lô, trung bình "
            f"{_number(per_batch, 1)} truy vấn mỗi lô (tối đa {MAX_PER_BATCH}: tra cán bộ, tra "
            f"quyết định, ghi quyết định, ghi khen thưởng; không phụ thuộc số dòng của lô); mục "
            f"tiêu ≤ {_number(TARGET_SECONDS)} giây cho {_number(rows)} dòng: {verdict} "
            f"({_number(fast, 1)} giây thực, {_number(CPU['confirm'], 1)} giây CPU của tiến trình)."
        )
        self.stdout.write(
            f"Tỷ lệ thời gian (từng dòng / thidua xác nhận): {_number(slow_full / fast, 1)} lần"
            f"{label}."
        )


def _baseline(sample: bytes) -> None:
    dataset = tablib.Dataset().load(io.BytesIO(sample), format="xlsx")
    result = BaselineResource().import_data(dataset, dry_run=False)
    if result.has_errors() or result.has_validation_errors():
        raise CommandError("django-import-export báo lỗi khi nhập tệp thử.")


def _sample(content: bytes, rows: int) -> bytes:
    """The header and the first ``rows`` rows of the bench file, as a one-sheet workbook."""
    source = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEETS[DECISIONS])
    for index, values in enumerate(source[SHEETS[DECISIONS]].iter_rows(values_only=True)):
        if index > rows:
            break
        sheet.append(values)
    source.close()
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _workbook(offices: list[Unit], codes: list[str], rows: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEETS[DECISIONS])
    keys = list(COLUMNS[DECISIONS])
    sheet.append([COLUMNS[DECISIONS][key] for key in keys])
    for n in range(rows):
        decision = n // PER_DECISION
        office = offices[decision % len(offices)]
        year = 2015 + decision % 10
        cells = {
            "number": f"{decision + 1}/{SYMBOL}",
            "signed_on": f"{1 + decision % 28:02d}/01/{year + 1}",
            "authority": "thu-truong-don-vi",
            "issuer_code": office.code,
            "signer_name": "Nguyễn Văn Thủ Trưởng",
            "signer_position": "Thủ trưởng đơn vị",
            "award": AWARDS[n % len(AWARDS)],
            "person_code": codes[n % len(codes)],
            "unit_code": office.code,
            "year": year,
        }
        sheet.append([cells.get(key) for key in keys])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@transaction.atomic
def _setup(rows: int) -> tuple[list[Unit], list[str]]:
    seed_catalogue()
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        root = Unit.objects.create(
            name="Đơn vị thử tải nhập lịch sử", code=ROOT_CODE, agency_type=AgencyType.THADS_HQ
        )
    offices = bench_offices(
        root, count=OFFICES, name="Cục thử tải lịch sử", agency_type=AgencyType.THADS_PROVINCE
    )
    # Each person receives up to one award per year of the decade.
    wanted = max(PER_DECISION, rows // 5)
    have = set(Person.objects.filter(code__startswith=PERSON_PREFIX).values_list("code", flat=True))
    people = []
    for n in range(wanted):
        code = f"{PERSON_PREFIX}{n:07d}"
        if code not in have:
            name = f"Cán bộ lịch sử số {n}"
            people.append(
                Person(
                    full_name=name,
                    code=code,
                    gender=Person.Gender.MALE,
                    unit=offices[n % len(offices)],
                    search_key=search_key(name),
                )
            )
    Person.objects.bulk_create(people, batch_size=5000)
    return offices, [f"{PERSON_PREFIX}{n:07d}" for n in range(wanted)]


def _clear() -> int:
    deleted = Conferment.objects.filter(decision__number__endswith=SYMBOL).delete()[0]
    deleted += Decision.objects.filter(number__endswith=SYMBOL).delete()[0]
    records = HistoryImport.objects.filter(filename__startswith="bench-history-")
    deleted += AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HistoryImport),
        object_id__in=list(records.values_list("pk", flat=True)),
    ).delete()[0]
    deleted += records.delete()[0]
    return deleted


@transaction.atomic
def _cleanup() -> int:
    deleted = _clear()
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        return deleted
    deleted += Person.objects.filter(code__startswith=PERSON_PREFIX).delete()[0]
    deleted += Unit.objects.filter(under([root.path])).exclude(pk=root.pk).delete()[0]
    deleted += Unit.objects.filter(pk=root.pk).delete()[0]
    return deleted
