"""Who does the emulation-and-reward work, for tables 0604.N and 0605.N.

The ministry's Vụ Thi đua – Khen thưởng is a Vụ-level body and all its staff work there
full-time; every central and provincial enforcement body and every justice department has a
phòng or bộ phận doing it, with one person full- or part-time; about half the regional offices
have one person doing it part-time. Everyone gets a training level. Drawn from a generator of
its own, so the rest of the seed stays what it was.
"""

import datetime
import random

from thidua.demo import positions as kinds
from thidua.demo.org import Org
from units.models import Person, TdktBody, Unit

VU_TDKT = "btp-vu-tdkt"
WITH_DIVISION = (
    kinds.HQ_OLD,
    kinds.HQ_NEW,
    kinds.PROVINCE_OLD,
    kinds.PROVINCE_NEW,
    kinds.JUSTICE_DEPT,
)
LOCAL = (kinds.LOCAL_OLD, kinds.LOCAL_NEW)
LEVELS = [
    (Person.TrainingLevel.UNIVERSITY, 62),
    (Person.TrainingLevel.POSTGRADUATE, 20),
    (Person.TrainingLevel.COLLEGE, 6),
    (Person.TrainingLevel.INTERMEDIATE, 8),
    (Person.TrainingLevel.ELEMENTARY, 4),
]
LAST_START = datetime.date(2025, 12, 31)


def mark_bodies(org: Org) -> int:
    """Set ``Unit.tdkt_body`` on the seeded units; the number marked."""
    vu = [n.unit.pk for n in org.nodes if n.unit.code == VU_TDKT]
    divisions = [n.unit.pk for n in org.nodes if n.kind in WITH_DIVISION]
    Unit.objects.filter(pk__in=vu).update(tdkt_body=TdktBody.DEPARTMENT)
    Unit.objects.filter(pk__in=divisions).update(tdkt_body=TdktBody.DIVISION)
    return len(vu) + len(divisions)


def _start(person: Person, rng: random.Random) -> datetime.date:
    first = max(person.joined_on, person.birth_date.replace(year=person.birth_date.year + 22))
    first = min(first, LAST_START)
    return first + datetime.timedelta(days=rng.randint(0, (LAST_START - first).days))


def qualify(staff, seed: int) -> None:
    """Training levels and TĐKT roles on the people being seeded (before they are saved)."""
    rng = random.Random(f"{seed}-tdkt")
    levels, weights = zip(*LEVELS, strict=True)
    chosen: set = set()
    for s in staff:
        person, stint = s.person, s.stints[-1]
        person.training_level = rng.choices(levels, weights)[0]
        if person.category == Person.Category.WORKER:
            person.training_level = rng.choice(levels[3:])
        node = stint.node
        leads = stint.position in (node.head, node.deputy)
        if node.unit.code == VU_TDKT:
            person.tdkt_role = Person.TdktRole.FULL_TIME
        elif node in chosen or leads or person.category == Person.Category.WORKER:
            continue
        elif node.kind in WITH_DIVISION:
            person.tdkt_role = rng.choice(list(Person.TdktRole))
        elif node.kind in LOCAL and rng.random() < 0.5:
            person.tdkt_role = Person.TdktRole.PART_TIME
        else:
            chosen.add(node)  # this office has nobody doing it
            continue
        chosen.add(node)
        person.tdkt_since = _start(person, rng)
