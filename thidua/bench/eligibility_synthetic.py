"""Synthetic histories for the benchmark and the bulk-versus-naive tests.

Plausible, seeded-random records (ratings, titles with their decisions, sudden and themed
awards, revoked conferments, initiatives, penalties, reviews, leave) written with
``bulk_create``. Never used by the application itself.
"""

import datetime
import random
from dataclasses import dataclass

from awards.catalogue.models import Award
from awards.models import Conferment, Decision
from thidua.core.text import search_key
from units.models import (
    AgencyType,
    Assignment,
    Discipline,
    Initiative,
    InitiativeLevel,
    Leave,
    Person,
    QualityRating,
    Review,
    Unit,
)
from units.services import rebuild_paths

# Word lists read best as sentences.
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()  # noqa: SIM905
MIDDLE = {
    "M": "Văn Hữu Đức Minh Quang Công".split(),  # noqa: SIM905
    "F": "Thị Ngọc Thanh Thu Minh".split(),  # noqa: SIM905
}
GIVEN = {
    "M": "An Bình Dũng Hải Hùng Long Nam Phong Quân Sơn Tuấn Thắng Khoa Việt".split(),  # noqa: SIM905
    "F": "Chi Giang Hà Hạnh Hoa Lan Linh Mai Nga Phương Tâm Thảo Trang Vy Yến".split(),  # noqa: SIM905
}
Rating = QualityRating.Rating


@dataclass
class Catalogue:
    """The awards a synthetic history confers; any of the optional ones may be None."""

    ldtt: Award
    cstdcs: Award
    cstd_nganh: Award | None = None
    bk: Award | None = None
    not_for_merit: tuple[Award, ...] = ()
    once: Award | None = None


def seed_units(*, provinces: int, districts: int, prefix: str = "syn") -> list[Unit]:
    """A ministry → HQ → provinces → district offices tree; returns the provinces and offices."""
    root = Unit(name="Bộ Tư pháp (dữ liệu mô phỏng)", code=f"{prefix}-btp")
    root.agency_type = AgencyType.MINISTRY
    Unit.objects.bulk_create([root])
    hq = Unit(
        name="Cục Quản lý THADS (mô phỏng)",
        code=f"{prefix}-hq",
        parent=root,
        agency_type=AgencyType.THADS_HQ,
    )
    Unit.objects.bulk_create([hq])
    provinces_ = Unit.objects.bulk_create(
        Unit(
            name=f"THADS tỉnh mô phỏng {p:02d}",
            code=f"{prefix}-p{p}",
            parent=hq,
            agency_type=AgencyType.THADS_PROVINCE,
        )
        for p in range(1, provinces + 1)
    )
    offices = Unit.objects.bulk_create(
        Unit(
            name=f"Phòng THADS khu vực {d} – tỉnh {p:02d}",
            code=f"{prefix}-p{p}-kv{d}",
            parent=province,
            agency_type=AgencyType.THADS_LOCAL,
        )
        for p, province in enumerate(provinces_, 1)
        for d in range(1, districts + 1)
    )
    units = [root, hq, *provinces_, *offices]
    for unit in units:
        unit.search_key = search_key(unit.name)
    Unit.objects.bulk_update(units, ["search_key"], batch_size=1000)
    rebuild_paths()
    return [*provinces_, *offices]


