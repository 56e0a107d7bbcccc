"""The organisation: provinces and the unit tree before and after 01/07/2025.

Bộ Tư pháp is the root. Under it: its own units; Tổng cục THADS (until 30/06/2025) →
Cục THADS tỉnh → Chi cục THADS; Cục Quản lý THADS (from 01/07/2025) → Thi hành án dân sự
tỉnh → Phòng THADS khu vực; and the Sở Tư pháp, placed under the ministry because the
ministry runs the sector's emulation (their administrative superior, the UBND tỉnh, is not
modelled). Outside bodies (courts, procuracies, Chính phủ, …) are roots of their own.
Everything is written with one ``bulk_create`` per tree level.
"""

from dataclasses import dataclass, field

from thidua.core.text import search_key
from thidua.demo import geography
from thidua.demo import positions as kinds
from thidua.demo.dates import LAST_OLD_DAY, MERGER_DAY
from thidua.demo.plans import Plan, slug
from units.models import AgencyType, Province, Unit
from units.services import rebuild_paths

AGENCY_TYPES = {
    kinds.MINISTRY: AgencyType.MINISTRY,
    kinds.MINISTRY_UNIT: AgencyType.MINISTRY_UNIT,
    kinds.HQ_OLD: AgencyType.THADS_HQ,
    kinds.HQ_NEW: AgencyType.THADS_HQ,
    kinds.PROVINCE_OLD: AgencyType.THADS_PROVINCE,
    kinds.PROVINCE_NEW: AgencyType.THADS_PROVINCE,
    kinds.LOCAL_OLD: AgencyType.THADS_LOCAL,
    kinds.LOCAL_NEW: AgencyType.THADS_LOCAL,
    kinds.JUSTICE_DEPT: AgencyType.JUSTICE_DEPT,
    kinds.EXTERNAL: AgencyType.EXTERNAL,
    kinds.STATE: AgencyType.EXTERNAL,
}
# Decision symbols ("số, ký hiệu": 12/QĐ-CTHADS) of the units that issue award decisions.
SYMBOLS = {
    kinds.MINISTRY: "QĐ-BTP",
    kinds.HQ_OLD: "QĐ-TCTHADS",
    kinds.HQ_NEW: "QĐ-QLTHADS",
    kinds.PROVINCE_OLD: "QĐ-CTHADS",
    kinds.PROVINCE_NEW: "QĐ-THADS",
    kinds.JUSTICE_DEPT: "QĐ-STP",
}
STATE_BODIES = [
    ("Chính phủ", "chinh-phu", "QĐ-TTg", ("Thủ tướng Chính phủ", "Phó Thủ tướng")),
    ("Chủ tịch nước", "chu-tich-nuoc", "QĐ-CTN", ("Chủ tịch nước", "Phó Chủ tịch nước")),
]
OUTSIDE_BODIES = [
    ("Viện kiểm sát nhân dân", "vks"),
    ("Tòa án nhân dân", "tand"),
    ("Công an", "ca"),
    ("Bộ Chỉ huy quân sự", "bchqs"),
    ("Bộ Chỉ huy Bộ đội biên phòng", "bdbp"),
]
PRISONS = {
    "Long An": ("Trại giam Thạnh Hòa", "tg-thanh-hoa"),
    "Tây Ninh": ("Trại giam Cây Cầy", "tg-cay-cay"),
}


@dataclass(eq=False)
class OrgUnit:
    """A seeded unit with what the builders need to know about it beyond its row."""

    unit: Unit
    kind: str
    parent: "OrgUnit | None" = None
    head: str = ""
    deputy: str = ""
    symbol: str = ""
    zone: str = ""
    successor: "OrgUnit | None" = None
    predecessors: list["OrgUnit"] = field(default_factory=list)

    @property
    def southern(self) -> bool:
        return self.zone in geography.SOUTHERN_ZONES

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    def succeed(self, *olds: "OrgUnit"):
        for old in olds:
            old.successor = self
            self.predecessors.append(old)


