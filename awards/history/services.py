"""Checking and saving a history workbook: all rows or none, the same rules at preview and
at confirmation.

``history_import`` checks every row (``_Checker``) and, unless it is a dry run, saves them
(``_Writer``) inside one transaction. Lookups are made in bulk, ``batch_size()`` rows at a
time, into dicts of codes and names → rows, so a batch costs a fixed number of queries
whatever the file's size; writing is ``bulk_create`` per batch.

Idempotence: a decision is identified by its number, date of signature and issuing unit;
a conferment by its decision, award, recipient, unit and year; a rating by person and
year; an initiative by its recognition decision (number, date) and title. What is already
stored is reported as "already there" and left alone, so importing a file twice changes
nothing the second time.

People and outside bodies the file names but the system does not have are listed in the
report; they are created only when the caller passes ``create_missing``.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from awards.catalogue.conferring import ConferringRules
from awards.catalogue.models import Authority, Award
from awards.history.sheets import (
    COLUMNS,
    DECISIONS,
    GENDER_LABELS,
    INITIATIVES,
    LEVEL_LABELS,
    RATINGS,
    SHEETS,
    HistoryFile,
    Row,
)
from awards.models import Conferment, Decision, HistoryImport
from awards.services.verdicts import nominees_mark_stale
from thidua.core import audit
from thidua.core.text import search_key
from units.access import is_admin
from units.models import (
    AgencyType,
    Assignment,
    Initiative,
    InitiativeLevel,
    Person,
    QualityRating,
    Unit,
)

OK, EXISTS, ERROR = "ok", "exists", "error"
FIRST_YEAR = 1945
DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def batch_size() -> int:
    return getattr(settings, "THIDUA_HISTORY_IMPORT_BATCH", 2000)


@dataclass
class RowResult:
    """What the preview shows for one row: where, who, what, and the verdict."""

    sheet: str
    number: int
    status: str = OK
    subject: str = ""
    what: str = ""
    decision: str = ""
    creates: list[str] = field(default_factory=list)
    errors: list[list[str]] = field(default_factory=list)  # [column, message]

    def error(self, column: str, message: str) -> None:
        self.errors.append([column, message])
        self.status = ERROR


@dataclass
class NewPerson:
    code: str
    full_name: str
    gender: str
    unit: Unit
    row: str  # "Khen thưởng, dòng 5"
    pk: int | None = None


@dataclass
class NewBody:
    code: str
    name: str
    row: str
    pk: int | None = None


@dataclass
class HistoryReport:
    rows: list[RowResult]
    new_people: list[NewPerson] = field(default_factory=list)
    new_bodies: list[NewBody] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    saved: bool = False
    record: HistoryImport | None = None

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def ok(self) -> bool:
        """No row is refused (missing people and bodies aside)."""
        return not any(row.status == ERROR for row in self.rows)

    @property
    def missing(self) -> bool:
        return bool(self.new_people or self.new_bodies)

    @property
    def changes(self) -> bool:
        return any(row.status == OK for row in self.rows)


class MissingNotAllowed(ValidationError):
    """The file names people or bodies the system lacks, and creating them was not ticked."""


def history_import(
    *,
    by,
    file: HistoryFile,
    dry_run: bool,
    create_missing: bool = False,
    filename: str = "",
) -> HistoryReport:
    """Check (``dry_run``) or save every row of ``file``; an admin's task (``by`` is None
    for the management command). Row problems come back in the report and then nothing is
    saved; a refusal of the whole import raises ``ValidationError``."""
    if by is not None and not is_admin(by):
        raise PermissionDenied(_("Chỉ quản trị viên mới nhập lịch sử khen thưởng."))
    checker = _Checker(file)
    report = checker.check()
    if dry_run or not report.ok or not report.changes:
        return report
    if report.missing and not create_missing:
        raise MissingNotAllowed(
            _(
                "Tệp có %(people)s cán bộ và %(bodies)s cơ quan chưa có trên hệ thống. Hãy tích "
                "“Tạo mới cán bộ, cơ quan chưa có” để tạo cùng lúc, hoặc sửa tệp; chưa có gì "
                "được lưu."
            )
            % {"people": len(report.new_people), "bodies": len(report.new_bodies)}
        )
    try:
        with transaction.atomic():
            report.created = _Writer(checker, report).write()
            report.record = HistoryImport.objects.create(
                filename=filename[:255],
                rows=len(report.rows),
                unchanged=report.count(EXISTS),
                created_by=by if getattr(by, "is_authenticated", False) else None,
                **report.created,
            )
            audit.record(
                obj=report.record,
                by=by,
                action="import",
                comment=summary(report, filename),
            )
    except DatabaseError:
        raise ValidationError(
            _(
                "Không lưu được tệp do lỗi khi ghi vào cơ sở dữ liệu (có thể dữ liệu vừa bị thay "
                "đổi cùng lúc). Chưa có gì được lưu; hãy tải tệp lên lại."
            )
        ) from None
    report.saved = True
    return report


def summary(report: HistoryReport, filename: str) -> str:
    c = report.created
    return _(
        "Tệp “%(file)s”: %(rows)s dòng; thêm %(decisions)s quyết định, %(conferments)s khen "
        "thưởng, %(ratings)s xếp loại, %(initiatives)s sáng kiến; tạo mới %(people)s cán bộ, "
        "%(bodies)s cơ quan; %(unchanged)s dòng đã có từ trước."
    ) % {
        "file": filename,
        "rows": len(report.rows),
        "decisions": c.get("decisions", 0),
        "conferments": c.get("conferments", 0),
        "ratings": c.get("ratings", 0),
        "initiatives": c.get("initiatives", 0),
        "people": c.get("people", 0),
        "bodies": c.get("bodies", 0),
        "unchanged": report.count(EXISTS),
    }


# --- Parsing cells --------------------------------------------------------------------------


def parse_date(text: str) -> datetime.date | None:
    match = DATE_RE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _choice(labels: list[str], values: list) -> dict[str, object]:
    found = {search_key(label): value for label, value in zip(labels, values, strict=True)}
    found.update({str(value): value for value in values if isinstance(value, int)})
    return found


RATINGS_BY_TEXT = {
    **_choice(
        [str(label) for _v, label in QualityRating.Rating.choices],
        [value for value, _l in QualityRating.Rating.choices],
    ),
    "hoan thanh xuat sac": QualityRating.Rating.EXCELLENT,
    "xuat sac": QualityRating.Rating.EXCELLENT,
    "hoan thanh tot": QualityRating.Rating.GOOD,
    "tot": QualityRating.Rating.GOOD,
    "hoan thanh": QualityRating.Rating.COMPLETED,
    "khong hoan thanh": QualityRating.Rating.NOT_COMPLETED,
}
LEVELS_BY_TEXT = {
    **_choice(LEVEL_LABELS, [value for value, _l in InitiativeLevel.choices]),
    "co so": InitiativeLevel.BASE,
    "cap bo": InitiativeLevel.MINISTRY,
    "cap tinh": InitiativeLevel.MINISTRY,
    "toan quoc": InitiativeLevel.NATIONAL,
}
GENDERS_BY_TEXT = {
    **_choice(GENDER_LABELS, [value for value, _l in Person.Gender.choices]),
    "m": Person.Gender.MALE,
    "f": Person.Gender.FEMALE,
    "nu": Person.Gender.FEMALE,
    "nam": Person.Gender.MALE,
}


def derived_code(name_key: str, unit_code: str, birth_year: int | None) -> str:
    """The code given to a person created from a name, a unit and a birth year, so that the
    same row finds the same person on the next import."""
    digest = hashlib.sha1(f"{name_key}|{unit_code}|{birth_year or ''}".encode()).hexdigest()
    return f"LS-{digest[:12].upper()}"


def _day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _valid(unit: Unit, first: datetime.date, last: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= last) and (
        unit.valid_to is None or unit.valid_to >= first
    )


def _span(unit: Unit) -> str:
    start = _day(unit.valid_from) if unit.valid_from else "…"
    end = _day(unit.valid_to) if unit.valid_to else "…"
    return f"{start} – {end}"


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Checking -------------------------------------------------------------------------------


@dataclass
class _DecisionPlan:
    number: str
    signed_on: datetime.date
    authority: Authority
    issuer: Unit | None
    body: NewBody | None
    signer_name: str
    signer_position: str
    row: int
    pk: int | None = None
    exists: bool = False

    @property
    def label(self) -> str:
        return f"{self.number} ({_day(self.signed_on)})"


@dataclass
class _Conferment:
    decision: _DecisionPlan
    award: Award
    person: Person | None
    new_person: NewPerson | None
    unit: Unit
    year: int
    achievement: str


@dataclass
class _Rating:
    person: Person | None
    new_person: NewPerson | None
    year: int
    rating: int


@dataclass
class _InitiativePlan:
    title: str
    level: int
    year: int
    decision_number: str
    decision_date: datetime.date
    unit: Unit
    row: int
    pk: int | None = None


@dataclass
class _Author:
    initiative: _InitiativePlan
    person: Person | None
    new_person: NewPerson | None


class _Checker:
    """Reads every row against the database; keeps what the writer needs."""

    def __init__(self, file: HistoryFile):
        self.file = file
        self.awards = {a.code.lower(): a for a in Award.objects.select_related("authority")}
        # Who may confer each award, per rule version: three queries, then none per row.
        self.conferring = ConferringRules.load()
        self.authorities = {a.code.lower(): a for a in Authority.objects.all()}
        units = list(
            Unit.objects.only("id", "code", "name", "valid_from", "valid_to", "agency_type")
        )
        self.unit_by_code = {u.code.lower(): u for u in units}
        self.unit_by_pk = {u.pk: u for u in units}
        self.units_by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.units_by_name.setdefault(search_key(unit.name), []).append(unit)
        self.people: dict[str, Person] = {}  # code -> person (found so far)
        self.people_by_name: dict[str, list[Person]] = {}
        self.assignments: dict[int, set[int]] = {}
        self.new_people: dict[str, NewPerson] = {}
        self.new_bodies: dict[str, NewBody] = {}
        self.decisions: dict[tuple, _DecisionPlan] = {}
        self.numbers: dict[tuple, _DecisionPlan] = {}  # (number, year, issuer, authority)
        self.stored_decisions: dict[str, list[tuple]] = {}  # number -> stored rows
        self.looked_up_numbers: set[str] = set()
        self.stored_conferments: dict[int, set[tuple]] = {}
        self.conferments: list[_Conferment] = []
        self.seen_conferments: dict[tuple, int] = {}
        self.ratings: list[_Rating] = []
        self.stored_ratings: dict[tuple, int] = {}
        self.looked_up_ratings: set[int] = set()
        self.seen_ratings: dict[tuple, int] = {}
        self.initiatives: dict[tuple, _InitiativePlan] = {}
        self.stored_initiatives: dict[tuple, tuple[int, set[int]]] = {}
        self.looked_up_initiative_numbers: set[str] = set()
        self.authors: list[_Author] = []
        self.seen_authors: dict[tuple, int] = {}

    def check(self) -> HistoryReport:
        results: list[RowResult] = []
        size = batch_size()
        for kind, handle in (
            (DECISIONS, self._decision_row),
            (RATINGS, self._rating_row),
            (INITIATIVES, self._initiative_row),
        ):
            for batch in _chunks(self.file.rows.get(kind, []), size):
                self._prefetch(kind, batch)
                results.extend(handle(row) for row in batch)
        return HistoryReport(
            rows=results,
            new_people=list(self.new_people.values()),
            new_bodies=list(self.new_bodies.values()),
        )

    # Bulk lookups: a fixed number of queries per batch of rows.

    def _prefetch(self, kind: str, batch: list[Row]) -> None:
        codes, names = set(), set()
        for row in batch:
            if row["person_code"]:
                codes.add(row["person_code"])
            elif row["full_name"]:
                names.add(search_key(row["full_name"]))
                unit = self._unit_quietly(row)
                birth = _int(row["birth_year"])
                codes.add(derived_code(search_key(row["full_name"]), unit, birth))
        self._people(codes, names)
        if kind == RATINGS:
            found = {self.people[c].pk for c in codes if c in self.people}
            found |= {p.pk for name in names for p in self.people_by_name.get(name, [])}
            self._stored_ratings(found - self.looked_up_ratings)
        elif kind == DECISIONS:
            numbers = {row["number"] for row in batch if row["number"]}
            self._stored_decisions(numbers - self.looked_up_numbers)
        elif kind == INITIATIVES:
            numbers = {row["decision_number"] for row in batch if row["decision_number"]}
            self._stored_initiatives(numbers - self.looked_up_initiative_numbers)

    def _unit_quietly(self, row: Row) -> str:
        """The code of the row's unit as the derived person code uses it (no checks)."""
        if row["unit_code"]:
            return row["unit_code"].lower()
        candidates = self.units_by_name.get(search_key(row["unit_name"]), [])
        return candidates[0].code.lower() if len(candidates) == 1 else search_key(row["unit_name"])

    def _people(self, codes: set[str], names: set[str]) -> None:
        codes = {c for c in codes if c not in self.people}
        names = {n for n in names if n not in self.people_by_name}
        fields = ("id", "code", "full_name", "search_key", "birth_date", "unit_id")
        if codes:
            variants = codes | {c.upper() for c in codes}
            for person in Person.objects.filter(code__in=variants).only(*fields):
                self.people[person.code] = person
                self.people.setdefault(person.code.lower(), person)
        if names:
            found = list(Person.objects.filter(search_key__in=names).only(*fields))
            for name in names:
                self.people_by_name[name] = []
            for person in found:
                self.people_by_name[person.search_key].append(person)
            ids = [p.pk for p in found if p.pk not in self.assignments]
            for pk in ids:
                self.assignments[pk] = set()
            if ids:
                for person_id, unit_id in Assignment.objects.filter(person_id__in=ids).values_list(
                    "person_id", "unit_id"
                ):
                    self.assignments[person_id].add(unit_id)

    def _stored_ratings(self, ids: set[int]) -> None:
        if not ids:
            return
        self.looked_up_ratings |= ids
        stored = QualityRating.objects.filter(person_id__in=ids).values_list(
            "person_id", "year", "rating"
        )
        for person_id, year, rating in stored:
            self.stored_ratings[(person_id, year)] = rating

    def _stored_decisions(self, numbers: set[str]) -> None:
        if not numbers:
            return
        self.looked_up_numbers |= numbers
        stored = Decision.objects.filter(number__in=numbers).values_list(
            "pk", "number", "signed_on", "issuing_unit_id", "authority_id"
        )
        ids = []
        for pk, number, signed_on, issuer_id, authority_id in stored:
            self.stored_decisions.setdefault(number, []).append(
                (pk, signed_on, issuer_id, authority_id)
            )
            ids.append(pk)
        for pk in ids:
            self.stored_conferments[pk] = set()
        if ids:
            for key in Conferment.objects.filter(decision_id__in=ids).values_list(
                "decision_id", "award_id", "person_id", "unit_id", "year"
            ):
                self.stored_conferments[key[0]].add(key)

    def _stored_initiatives(self, numbers: set[str]) -> None:
        if not numbers:
            return
        self.looked_up_initiative_numbers |= numbers
        stored = list(
            Initiative.objects.filter(decision_number__in=numbers).values_list(
                "pk", "decision_number", "decision_date", "title"
            )
        )
        authors: dict[int, set[int]] = {pk: set() for pk, *_rest in stored}
        if stored:
            through = Initiative.authors.through.objects.filter(initiative_id__in=list(authors))
            for initiative_id, person_id in through.values_list("initiative_id", "person_id"):
                authors[initiative_id].add(person_id)
        for pk, number, day, title in stored:
            self.stored_initiatives[(number, day, search_key(title))] = (pk, authors[pk])

    # Cells.

    def _column(self, row: Row, key: str) -> str:
        kind = next(k for k, name in SHEETS.items() if name == row.sheet)
        return COLUMNS[kind][key]

    def _date(self, row: Row, key: str, result: RowResult) -> datetime.date | None:
        text = row[key]
        if not text:
            result.error(self._column(row, key), _("Chưa ghi ngày."))
            return None
        day = parse_date(text)
        if day is None or day.year < FIRST_YEAR or day > datetime.date.today():
            result.error(
                self._column(row, key),
                _(
                    "“%(text)s” không phải ngày hợp lệ; hãy ghi theo dạng ngày/tháng/năm "
                    "(dd/mm/yyyy)."
                )
                % {"text": text},
            )
            return None
        return day

    def _year(self, row: Row, key: str, result: RowResult, latest: int) -> int | None:
        text = row[key]
        year = _int(text)
        if not text:
            result.error(self._column(row, key), _("Chưa ghi năm."))
        elif year is None or not FIRST_YEAR <= year <= latest:
            result.error(
                self._column(row, key),
                _("“%(text)s” không phải năm hợp lệ (từ %(first)s đến %(last)s).")
                % {"text": text, "first": FIRST_YEAR, "last": latest},
            )
            return None
        return year

    def _unit(
        self,
        row: Row,
        result: RowResult,
        first: datetime.date,
        last: datetime.date,
        *,
        code_key: str = "unit_code",
        name_key: str = "unit_name",
        when: str = "",
    ) -> Unit | None:
        """The unit a row names by code or by its name on those dates; None with an error
        recorded when it names none or several (None without error when the row is blank)."""
        code, name = row[code_key], row[name_key]
        when = when or _day(first)
        if code:
            unit = self.unit_by_code.get(code.lower())
            if unit is None:
                result.error(
                    self._column(row, code_key),
                    _("Không có đơn vị mã “%(code)s” trên hệ thống.") % {"code": code},
                )
            elif not _valid(unit, first, last):
                result.error(
                    self._column(row, code_key),
                    _(
                        "Đơn vị mã “%(code)s” (%(name)s) không tồn tại vào %(when)s (hiệu lực "
                        "%(span)s)."
                    )
                    % {"code": code, "name": unit.name, "when": when, "span": _span(unit)},
                )
                return None
            return unit
        if not name:
            return None
        candidates = self.units_by_name.get(search_key(name), [])
        valid = [u for u in candidates if _valid(u, first, last)]
        if len(valid) == 1:
            return valid[0]
        column = self._column(row, name_key)
        if len(valid) > 1:
            result.error(
                column,
                _("Có %(n)s đơn vị tên “%(name)s” vào %(when)s (mã %(codes)s); hãy ghi mã đơn vị.")
                % {
                    "n": len(valid),
                    "name": name,
                    "when": when,
                    "codes": ", ".join(u.code for u in valid),
                },
            )
        elif candidates:
            result.error(
                column,
                _(
                    "Đơn vị “%(name)s” không mang tên này vào %(when)s (tên này có hiệu lực "
                    "%(spans)s); hãy ghi tên đơn vị lúc đó hoặc mã đơn vị."
                )
                % {"name": name, "when": when, "spans": "; ".join(_span(u) for u in candidates)},
            )
        else:
            result.error(
                column,
                _(
                    "Không có đơn vị tên “%(name)s” vào %(when)s; hãy ghi tên đúng như lúc đó "
                    "hoặc mã đơn vị."
                )
                % {"name": name, "when": when},
            )
        return None

    def _issuer(self, row: Row, result: RowResult, day: datetime.date):
        """(unit, new body) issuing a decision; outside bodies may be created on confirm."""
        code, name = row["issuer_code"], row["issuer_name"]
        if not code and not name:
            result.error(
                self._column(row, "issuer_name"),
                _("Chưa ghi cơ quan ban hành (mã hoặc tên)."),
            )
            return None, None
        if (code and code.lower() in self.unit_by_code) or (not code and name):
            probe = RowResult(sheet=row.sheet, number=row.number)
            unit = self._unit(row, probe, day, day, code_key="issuer_code", name_key="issuer_name")
            if unit is not None:
                return unit, None
            if code or self.units_by_name.get(search_key(name)):
                result.errors.extend(probe.errors)  # exists, but not by that name that day
                result.status = ERROR
                return None, None
        if not name:
            result.error(
                self._column(row, "issuer_code"),
                _(
                    "Không có cơ quan mã “%(code)s”; ghi thêm tên cơ quan để tạo mới (cơ quan "
                    "ngoài ngành)."
                )
                % {"code": code},
            )
            return None, None
        key = code.lower() if code else search_key(name)
        body = self.new_bodies.get(key)
        if body is None:
            body = self.new_bodies[key] = NewBody(
                code=code or _body_code(name, self.unit_by_code, self.new_bodies),
                name=name,
                row=_where(row),
            )
        result.creates.append(_("Cơ quan mới: %(name)s") % {"name": name})
        return None, body

    def _person(
        self, row: Row, result: RowResult, unit: Unit | None, first, last
    ) -> tuple[Person | None, NewPerson | None]:
        code, name = row["person_code"], row["full_name"]
        birth = _int(row["birth_year"])
        if row["birth_year"] and (birth is None or not 1900 <= birth <= last.year):
            result.error(
                self._column(row, "birth_year"),
                _("“%(text)s” không phải năm sinh hợp lệ.") % {"text": row["birth_year"]},
            )
            return None, None
        if code:
            person = self.people.get(code) or self.people.get(code.lower())
            if person is not None:
                if name and search_key(name) != person.search_key:
                    result.error(
                        self._column(row, "full_name"),
                        _("Mã “%(code)s” là của %(name)s, không phải “%(written)s”.")
                        % {"code": person.code, "name": person.full_name, "written": name},
                    )
                    return None, None
                return person, None
            if not name:
                result.error(
                    self._column(row, "person_code"),
                    _("Không có cán bộ mã “%(code)s”; ghi thêm họ tên để tạo mới.")
                    % {"code": code},
                )
                return None, None
            return None, self._new_person(row, result, code, name, unit)
        if not name:
            result.error(
                self._column(row, "full_name"),
                _("Chưa ghi cán bộ: ghi Mã cán bộ, hoặc Họ và tên cùng Đơn vị và Năm sinh."),
            )
            return None, None
        if unit is None:
            if not result.errors:
                result.error(
                    self._column(row, "unit_name"),
                    _("Khi không có mã cán bộ, cần ghi đơn vị của cán bộ lúc đó (mã hoặc tên)."),
                )
            return None, None
        key = search_key(name)
        derived = derived_code(key, unit.code.lower(), birth)
        if derived in self.people or derived.lower() in self.people:
            return self.people.get(derived) or self.people[derived.lower()], None
        candidates = [
            p
            for p in self.people_by_name.get(key, [])
            if (p.unit_id == unit.pk or unit.pk in self.assignments.get(p.pk, ()))
            and (birth is None or p.birth_date is None or p.birth_date.year == birth)
        ]
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            result.error(
                self._column(row, "full_name"),
                _(
                    "Có %(n)s cán bộ tên “%(name)s” ở %(unit)s (mã %(codes)s); hãy ghi Mã cán "
                    "bộ hoặc Năm sinh."
                )
                % {
                    "n": len(candidates),
                    "name": name,
                    "unit": unit.name,
                    "codes": ", ".join(p.code for p in candidates),
                },
            )
            return None, None
        return None, self._new_person(row, result, derived, name, unit)

    def _new_person(self, row, result, code, name, unit) -> NewPerson | None:
        new = self.new_people.get(code.lower())
        if new is None:
            gender = GENDERS_BY_TEXT.get(search_key(row["gender"]))
            if gender is None:
                result.error(
                    self._column(row, "gender"),
                    _(
                        "Cán bộ “%(name)s” chưa có trên hệ thống; cần ghi Giới tính (Nam/Nữ) để "
                        "tạo mới."
                    )
                    % {"name": name},
                )
                return None
            if unit is None:
                result.error(
                    self._column(row, "unit_name"),
                    _("Cán bộ “%(name)s” chưa có trên hệ thống; cần ghi đơn vị để tạo mới.")
                    % {"name": name},
                )
                return None
            new = self.new_people[code.lower()] = NewPerson(
                code=code, full_name=name, gender=gender, unit=unit, row=_where(row)
            )
        result.creates.append(
            _("Cán bộ mới: %(name)s (mã %(code)s)") % {"name": new.full_name, "code": new.code}
        )
        return new

    # Rows of each sheet.

    def _decision_row(self, row: Row) -> RowResult:
        result = RowResult(sheet=row.sheet, number=row.number)
        number = row["number"]
        if not number:
            result.error(self._column(row, "number"), _("Chưa ghi số quyết định."))
        elif len(number) > Decision._meta.get_field("number").max_length:
            result.error(self._column(row, "number"), _("Số quyết định dài quá 50 ký tự."))
            number = ""
        signed_on = self._date(row, "signed_on", result)
        authority = self.authorities.get(row["authority"].lower())
        if authority is None:
            result.error(
                self._column(row, "authority"),
                _("Không có cấp khen thưởng mã “%(code)s”; chọn trong trang “Danh mục”.")
                % {"code": row["authority"]}
                if row["authority"]
                else _("Chưa chọn cấp khen thưởng."),
            )
        award = self.awards.get(row["award"].lower())
        if award is None:
            result.error(
                self._column(row, "award"),
                _("Không có danh hiệu mã “%(code)s”; chọn trong trang “Danh mục”.")
                % {"code": row["award"]}
                if row["award"]
                else _("Chưa chọn danh hiệu."),
            )
        else:
            result.what = award.name
        if not row["signer_name"]:
            result.error(self._column(row, "signer_name"), _("Chưa ghi người ký."))
        if signed_on is None:
            return result
        year = self._year(row, "year", result, signed_on.year)
        issuer, body = self._issuer(row, result, signed_on)
        if award is not None and authority is not None:
            refusal = self.conferring.problem(award, authority, signed_on)
            if refusal:
                result.error(self._column(row, "award"), refusal)
        # The recipient: a collective (its unit) or a person (and their unit then).
        unit = self._unit(row, result, signed_on, signed_on)
        person = new_person = None
        if award is not None and award.is_collective:
            if row["person_code"] or row["full_name"]:
                result.error(
                    self._column(row, "full_name"),
                    _("“%(award)s” là danh hiệu cho tập thể; để trống các cột về cá nhân.")
                    % {"award": award.name},
                )
            elif unit is None and not result.errors:
                result.error(
                    self._column(row, "unit_name"), _("Chưa ghi tập thể được khen (mã hoặc tên).")
                )
            if unit is not None:
                result.subject = _("Tập thể %(unit)s") % {"unit": unit.name}
        elif award is not None:
            person, new_person = self._person(row, result, unit, signed_on, signed_on)
            if person is not None:
                result.subject = person.full_name
                if unit is None:
                    unit = self._unit_of(person, signed_on, row, result)
            elif new_person is not None:
                result.subject = new_person.full_name
        if result.status == ERROR or number == "" or authority is None or award is None:
            result.status = ERROR
            return result
        plan = self._decision(row, result, number, signed_on, authority, issuer, body)
        if plan is None:
            return result
        result.decision = plan.label
        self._conferment(row, result, plan, award, person, new_person, unit, year)
        return result

    def _unit_of(self, person: Person, day, row, result) -> Unit | None:
        """A known person's unit when the row gives none: their current unit."""
        unit = self.unit_by_pk.get(person.unit_id)
        if unit is None:
            result.error(
                self._column(row, "unit_name"),
                _("Chưa ghi đơn vị của %(name)s lúc được khen.") % {"name": person.full_name},
            )
        return unit

    def _decision(self, row, result, number, signed_on, authority, issuer, body):
        issuer_key = issuer.pk if issuer is not None else ("new", body.code.lower())
        key = (number, signed_on, issuer_key)
        plan = self.decisions.get(key)
        if plan is None:
            plan = _DecisionPlan(
                number=number,
                signed_on=signed_on,
                authority=authority,
                issuer=issuer,
                body=body,
                signer_name=row["signer_name"][:150],
                signer_position=row["signer_position"][:150],
                row=row.number,
            )
            if issuer is not None:
                for pk, day, issuer_id, authority_id in self.stored_decisions.get(number, []):
                    if issuer_id != issuer.pk:
                        continue
                    if day == signed_on:
                        plan.pk, plan.exists = pk, True
                        if authority_id != authority.pk:
                            result.error(
                                self._column(row, "authority"),
                                _(
                                    "Quyết định %(decision)s đã có trên hệ thống với cấp khen "
                                    "thưởng khác."
                                )
                                % {"decision": plan.label},
                            )
                            return None
                    elif day.year == signed_on.year and authority_id == authority.pk:
                        result.error(
                            self._column(row, "signed_on"),
                            _(
                                "Số quyết định “%(number)s” năm %(year)s của cơ quan này đã có "
                                "trên hệ thống với ngày ký %(day)s."
                            )
                            % {"number": number, "year": day.year, "day": _day(day)},
                        )
                        return None
            same_number = (number, signed_on.year, issuer_key, authority.pk)
            other = self.numbers.get(same_number)
            if other is not None:
                result.error(
                    self._column(row, "signed_on"),
                    _(
                        "Số quyết định “%(number)s” năm %(year)s của cơ quan này đã dùng ở dòng "
                        "%(row)s với ngày ký khác (%(day)s)."
                    )
                    % {
                        "number": number,
                        "year": signed_on.year,
                        "row": other.row,
                        "day": _day(other.signed_on),
                    },
                )
                return None
            self.numbers[same_number] = plan
            self.decisions[key] = plan
            return plan
        if plan.authority != authority:
            result.error(
                self._column(row, "authority"),
                _("Cùng quyết định với dòng %(row)s nhưng khác cấp khen thưởng.")
                % {"row": plan.row},
            )
            return None
        if search_key(plan.signer_name) != search_key(row["signer_name"]):
            result.error(
                self._column(row, "signer_name"),
                _("Cùng quyết định với dòng %(row)s nhưng khác người ký.") % {"row": plan.row},
            )
            return None
        return plan

    def _conferment(self, row, result, plan, award, person, new_person, unit, year) -> None:
        if award.is_collective:
            subject = None
        else:
            subject = person.pk if person is not None else ("new", new_person.code.lower())
        key = (id(plan), award.pk, subject, unit.pk, year)
        if key in self.seen_conferments:
            result.error(
                self._column(row, "award"),
                _("Trùng với dòng %(row)s: cùng quyết định, danh hiệu, người/tập thể và năm.")
                % {"row": self.seen_conferments[key]},
            )
            return
        self.seen_conferments[key] = row.number
        if plan.exists and (person is not None or award.is_collective):
            stored = (plan.pk, award.pk, person.pk if person else None, unit.pk, year)
            if stored in self.stored_conferments.get(plan.pk, ()):
                result.status = EXISTS
                return
        self.conferments.append(
            _Conferment(
                decision=plan,
                award=award,
                person=person,
                new_person=new_person,
                unit=unit,
                year=year,
                achievement=row["achievement"],
            )
        )

    def _rating_row(self, row: Row) -> RowResult:
        result = RowResult(sheet=row.sheet, number=row.number)
        year = self._year(row, "year", result, datetime.date.today().year)
        rating = RATINGS_BY_TEXT.get(search_key(row["rating"]))
        if rating is None:
            result.error(
                self._column(row, "rating"),
                _("Xếp loại “%(text)s” không có trong danh mục; chọn trong danh sách thả xuống.")
                % {"text": row["rating"]}
                if row["rating"]
                else _("Chưa ghi xếp loại."),
            )
        else:
            result.what = str(QualityRating.Rating(rating).label)
        if year is None:
            return result
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        unit = self._unit(row, result, first, last, when=_("năm %(year)s") % {"year": year})
        person, new_person = self._person(row, result, unit, first, last)
        result.subject = (person or new_person).full_name if (person or new_person) else ""
        if result.status == ERROR:
            return result
        subject = person.pk if person is not None else ("new", new_person.code.lower())
        if (subject, year) in self.seen_ratings:
            result.error(
                self._column(row, "year"),
                _("Trùng với dòng %(row)s: cùng cán bộ và năm.")
                % {"row": self.seen_ratings[(subject, year)]},
            )
            return result
        self.seen_ratings[(subject, year)] = row.number
        if person is not None and (person.pk, year) in self.stored_ratings:
            stored = self.stored_ratings[(person.pk, year)]
            if stored == rating:
                result.status = EXISTS
                return result
            result.error(
                self._column(row, "rating"),
                _(
                    "%(name)s đã có xếp loại năm %(year)s là “%(stored)s”; hệ thống không ghi "
                    "đè, hãy sửa trên trang cán bộ nếu cần."
                )
                % {
                    "name": person.full_name,
                    "year": year,
                    "stored": QualityRating.Rating(stored).label,
                },
            )
            return result
        self.ratings.append(_Rating(person, new_person, year, rating))
        return result

    def _initiative_row(self, row: Row) -> RowResult:
        result = RowResult(sheet=row.sheet, number=row.number)
        title = row["title"]
        result.what = title
        if not title:
            result.error(self._column(row, "title"), _("Chưa ghi tên sáng kiến."))
        number = row["decision_number"]
        if not number:
            result.error(self._column(row, "decision_number"), _("Chưa ghi số quyết định."))
        day = self._date(row, "decision_date", result)
        level = LEVELS_BY_TEXT.get(search_key(row["level"]))
        if level is None:
            result.error(
                self._column(row, "level"),
                _("Cấp “%(text)s” không có trong danh mục; chọn trong danh sách thả xuống.")
                % {"text": row["level"]}
                if row["level"]
                else _("Chưa chọn cấp sáng kiến."),
            )
        if day is None:
            return result
        year = self._year(row, "year", result, day.year) if row["year"] else day.year
        unit = self._unit(row, result, day, day)
        if unit is None and not result.errors:
            result.error(self._column(row, "unit_name"), _("Chưa ghi đơn vị công nhận sáng kiến."))
        person, new_person = self._person(row, result, unit, day, day)
        result.subject = (person or new_person).full_name if (person or new_person) else ""
        if result.status == ERROR:
            return result
        result.decision = f"{number} ({_day(day)})"
        key = (number, day, search_key(title))
        plan = self.initiatives.get(key)
        if plan is None:
            plan = self.initiatives[key] = _InitiativePlan(
                title=title,
                level=level,
                year=year,
                decision_number=number[:50],
                decision_date=day,
                unit=unit,
                row=row.number,
            )
            stored = self.stored_initiatives.get(key)
            if stored:
                plan.pk = stored[0]
        elif (plan.level, plan.year, plan.unit) != (level, year, unit):
            result.error(
                self._column(row, "title"),
                _("Cùng sáng kiến với dòng %(row)s nhưng khác cấp, năm hoặc đơn vị.")
                % {"row": plan.row},
            )
            return result
        subject = person.pk if person is not None else ("new", new_person.code.lower())
        if (id(plan), subject) in self.seen_authors:
            result.error(
                self._column(row, "full_name"),
                _("Trùng với dòng %(row)s: cùng sáng kiến và tác giả.")
                % {"row": self.seen_authors[(id(plan), subject)]},
            )
            return result
        self.seen_authors[(id(plan), subject)] = row.number
        stored = self.stored_initiatives.get(key)
        if stored and person is not None and person.pk in stored[1]:
            result.status = EXISTS
            return result
        self.authors.append(_Author(plan, person, new_person))
        return result


