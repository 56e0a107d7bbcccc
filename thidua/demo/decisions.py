"""Turn chosen awards and initiatives into numbered, signed decisions and their rows.

A decision covers one award for one year from one issuer, for the people of one proposing
unit. It is signed when such decisions are signed in practice (unit heads in January,
the minister in February–March, the Prime Minister and the President later in the year)
by whoever headed the issuing unit that day. Numbers run per issuer and calendar year in
date order ("07/QĐ-CTHADS"); the place is where the issuer sits (Decree 30/2020/NĐ-CP:
the province's name, Hà Nội for central bodies).
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from awards.catalogue.data_registry import MOJ_FUNCTIONS
from awards.catalogue.models import Award, LegalDocument
from awards.models import Conferment, Decision, IssuerProfile, SignerAuthority
from thidua.demo import positions as kinds
from thidua.demo.names import NameMaker
from thidua.demo.org import OrgUnit
from thidua.demo.people import Staff
from units.models import Initiative

# Authority code → (first, last) signing day of the year after the achievement year.
SIGNING = {
    "thu-truong-don-vi": ((1, 6), (1, 28)),
    "bo-truong-btp": ((2, 10), (3, 31)),
    "thu-tuong": ((6, 1), (9, 30)),
    "chu-tich-nuoc": ((8, 1), (10, 31)),
}
FIRST_NUMBER = {kinds.MINISTRY: (180, 420), kinds.STATE: (700, 1500)}


def build_issuer_profiles(ministry: OrgUnit) -> int:
    """Bộ Tư pháp heads its decisions as the Minister, on the power the decree on the
    Ministry's functions gives (96/2017, 98/2022, 39/2025/NĐ-CP: a decision cites the one in
    force on its signing day); returns the number of profiles made."""
    profile = IssuerProfile.objects.create(unit=ministry.unit, head_title="Bộ trưởng")
    profile.authority_bases.set(LegalDocument.objects.filter(number__in=MOJ_FUNCTIONS))
    return 1


@dataclass(eq=False)
class Grant:
    """One award to give: to ``staff`` (in ``node`` at the time) or to the collective ``node``."""

    award: Award
    year: int
    node: OrgUnit
    issuer: OrgUnit
    batch: OrgUnit  # the proposing unit: one decision per issuer, award, year and batch
    staff: Staff | None = None
    position: str = ""
    achievement: str = ""


@dataclass(eq=False)
class InitiativeGrant:
    title: str
    level: int
    year: int
    node: OrgUnit
    issuer: OrgUnit
    authors: list[Staff] = field(default_factory=list)


def _between(year: int, first: tuple, last: tuple, rng: random.Random) -> datetime.date:
    start, end = datetime.date(year, *first), datetime.date(year, *last)
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


class _Signers:
    """Who headed a unit on a given day, from the seeded careers."""

    def __init__(self, staff: list[Staff], rng: random.Random):
        self.heads: dict[OrgUnit, list] = defaultdict(list)
        for s in staff:
            for stint in s.stints:
                if stint.position == stint.node.head:
                    self.heads[stint.node].append((stint, s.person.full_name))
        self.names = NameMaker(rng)
        self.invented: dict[OrgUnit, str] = {}

    def on(self, node: OrgUnit, day: datetime.date) -> tuple[str, str]:
        if node.kind == kinds.STATE:
            return self._invented(node), node.deputy
        for stint, name in self.heads.get(node, ()):
            if stint.start <= day and (stint.end is None or day <= stint.end):
                return name, stint.position
        return self._invented(node), node.head

    def _invented(self, node: OrgUnit) -> str:
        if node not in self.invented:
            self.invented[node] = self.names.make()[0]
        return self.invented[node]


def _place(node: OrgUnit) -> str:
    province = node.unit.province
    if node.kind in (kinds.PROVINCE_OLD, kinds.PROVINCE_NEW, kinds.JUSTICE_DEPT) and province:
        return province.name
    return "Hà Nội"


def issue(
    grants: list[Grant], initiatives: list[InitiativeGrant], staff: list[Staff], rng
) -> tuple[int, int, int]:
    """Write decisions, conferments and initiatives; return their counts."""
    signers = _Signers(staff, rng)
    batches: dict[tuple, list[Grant]] = defaultdict(list)
    for g in grants:
        batches[(g.issuer, g.award, g.year, g.batch)].append(g)
    # Every numbered document of an issuer in a year: (day, decision or initiative).
    documents: dict[tuple, list] = defaultdict(list)
    decisions = {}
    for key in batches:
        issuer, award, year, _batch = key
        first, last = SIGNING[award.authority.code]
        day = _between(year + 1, first, last, rng)
        decisions[key] = decision = Decision(
            authority=award.authority,
            issuing_unit=issuer.unit,
            year=day.year,
            signed_on=day,
            place=_place(issuer),
        )
        decision.signer_name, decision.signer_position = signers.on(issuer, day)
        if issuer.kind == kinds.STATE:  # a deputy signs for the head: KT. THỦ TƯỚNG
            decision.signer_authority = SignerAuthority.KT
        documents[(issuer, day.year)].append((day, decision))
    rows = []
    for item in initiatives:
        day = _between(item.year, (11, 15), (12, 26), rng)
        row = Initiative(
            title=item.title[:500],
            level=item.level,
            year=item.year,
            decision_date=day,
            unit_id=item.node.unit.pk,
        )
        rows.append((row, item.authors))
        documents[(item.issuer, day.year)].append((day, row))
    for (issuer, _year), items in documents.items():
        number = rng.randint(*FIRST_NUMBER.get(issuer.kind, (3, 25)))
        for _day, doc in sorted(items, key=lambda pair: pair[0]):
            text = f"{number:02d}/{issuer.symbol}"
            if isinstance(doc, Decision):
                doc.number = text
            else:
                doc.decision_number = text
            number += rng.randint(1, 4)
    Decision.objects.bulk_create(decisions.values(), batch_size=2000)
    # Plain ids: assigning related objects costs more than the insert itself at this size.
    Conferment.objects.bulk_create(
        [
            Conferment(
                decision_id=decisions[key].pk,
                award_id=g.award.pk,
                person_id=g.staff.person.pk if g.staff else None,
                unit_id=g.node.unit.pk,
                position=g.position,
                year=g.year,
                achievement=g.achievement,
            )
            for key, members in batches.items()
            for g in members
        ],
        batch_size=5000,
    )
    Initiative.objects.bulk_create([row for row, _authors in rows], batch_size=2000)
    Authors = Initiative.authors.through
    Authors.objects.bulk_create(
        [
            Authors(initiative_id=row.pk, person_id=author.person.pk)
            for row, authors in rows
            for author in authors
        ],
        batch_size=5000,
    )
    return len(decisions), len(grants), len(rows)