@dataclass
class Group:
    """The units of one post-2025 province and the old provinces it absorbed."""

    name: str
    agency: OrgUnit
    offices: list[OrgUnit]
    members: list[str]
    old_agencies: dict[str, OrgUnit]
    old_offices: dict[str, list[OrgUnit]]
    departments: dict[str, OrgUnit]
    outside: dict[str, list[OrgUnit]] = field(default_factory=dict)


@dataclass
class Org:
    ministry: OrgUnit
    ministry_units: list[OrgUnit]
    hq_old: OrgUnit
    hq_new: OrgUnit
    state: dict[str, OrgUnit]
    groups: list[Group]
    nodes: list[OrgUnit]
    provinces: dict[str, Province]

    def by_code(self, code: str) -> OrgUnit | None:
        return next((n for n in self.nodes if n.unit.code == code), None)

    def conferring(self, node: OrgUnit) -> OrgUnit:
        """The unit whose head decides the unit-level titles of ``node``'s people."""
        if node.kind in (kinds.LOCAL_OLD, kinds.LOCAL_NEW):
            return node.parent
        if node.kind in (kinds.MINISTRY, kinds.MINISTRY_UNIT):
            return self.ministry
        return node


class _Builder:
    def __init__(self, provinces: dict[str, Province]):
        self.provinces = provinces
        self.nodes: list[OrgUnit] = []

    def add(self, kind, name, code, parent=None, *, province="", short="", zone="", **dates):
        unit = Unit(
            name=name,
            short_name=short,
            code=code,
            agency_type=AGENCY_TYPES[kind],
            province=self.provinces[province] if province else None,
            search_key=search_key(f"{name} {short}"),
            path="",
            **dates,
        )
        head, deputy = kinds.titles(kind, name)
        node = OrgUnit(unit, kind, parent, head, deputy, SYMBOLS.get(kind, ""), zone)
        self.nodes.append(node)
        return node

    def group(self, plan_group, ministry, hq_old, hq_new) -> Group:
        new_name = plan_group.name
        new_place = geography.full_name(new_name)
        new_zone = geography.PROVINCES[new_name].zone
        agency = self.add(
            kinds.PROVINCE_NEW,
            f"Thi hành án dân sự {new_place}",
            f"thads-{slug(new_name)}",
            hq_new,
            province=new_name,
            short=f"THADS {new_place}",
            zone=new_zone,
            valid_from=MERGER_DAY,
        )
        old_agencies, old_offices, departments = {}, {}, {}
        for old in plan_group.members:
            place = geography.full_name(old.name)
            ended = {} if old.name == new_name else {"valid_to": LAST_OLD_DAY}
            old_agencies[old.name] = cuc = self.add(
                kinds.PROVINCE_OLD,
                f"Cục Thi hành án dân sự {place}",
                f"cuc-thads-{slug(old.name)}",
                hq_old,
                province=old.name,
                short=f"Cục THADS {place}",
                zone=old.zone,
                valid_to=LAST_OLD_DAY,
            )
            old_offices[old.name] = [
                self.add(
                    kinds.LOCAL_OLD,
                    f"Chi cục Thi hành án dân sự {suffix}",
                    code,
                    cuc,
                    province=old.name,
                    short=f"Chi cục THADS {suffix}",
                    zone=old.zone,
                    valid_to=LAST_OLD_DAY,
                )
                for suffix, code in old.districts
            ]
            departments[old.name] = self.add(
                kinds.JUSTICE_DEPT,
                f"Sở Tư pháp {place}",
                f"stp-{slug(old.name)}",
                ministry,
                province=old.name,
                zone=old.zone,
                **ended,
            )
        agency.succeed(*old_agencies.values())
        for old_name, department in departments.items():
            if old_name != new_name:
                departments[new_name].succeed(department)
        olds = [office for offices in old_offices.values() for office in offices]
        offices = []
        for number, chunk in enumerate(_chunks(olds, plan_group.offices), start=1):
            office = self.add(
                kinds.LOCAL_NEW,
                f"Phòng Thi hành án dân sự khu vực {number} – {new_name}",
                f"thads-{slug(new_name)}-kv{number}",
                agency,
                province=new_name,
                short=f"Phòng THADS khu vực {number} – {new_name}",
                zone=new_zone,
                valid_from=MERGER_DAY,
            )
            office.succeed(*chunk)
            offices.append(office)
        members = [old.name for old in plan_group.members]
        return Group(new_name, agency, offices, members, old_agencies, old_offices, departments)

    def outside_bodies(self, group: Group):
        """Courts, procuracy, police, military, border guard and prisons of a province."""
        for old in group.members:
            place = geography.full_name(old)
            ended = {} if old == group.name else {"valid_to": LAST_OLD_DAY}
            group.outside[old] = [
                self.add(
                    kinds.EXTERNAL, f"{body} {place}", f"{code}-{slug(old)}", province=old, **ended
                )
                for body, code in OUTSIDE_BODIES
            ]
            if old in PRISONS:
                name, code = PRISONS[old]
                group.outside[old].append(self.add(kinds.EXTERNAL, name, code, province=group.name))
        survivors = group.outside[group.name]
        for old in group.members:
            if old != group.name:
                bodies = group.outside[old][: len(OUTSIDE_BODIES)]
                for body, survivor in zip(bodies, survivors, strict=False):
                    survivor.succeed(body)

    def save(self):
        for depth in sorted({n.depth for n in self.nodes}):
            level = [n for n in self.nodes if n.depth == depth]
            for node in level:
                node.unit.parent = node.parent.unit if node.parent else None
            Unit.objects.bulk_create([n.unit for n in level], batch_size=1000)
        Through = Unit.predecessors.through
        Through.objects.bulk_create(
            [
                Through(from_unit_id=node.unit.pk, to_unit_id=old.unit.pk)
                for node in self.nodes
                for old in node.predecessors
            ],
            batch_size=2000,
        )
        rebuild_paths()