class _Writer:
    def __init__(self, *, catalogue, units, year, years, rng, prefix):
        self.catalogue, self.units, self.year, self.rng = catalogue, units, year, rng
        self.years = range(year - years + 1, year + 1)
        self.prefix = prefix
        self.decisions: dict[tuple, Decision] = {}
        self.rows: dict[type, list] = {
            m: [] for m in (QualityRating, Discipline, Review, Leave, Conferment)
        }
        self.initiatives: list[tuple[Initiative, list[int]]] = []
        # (conferment, the conferments it relied on): one achievement, one reward.
        self.relied: list[tuple[Conferment, list[Conferment]]] = []

    def decision(self, unit: Unit, award: Award, year: int) -> Decision:
        key = (unit.pk, award.pk, year)
        if key not in self.decisions:
            number = f"{len(self.decisions) + 1}/QĐ-{self.prefix.upper()}"
            signed_on = datetime.date(year + 1, 1, 10) + datetime.timedelta(
                days=self.rng.randrange(40)
            )
            status = Decision.Status.ISSUED
            if self.rng.random() < 0.01:
                status = self.rng.choice([Decision.Status.DRAFT, Decision.Status.REVOKED])
            self.decisions[key] = Decision(
                authority_id=award.authority_id,
                issuing_unit=unit,
                number=number,
                year=year + 1,
                signed_on=signed_on,
                signer_name="Nguyễn Văn Ký",
                signer_position="Thủ trưởng",
                status=status,
            )
        return self.decisions[key]

    def confer(self, award: Award, person: Person, year: int) -> Conferment:
        revoked = self.rng.random() < 0.01
        conferment = Conferment(
            decision=self.decision(person.unit, award, year),
            award=award,
            person=person,
            unit=person.unit,
            year=year,
            revoked=revoked,
        )
        self.rows[Conferment].append(conferment)
        return conferment

    def person(self, person: Person):
        rng, cat = self.rng, self.catalogue
        cstdcs_years, cstdcs = [], []
        for year in self.years:
            if rng.random() < 0.03:
                continue  # no rating recorded
            rating = rng.choices(
                [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED],
                [25, 60, 12, 3],
            )[0]
            self.rows[QualityRating].append(QualityRating(person=person, year=year, rating=rating))
            if rating >= Rating.GOOD and rng.random() < 0.9:
                self.confer(cat.ldtt, person, year)
                if rng.random() < 0.25:
                    cstdcs.append(self.confer(cat.cstdcs, person, year))
                    cstdcs_years.append(year)
            if cat.bk and rng.random() < 0.06:
                self.confer(cat.bk, person, year)
            if cat.not_for_merit and rng.random() < 0.05:
                self.confer(rng.choice(cat.not_for_merit), person, year)
            if rng.random() < 0.2:
                self.initiative(person, year)
        if cat.cstd_nganh and len(cstdcs_years) >= 3 and rng.random() < 0.5:
            nganh = self.confer(cat.cstd_nganh, person, cstdcs_years[-1])
            self.relied.append((nganh, cstdcs[-3:]))
        if cat.once and rng.random() < 0.05:
            self.confer(cat.once, person, rng.choice(self.years))
        self.troubles(person)

    def initiative(self, person: Person, year: int):
        level = self.rng.choices(list(InitiativeLevel), [78, 18, 4])[0]
        initiative = Initiative(
            title=f"Giải pháp nâng cao hiệu quả công tác số {len(self.initiatives) + 1}",
            level=level,
            year=year,
            decision_number=f"{len(self.initiatives) + 1}/QĐ-HĐSK",
            decision_date=datetime.date(year, 11, 1) + datetime.timedelta(self.rng.randrange(50)),
            unit=person.unit,
        )
        self.initiatives.append((initiative, [person.pk]))

    def troubles(self, person: Person):
        rng = self.rng
        first = datetime.date(self.years.start - 2, 1, 1)
        if rng.random() < 0.04:
            decided = first + datetime.timedelta(rng.randrange(365 * (len(self.years) + 2)))
            ends = None if rng.random() < 0.1 else decided + datetime.timedelta(days=365)
            self.rows[Discipline].append(
                Discipline(
                    person=person,
                    form=rng.choice(list(Discipline.Form)[:3]),
                    decision_number=f"{rng.randrange(1, 999)}/QĐ-KL",
                    decided_on=decided,
                    ends_on=ends,
                )
            )
        if rng.random() < 0.02:
            start = datetime.date(self.year, 1, 1) + datetime.timedelta(rng.randrange(365))
            end = None if rng.random() < 0.6 else start + datetime.timedelta(rng.randrange(200))
            self.rows[Review].append(
                Review(person=person, kind=rng.choice(list(Review.Kind)), start=start, end=end)
            )
        if rng.random() < 0.05:
            kind = Leave.Kind.MATERNITY if person.gender == "F" else Leave.Kind.OTHER
            start = first + datetime.timedelta(rng.randrange(365 * len(self.years)))
            end = start + datetime.timedelta(days=rng.choice([90, 180, 365]))
            self.rows[Leave].append(Leave(person=person, kind=kind, start=start, end=end))

    def save(self):
        decisions = list(self.decisions.values())
        Decision.objects.bulk_create(decisions, batch_size=2000)
        for row in self.rows[Conferment]:
            row.decision_id = row.decision.pk
        for model, rows in self.rows.items():
            model.objects.bulk_create(rows, batch_size=2000)
        Relied = Conferment.relied_on.through
        Relied.objects.bulk_create(
            [
                Relied(from_conferment_id=c.pk, to_conferment_id=used.pk)
                for c, relied in self.relied
                for used in relied
            ],
            batch_size=2000,
        )
        Initiative.objects.bulk_create([i for i, _ in self.initiatives], batch_size=2000)
        Authors = Initiative.authors.through
        Authors.objects.bulk_create(
            [
                Authors(initiative_id=i.pk, person_id=pk)
                for i, authors in self.initiatives
                for pk in authors
            ],
            batch_size=2000,
        )


def seed_people(
    *,
    catalogue: Catalogue,
    units: list[Unit],
    people: int,
    year: int,
    years: int = 5,
    seed: int = 2025,
    prefix: str = "syn",
    first_number: int = 0,
) -> list[Person]:
    """``people`` people spread over ``units``, each with ``years`` years of history.

    Person codes are ``{PREFIX}{number:06d}`` from ``first_number`` on."""
    rng = random.Random(seed)
    persons = []
    for n in range(people):
        gender = rng.choice("MF")
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        persons.append(
            Person(
                full_name=name,
                search_key=search_key(name),
                code=f"{prefix.upper()}{first_number + n:06d}",
                gender=gender,
                unit=rng.choice(units),
                position="Chuyên viên",
                joined_on=datetime.date(rng.randrange(1985, year), rng.randrange(1, 13), 1),
            )
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    Assignment.objects.bulk_create(
        [
            Assignment(person=p, unit=p.unit, position=p.position, start=p.joined_on)
            for p in persons
        ],
        batch_size=2000,
    )
    writer = _Writer(
        catalogue=catalogue, units=units, year=year, years=years, rng=rng, prefix=prefix
    )
    for person in persons:
        writer.person(person)
    writer.save()
    return persons
