"""Benchmark the Excel import of registrations against django-import-export's default path.

Both paths read the same file, built from our template for a synthetic unit with
``--rows`` lines (its collectives and people, each with an award code): (1) a plain
``ModelResource`` with default options, ``import_data(dataset, dry_run=False)``, which
works one row at a time; (2) ``campaigns.imports``, which checks and saves all rows in a
fixed number of queries. Registrations are cleared before and after each run, and both
runs must leave the same set of registrations.

The synthetic data (award catalogue, units, people, an open campaign, a staff user) is
created with bulk inserts on first use and reused afterwards; ``--cleanup`` removes it.
"""

import datetime
import io
import tempfile
import time
from pathlib import Path

import openpyxl
import tablib
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from import_export import fields, resources
from import_export.widgets import CharWidget, ForeignKeyWidget

from awards.catalogue.models import Award
from awards.catalogue.seed import seed_catalogue
from campaigns.imports import COLUMNS, read_sheet, registrations_import
from campaigns.models import Campaign, Registration
from campaigns.resources import registration_template
from thidua.bench.offices import bench_offices
from thidua.core.models import AuditEntry
from thidua.core.text import search_key
from units.access import under
from units.models import AgencyType, Person, Unit, UnitRole

ROOT_CODE = "bench-import"
PERSON_PREFIX = "BENCH-"
USERNAME = "bench_import"
OFFICES = 10
AWARDS = ("ldtt", "cstdcs", "bk-bo-ca-nhan", "tt-ldtt", "tt-ldxs")
TARGET = 0.2


class BaselineResource(resources.ModelResource):
    """The same columns through django-import-export's defaults (row by row)."""

    person = fields.Field(
        attribute="person",
        column_name=COLUMNS["person_code"],
        widget=ForeignKeyWidget(Person, "code"),
    )
    unit = fields.Field(
        attribute="unit", column_name=COLUMNS["unit_code"], widget=ForeignKeyWidget(Unit, "code")
    )
    award = fields.Field(
        attribute="award", column_name=COLUMNS["award_code"], widget=ForeignKeyWidget(Award, "code")
    )
    note = fields.Field(attribute="note", column_name=COLUMNS["note"], widget=CharWidget())

    class Meta:
        model = Registration
        fields = ("id", "person", "unit", "award", "note")

    def __init__(self, *, campaign, year, by):
        super().__init__()
        self.campaign, self.year, self.actor = campaign, year, by

    def init_instance(self, row=None):
        return Registration(campaign=self.campaign, year=self.year, created_by=self.actor)


class Counter:
    """Counts the queries run inside ``connection.execute_wrapper``."""

    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def _rows(value: str) -> int:
    n = int(value)
    if n < OFFICES + 2:
        raise ValueError(value)
    return n


def _number(n: float, digits: int = 0) -> str:
    text = f"{n:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


