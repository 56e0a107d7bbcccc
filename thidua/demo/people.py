"""People and where they worked: hiring, a few promotions in 2022, the 2025 move.

Everyone is hired into a unit that existed before the restructuring. On 01/07/2025 the
staff of every unit that ended move to its successor (Chi cục → Phòng khu vực, Cục → the
new provincial agency, a merged-away Sở → the surviving Sở), the first head to arrive
heading it. Assignments are bulk-inserted and ``Person.unit``/``position`` are set from the
open one, as ``units.services.person_assign`` would leave them.
"""

import datetime
import random
from dataclasses import dataclass, field

from thidua.core.text import search_key
from thidua.demo import geography
from thidua.demo import positions as kinds
from thidua.demo.dates import MERGER_DAY, TRANSFER_DAY
from thidua.demo.names import NameMaker
from thidua.demo.org import Org, OrgUnit
from thidua.demo.plans import Plan, apportion
from thidua.demo.tdkt import qualify
from units.models import Assignment, Person

STAFFED = (
    kinds.MINISTRY,
    kinds.MINISTRY_UNIT,
    kinds.HQ_OLD,
    kinds.PROVINCE_OLD,
    kinds.LOCAL_OLD,
    kinds.JUSTICE_DEPT,
)
# Demo: people per unit, drawn in these ranges.
DEMO_STAFF = {
    kinds.MINISTRY: (3, 3),
    kinds.MINISTRY_UNIT: (4, 6),
    kinds.HQ_OLD: (6, 8),
    kinds.PROVINCE_OLD: (7, 9),
    kinds.LOCAL_OLD: (3, 5),
    kinds.JUSTICE_DEPT: (4, 5),
}
TRANSFER_RATE = 0.04


def _national_weight(node: OrgUnit) -> float:
    """Relative head count of a unit; provincial units grow with the number of districts."""
    districts = geography.PROVINCES[node.unit.province.name].districts if node.unit.province else 0
    return {
        kinds.MINISTRY: 3,
        kinds.MINISTRY_UNIT: 40,
        kinds.HQ_OLD: 60,
        kinds.PROVINCE_OLD: 20 + 1.5 * districts,
        kinds.LOCAL_OLD: 12,
        kinds.JUSTICE_DEPT: 15 + districts,
    }[node.kind]


@dataclass
class Stint:
    node: OrgUnit
    position: str
    start: datetime.date
    end: datetime.date | None = None


@dataclass(eq=False)
class Staff:
    """A person being seeded, with their career kept in memory for the later builders."""

    person: Person
    merit: float
    stints: list[Stint] = field(default_factory=list)

    def at(self, day: datetime.date) -> Stint | None:
        for stint in self.stints:
            if stint.start <= day and (stint.end is None or day <= stint.end):
                return stint
        return None

    def move(self, node: OrgUnit, position: str, day: datetime.date):
        self.stints[-1].end = day - datetime.timedelta(days=1)
        self.stints.append(Stint(node, position, day))


def _category(node: OrgUnit, position: str) -> str:
    if node.kind == kinds.MINISTRY:
        return Person.Category.OFFICIAL
    if position in kinds.WORKER_POSITIONS:
        return Person.Category.WORKER
    if node.unit.name.startswith("Viện"):
        return Person.Category.PUBLIC_EMPLOYEE
    return Person.Category.CIVIL_SERVANT


class _Hiring:
    def __init__(self, plan: Plan, rng: random.Random):
        self.plan, self.rng = plan, rng
        self.names = NameMaker(rng)
        self.first_year = plan.award_years.start
        self.staff: list[Staff] = []

    def hire(self, node: OrgUnit, position: str, index: int):
        rng = self.rng
        name, gender = self.plan.named.get((node.unit.code, index)) or self.names.make(
            southern=node.southern
        )
        leader = position in (node.head, node.deputy)
        born = rng.randint(1966, 1980) if leader else rng.randint(1966, 2000)
        joined_year = rng.randint(born + 22, min(born + 30, 2024))
        if not leader and rng.random() < 0.15:
            joined_year = max(joined_year, rng.randint(self.first_year, 2024))
        joined = datetime.date(joined_year, rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            full_name=name,
            code=f"CB{len(self.staff) + 1:06d}",
            gender=gender,
            birth_date=datetime.date(born, rng.randint(1, 12), rng.randint(1, 28)),
            category=_category(node, position),
            joined_on=joined,
            search_key=search_key(name),
        )
        merit = min(1.0, rng.betavariate(2, 2) + (0.15 if leader else 0))
        self.staff.append(Staff(person, merit, [Stint(node, position, joined)]))

    def counts(self, nodes: list[OrgUnit]) -> list[int]:
        if self.plan.people is None:
            return [self.rng.randint(*DEMO_STAFF[n.kind]) for n in nodes]
        return apportion(self.plan.people, [_national_weight(n) for n in nodes])

    def transfer(self):
        """A few Chi cục staff are promoted to their provincial Cục in March 2022."""
        for s in self.staff:
            stint = s.stints[-1]
            if (
                stint.node.kind == kinds.LOCAL_OLD
                and stint.position not in (stint.node.head, stint.node.deputy)
                and stint.start < TRANSFER_DAY
                and self.rng.random() < TRANSFER_RATE
            ):
                s.move(stint.node.parent, stint.position, TRANSFER_DAY)

    def restructure(self):
        """Everyone in a unit that ended on 30/06/2025 moves to its successor."""
        movers = [s for s in self.staff if s.stints[-1].node.successor]

        def order(s: Staff):
            old = s.stints[-1]
            stays_home = old.node.unit.province_id == old.node.successor.unit.province_id
            rank = (
                0 if old.position == old.node.head else 1 if old.position == old.node.deputy else 2
            )
            return (not stays_home, rank)

        headed = {
            s.stints[-1].node for s in self.staff if s.stints[-1].position == s.stints[-1].node.head
        }
        for s in sorted(movers, key=order):
            old = s.stints[-1]
            new = old.node.successor
            position = kinds.carried_over(
                old.position,
                (old.node.head, old.node.deputy),
                (new.head, new.deputy),
                new in headed,
            )
            if position == new.head:
                headed.add(new)
            s.move(new, position, MERGER_DAY)


def hire_staff(plan: Plan, org: Org, rng: random.Random) -> list[Staff]:
    hiring = _Hiring(plan, rng)
    nodes = [n for n in org.nodes if n.kind in STAFFED]
    for node, count in zip(nodes, hiring.counts(nodes), strict=True):
        for index, position in enumerate(
            kinds.staff_positions(node.kind, node.head, node.deputy, count, rng)
        ):
            hiring.hire(node, position, index)
    hiring.transfer()
    hiring.restructure()
    staff = hiring.staff
    for s in staff:
        s.person.unit_id, s.person.position = s.stints[-1].node.unit.pk, s.stints[-1].position
    qualify(staff, plan.seed)
    Person.objects.bulk_create([s.person for s in staff], batch_size=2000)
    Assignment.objects.bulk_create(
        [
            Assignment(
                person_id=s.person.pk,
                unit_id=t.node.unit.pk,
                position=t.position,
                start=t.start,
                end=t.end,
            )
            for s in staff
            for t in s.stints
        ],
        batch_size=2000,
    )
    return staff