def _int(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _where(row: Row) -> str:
    return _("%(sheet)s, dòng %(row)s") % {"sheet": row.sheet, "row": row.number}


def _body_code(name: str, units: dict, bodies: dict) -> str:
    base = ("ngoai-" + slugify(search_key(name)))[:44].rstrip("-")
    taken = {body.code.lower() for body in bodies.values()}
    code, n = base, 1
    while code.lower() in units or code.lower() in taken:
        n += 1
        code = f"{base}-{n}"
    return code


# --- Writing --------------------------------------------------------------------------------


class _Writer:
    """Saves what the checker planned, ``batch_size()`` rows per ``bulk_create``."""

    def __init__(self, checker: _Checker, report: HistoryReport):
        self.checker, self.report = checker, report
        self.size = batch_size()

    def write(self) -> dict[str, int]:
        counts = {
            "bodies": self._bodies(),
            "people": self._people(),
            **self._conferments(),
            "ratings": self._ratings(),
            "initiatives": self._initiatives(),
        }
        self._mark_verdicts_stale()
        return counts

    def _mark_verdicts_stale(self) -> None:
        """Open proposals whose verdicts read the people or collectives just given a past
        conferment, rating or initiative are checked again (bulk writes send no signal)."""
        checker = self.checker
        people = {c.person.pk for c in checker.conferments if c.person}
        people |= {r.person.pk for r in checker.ratings if r.person}
        people |= {a.person.pk for a in checker.authors if a.person}
        units = {c.unit.pk for c in checker.conferments if c.person is None and c.unit}
        if people or units:
            nominees_mark_stale(people=people, units=units)

    def _bodies(self) -> int:
        for body in self.report.new_bodies:
            unit = Unit(name=body.name[:255], code=body.code, agency_type=AgencyType.EXTERNAL)
            unit.save()
            body.pk = unit.pk
        return len(self.report.new_bodies)

    def _people(self) -> int:
        for batch in _chunks(self.report.new_people, self.size):
            people = Person.objects.bulk_create(
                [
                    Person(
                        full_name=new.full_name[:150],
                        code=new.code[:30],
                        gender=new.gender,
                        unit=new.unit,
                        search_key=search_key(new.full_name),
                    )
                    for new in batch
                ]
            )
            for new, person in zip(batch, people, strict=True):
                new.pk = person.pk
        return len(self.report.new_people)

    def _conferments(self) -> dict[str, int]:
        decisions = conferments = 0
        for batch in _chunks(self.checker.conferments, self.size):
            plans = {id(c.decision): c.decision for c in batch if c.decision.pk is None}
            if plans:
                created = Decision.objects.bulk_create(
                    [
                        Decision(
                            authority=plan.authority,
                            issuing_unit_id=plan.issuer.pk if plan.issuer else plan.body.pk,
                            number=plan.number,
                            year=plan.signed_on.year,
                            signed_on=plan.signed_on,
                            signer_name=plan.signer_name,
                            signer_position=plan.signer_position,
                            status=Decision.Status.ISSUED,
                        )
                        for plan in plans.values()
                    ]
                )
                for plan, decision in zip(plans.values(), created, strict=True):
                    plan.pk = decision.pk
                decisions += len(created)
            Conferment.objects.bulk_create(
                [
                    Conferment(
                        decision_id=c.decision.pk,
                        award=c.award,
                        person_id=c.person.pk if c.person else (c.new_person and c.new_person.pk),
                        unit=c.unit,
                        year=c.year,
                        achievement=c.achievement,
                    )
                    for c in batch
                ]
            )
            conferments += len(batch)
        return {"decisions": decisions, "conferments": conferments}

    def _ratings(self) -> int:
        for batch in _chunks(self.checker.ratings, self.size):
            QualityRating.objects.bulk_create(
                [
                    QualityRating(
                        person_id=r.person.pk if r.person else r.new_person.pk,
                        year=r.year,
                        rating=r.rating,
                    )
                    for r in batch
                ]
            )
        return len(self.checker.ratings)

    def _initiatives(self) -> int:
        created = 0
        through = Initiative.authors.through
        for batch in _chunks(self.checker.authors, self.size):
            plans = {id(a.initiative): a.initiative for a in batch if a.initiative.pk is None}
            if plans:
                rows = Initiative.objects.bulk_create(
                    [
                        Initiative(
                            title=plan.title[:500],
                            level=plan.level,
                            year=plan.year,
                            decision_number=plan.decision_number,
                            decision_date=plan.decision_date,
                            unit=plan.unit,
                        )
                        for plan in plans.values()
                    ]
                )
                for plan, initiative in zip(plans.values(), rows, strict=True):
                    plan.pk = initiative.pk
                created += len(rows)
            through.objects.bulk_create(
                [
                    through(
                        initiative_id=a.initiative.pk,
                        person_id=a.person.pk if a.person else a.new_person.pk,
                    )
                    for a in batch
                ]
            )
        return created