class Command(BaseCommand):
    help = (
        "Đo thời gian nhập đăng ký từ Excel: đường mặc định của django-import-export "
        "(từng dòng) so với đường nhập theo lô của thidua, trên cùng một tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=_rows, default=5000, help="Số dòng của tệp (≥ 12).")
        parser.add_argument("--file", help="Ghi tệp Excel thử vào đường dẫn này.")
        parser.add_argument(
            "--cleanup", action="store_true", help="Xóa dữ liệu thử do lệnh này tạo rồi thoát."
        )

    def handle(self, *args, rows, file=None, cleanup=False, **options):
        if cleanup:
            self.stdout.write(f"Đã xóa {_cleanup()} bản ghi thử.")
            return
        campaign, root, by = _setup(rows)
        content = _file(by, campaign, root, rows)
        path = Path(file) if file else Path(tempfile.gettempdir()) / f"bench-import-{rows}.xlsx"
        path.write_bytes(content)
        self.stdout.write(
            f"Tệp thử: {path} ({_number(rows)} dòng, {_number(len(content) / 1024)} KB); "
            f"phong trào “{campaign.name}”, cơ sở dữ liệu {connection.vendor}."
        )
        year = campaign.start_date.year
        _warm_up(content)

        def baseline():
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
            result = BaselineResource(campaign=campaign, year=year, by=by).import_data(
                dataset, dry_run=False
            )
            if result.has_errors() or result.has_validation_errors():
                raise CommandError("django-import-export báo lỗi khi nhập tệp thử.")

        def ours(dry_run=False):
            report = registrations_import(
                by=by,
                campaign=campaign,
                unit=root,
                year=year,
                rows=read_sheet(io.BytesIO(content)),
                dry_run=dry_run,
                filename=path.name,
            )
            if not dry_run and report.saved != rows:
                errors = [(r.number, r.errors) for r in report.rows if r.errors][:5]
                raise CommandError(f"Nhập theo lô không lưu đủ {rows} dòng: {errors}")

        _clear(campaign)
        slow, slow_queries = _timed(baseline)
        expected = _snapshot(campaign)
        _clear(campaign)
        preview, preview_queries = _timed(lambda: ours(dry_run=True))
        fast, fast_queries = _timed(ours)
        got = _snapshot(campaign)
        _clear(campaign)
        if got != expected or len(got) != rows:
            raise CommandError(
                f"Hai cách nhập cho kết quả khác nhau: {len(expected)} và {len(got)} đăng ký."
            )
        ratio = fast / slow
        verdict = "ĐẠT" if ratio <= TARGET else "CHƯA ĐẠT"
        for label, seconds, queries in (
            ("django-import-export, mặc định (từng dòng)", slow, slow_queries),
            ("thidua, xem trước (chạy thử, hoàn tác)", preview, preview_queries),
            ("thidua, xác nhận (kiểm tra lại và lưu)", fast, fast_queries),
        ):
            self.stdout.write(
                f"  {label:<44} {_number(seconds, 2):>8} giây {_number(queries):>9} truy vấn"
            )
        self.stdout.write(
            f"Tỷ lệ thời gian (xác nhận / mặc định): {_number(ratio, 3)}, mục tiêu ≤ "
            f"{_number(TARGET, 1)}: {verdict}. Cả quy trình (xem trước + xác nhận): "
            f"{_number((preview + fast) / slow, 3)}."
        )
        self.stdout.write(f"Hai cách nhập cho cùng một tập {_number(rows)} đăng ký.")


def _timed(function) -> tuple[float, int]:
    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
    return elapsed, counter.queries


def _warm_up(content: bytes) -> None:
    """Load the readers' modules and caches once, outside the measured runs."""
    tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    read_sheet(io.BytesIO(content))


def _snapshot(campaign) -> set[tuple]:
    return set(
        Registration.objects.filter(campaign=campaign).values_list(
            "campaign", "year", "award", "unit", "person", "status", "note", "created_by"
        )
    )


def _clear(campaign) -> None:
    Registration.objects.filter(campaign=campaign).delete()


@transaction.atomic
def _setup(rows: int) -> tuple[Campaign, Unit, object]:
    seed_catalogue()
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        root = Unit.objects.create(
            name="Đơn vị thử tải nhập Excel", code=ROOT_CODE, agency_type=AgencyType.THADS_PROVINCE
        )
    offices = _offices(root)
    _people(offices, rows - len(offices) - 1)
    year = timezone.localdate().year
    name = f"Thử tải nhập đăng ký từ Excel năm {year}"
    campaign = Campaign.objects.filter(name=name, launched_by=root).first()
    if campaign is None:
        campaign = Campaign.objects.create(
            name=name,
            kind=Campaign.Kind.REGULAR,
            launched_by=root,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
            status=Campaign.Status.OPEN,
        )
        campaign.scope_units.set([root])
        campaign.awards.set(Award.objects.filter(code__in=AWARDS))
    by, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"first_name": "Thử tải"}
    )
    UnitRole.objects.get_or_create(user=by, unit=root, role=UnitRole.Role.STAFF)
    return campaign, root, by


def _offices(root: Unit) -> list[Unit]:
    return bench_offices(
        root, count=OFFICES, name="Phòng thử tải", agency_type=AgencyType.THADS_LOCAL
    )


def _people(offices: list[Unit], count: int) -> None:
    existing = set(
        Person.objects.filter(code__startswith=PERSON_PREFIX).values_list("code", flat=True)
    )
    new = []
    for n in range(1, count + 1):
        code = f"{PERSON_PREFIX}{n:06d}"
        if code not in existing:
            name = f"Cán bộ thử tải số {n}"
            new.append(
                Person(
                    full_name=name,
                    code=code,
                    gender=Person.Gender.MALE,
                    unit=offices[n % len(offices)],
                    position="Chuyên viên",
                    search_key=search_key(name),
                )
            )
    Person.objects.bulk_create(new, batch_size=1000)


def _file(by, campaign: Campaign, root: Unit, rows: int) -> bytes:
    """The template for the root unit, cut to ``rows`` lines, each with an award code."""
    year = campaign.start_date.year
    template = registration_template(user=by, campaign=campaign, unit=root, year=year)
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.active
    if sheet.max_row > rows + 1:
        sheet.delete_rows(rows + 2, sheet.max_row - rows - 1)
    for code, _name, _unit, _unit_name, award, *_rest in sheet.iter_rows(min_row=2):
        award.value = "ldtt" if code.value else "tt-ldtt"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@transaction.atomic
def _cleanup() -> int:
    root = Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        return 0
    units = Unit.objects.filter(under([root.path]))
    campaigns = Campaign.objects.filter(launched_by__in=units)
    deleted = Registration.objects.filter(campaign__in=campaigns).delete()[0]
    deleted += AuditEntry.objects.filter(unit__in=units).delete()[0]
    deleted += campaigns.delete()[0]
    deleted += Person.objects.filter(unit__in=units, code__startswith=PERSON_PREFIX).delete()[0]
    deleted += get_user_model().objects.filter(username=USERNAME).delete()[0]
    deleted += Unit.objects.filter(parent=root).delete()[0]
    deleted += Unit.objects.filter(pk=root.pk).delete()[0]
    return deleted
