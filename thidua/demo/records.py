"""Yearly quality ratings, discipline, reviews and long leave of the seeded people.

They feed the award history: nobody is rewarded for a year they were disciplined or under
review in (nor the year after a penalty that ran into it), and titles follow the ratings.
"""

import datetime
import random
from dataclasses import dataclass, field

from thidua.demo import positions as kinds
from thidua.demo.org import Org, OrgUnit
from thidua.demo.people import Staff
from thidua.demo.plans import Plan
from units.models import Discipline, Leave, QualityRating, Review

Rating = QualityRating.Rating
DISCIPLINE_REASONS = [
    "Vi phạm quy định về thời hạn tổ chức thi hành án",
    "Vi phạm quy trình xác minh điều kiện thi hành án",
    "Vi phạm quy định về quản lý, lưu trữ hồ sơ thi hành án",
    "Vi phạm kỷ luật lao động, nội quy cơ quan",
]
REVIEW_NOTES = {
    Review.Kind.INVESTIGATION: "Đoàn thanh tra của Bộ đang kiểm tra hồ sơ thi hành án",
    Review.Kind.COMPLAINT: "Đang xác minh nội dung đơn tố cáo của đương sự",
    Review.Kind.DISCIPLINE: "Hội đồng kỷ luật đang xem xét",
}


@dataclass
class Records:
    ratings: dict[Staff, dict[int, int]] = field(default_factory=dict)
    # Years a person may not be rewarded for (discipline, penalty running, under review).
    blocked: dict[Staff, set[int]] = field(default_factory=dict)
    disciplined: set[tuple[Staff, int]] = field(default_factory=set)
    # Collectives under inspection in a year.
    blocked_units: set[tuple[OrgUnit, int]] = field(default_factory=set)

    def rating(self, s: Staff, year: int) -> int | None:
        return self.ratings.get(s, {}).get(year)

    def is_blocked(self, s: Staff, year: int) -> bool:
        return year in self.blocked.get(s, ())


def _rating(merit: float, rng: random.Random) -> int:
    if rng.random() < 0.006:
        return Rating.NOT_COMPLETED
    score = merit * 0.6 + rng.random() * 0.4
    return Rating.EXCELLENT if score >= 0.66 else Rating.GOOD if score >= 0.28 else Rating.COMPLETED


def _day_in(year: int, rng: random.Random, first_month=1, last_month=12) -> datetime.date:
    return datetime.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


class _Recorder:
    def __init__(self, plan: Plan, org: Org, staff: list[Staff], rng: random.Random):
        self.plan, self.org, self.staff, self.rng = plan, org, staff, rng
        self.records = Records()
        self.rows: dict[type, list] = {QualityRating: [], Discipline: [], Review: [], Leave: []}

    def ratings(self):
        for s in self.staff:
            self.records.ratings[s] = {
                year: _rating(s.merit, self.rng)
                for year in self.plan.award_years
                if s.person.joined_on <= datetime.date(year, 6, 30)
            }

    def rating_rows(self):
        self.rows[QualityRating] = [
            QualityRating(person_id=s.person.pk, year=year, rating=rating)
            for s, years in self.records.ratings.items()
            for year, rating in years.items()
        ]

    def _pick(self, share: float, minimum: int) -> list[Staff]:
        pool = [s for s in self.staff if s.stints[0].position != s.stints[0].node.head]
        return self.rng.sample(pool, min(len(pool), max(minimum, round(len(pool) * share))))

    def disciplines(self):
        rng, years = self.rng, self.plan.award_years
        for s in self._pick(0.01, 4):
            worked = [y for y in years[1:-1] or years if s.person.joined_on.year < y]
            if not worked:
                continue
            year = rng.choice(worked)
            form = rng.choices(list(Discipline.Form)[:3], [70, 25, 5])[0]
            decided = _day_in(year, rng, 3, 10)
            penalty_days = 540 if form == Discipline.Form.SALARY_DOWNGRADE else 365
            ends = decided + datetime.timedelta(days=penalty_days)
            node = s.at(decided).node
            self.rows[Discipline].append(
                Discipline(
                    person=s.person,
                    form=form,
                    decision_number=f"{rng.randint(3, 90):02d}/{self.org.conferring(node).symbol}",
                    decided_on=decided,
                    ends_on=ends,
                    reason=rng.choice(DISCIPLINE_REASONS),
                )
            )
            self.records.ratings[s][year] = (
                Rating.COMPLETED if form == Discipline.Form.REPRIMAND else Rating.NOT_COMPLETED
            )
            self.records.blocked.setdefault(s, set()).update({year, ends.year})
            self.records.disciplined.add((s, year))

    def reviews(self):
        rng, last = self.rng, self.plan.award_years[-1]
        cycle = list(REVIEW_NOTES)
        for i, s in enumerate(self._pick(0.004, 3)):
            kind = cycle[i % len(cycle)]
            start = _day_in(last, rng, 10, 11)
            self._review(s, kind, start, None)
        for s in self._pick(0.003, 2):
            start = _day_in(rng.choice(self.plan.award_years[:-1]), rng, 2, 6)
            self._review(s, Review.Kind.COMPLAINT, start, start + datetime.timedelta(days=90))
        offices = [n for n in self.org.nodes if n.kind == kinds.LOCAL_OLD]
        year = self.plan.award_years[-3] if len(self.plan.award_years) > 2 else last
        for node in rng.sample(offices, min(len(offices), max(1, len(offices) // 300))):
            start = _day_in(year, rng, 3, 5)
            self.rows[Review].append(
                Review(
                    unit=node.unit,
                    kind=Review.Kind.INVESTIGATION,
                    start=start,
                    end=start + datetime.timedelta(days=120),
                    note="Thanh tra toàn diện công tác thi hành án dân sự",
                )
            )
            self.records.blocked_units.add((node, year))

    def _review(self, s: Staff, kind, start, end):
        self.rows[Review].append(
            Review(person=s.person, kind=kind, start=start, end=end, note=REVIEW_NOTES[kind])
        )
        self.records.blocked.setdefault(s, set()).add(start.year)

    def leaves(self):
        rng = self.rng
        for s in self.staff:
            born = s.person.birth_date.year
            years = [y for y in self.plan.award_years if 24 <= y - born <= 38]
            if s.person.gender == "F" and years and rng.random() < 0.2:
                start = max(_day_in(rng.choice(years), rng), s.person.joined_on)
                self.rows[Leave].append(
                    Leave(
                        person=s.person,
                        kind=Leave.Kind.MATERNITY,
                        start=start,
                        end=start + datetime.timedelta(days=181),
                    )
                )


def build_records(plan: Plan, org: Org, staff: list[Staff], rng: random.Random) -> Records:
    recorder = _Recorder(plan, org, staff, rng)
    recorder.ratings()
    recorder.disciplines()
    recorder.reviews()
    recorder.leaves()
    recorder.rating_rows()
    for model, rows in recorder.rows.items():
        model.objects.bulk_create(rows, batch_size=5000)
    return recorder.records