def _chunks(items: list, count: int) -> list[list]:
    """``count`` consecutive runs of ``items`` whose sizes differ by at most one."""
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


def build_provinces(plan: Plan) -> dict[str, Province]:
    """Surviving provinces keep their row; the others end on 30/06/2025, merged into it."""
    survivors = {g.name: Province(name=g.name, search_key=search_key(g.name)) for g in plan.groups}
    Province.objects.bulk_create(survivors.values())
    merged = [
        Province(
            name=old.name,
            search_key=search_key(old.name),
            valid_to=LAST_OLD_DAY,
            merged_into=survivors[g.name],
        )
        for g in plan.groups
        for old in g.members
        if old.name != g.name
    ]
    Province.objects.bulk_create(merged)
    return {p.name: p for p in [*survivors.values(), *merged]}


def build_org(plan: Plan) -> Org:
    provinces = build_provinces(plan)
    b = _Builder(provinces)
    ministry = b.add(kinds.MINISTRY, "Bộ Tư pháp", "btp", short="BTP")
    ministry_units = [b.add(kinds.MINISTRY_UNIT, n, c, ministry) for n, c in plan.ministry_units]
    hq_old = b.add(
        kinds.HQ_OLD,
        "Tổng cục Thi hành án dân sự",
        "tc-thads",
        ministry,
        short="Tổng cục THADS",
        valid_to=LAST_OLD_DAY,
    )
    hq_new = b.add(
        kinds.HQ_NEW,
        "Cục Quản lý thi hành án dân sự",
        "cuc-qlthads",
        ministry,
        short="Cục Quản lý THADS",
        valid_from=MERGER_DAY,
    )
    hq_new.succeed(hq_old)
    state = {}
    for name, code, symbol, (head, deputy) in STATE_BODIES:
        state[code] = node = b.add(kinds.STATE, name, code)
        node.symbol, node.head, node.deputy = symbol, head, deputy
    groups = [b.group(g, ministry, hq_old, hq_new) for g in plan.groups]
    for group in groups:
        if group.name == plan.local_blocks:
            b.outside_bodies(group)
    b.save()
    return Org(ministry, ministry_units, hq_old, hq_new, state, groups, b.nodes, provinces)
