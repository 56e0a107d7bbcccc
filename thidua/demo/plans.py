"""What to seed: the demo's hand-picked sample, or the whole sector sized to given counts."""

import math
from dataclasses import dataclass, field

from django.utils.text import slugify

from thidua.core.text import search_key
from thidua.demo import geography
from thidua.demo.dates import LAST_AWARD_YEAR

MINISTRY_UNITS = [
    ("Vụ Thi đua – Khen thưởng", "btp-vu-tdkt"),
    ("Văn phòng Bộ", "btp-van-phong"),
    ("Vụ Tổ chức cán bộ", "btp-vu-tccb"),
    ("Vụ Kế hoạch – Tài chính", "btp-vu-khtc"),
    ("Thanh tra Bộ", "btp-thanh-tra"),
    ("Cục Bổ trợ tư pháp", "btp-cuc-bttp"),
    ("Cục Hộ tịch, quốc tịch, chứng thực", "btp-cuc-htqtct"),
    ("Viện Khoa học pháp lý", "btp-vien-khpl"),
    ("Vụ Pháp luật dân sự – kinh tế", "btp-vu-plds"),
    ("Cục Kiểm tra văn bản quy phạm pháp luật", "btp-cuc-ktvb"),
]
# Ministry, Tổng cục and Cục Quản lý THADS, Chính phủ, Chủ tịch nước.
CENTRAL_UNITS = 5
# Real proportions of the local network: ~700 Chi cục became 355 Phòng khu vực.
OLD_LOCAL_SHARE = 700 / (700 + 355)


class TooFewUnits(ValueError):
    def __init__(self, minimum: int):
        super().__init__(minimum)
        self.minimum = minimum


def slug(text: str) -> str:
    return slugify(search_key(text))


@dataclass
class OldProvincePlan:
    name: str
    zone: str
    # (name suffix, unit code) of each Chi cục: ("huyện Bến Lức", "cc-thads-ben-luc").
    districts: list[tuple[str, str]]


@dataclass
class GroupPlan:
    """A province from 01/07/2025 and the old provinces it absorbed (survivor included)."""

    name: str
    members: list[OldProvincePlan]
    offices: int  # Phòng THADS khu vực


@dataclass
class Plan:
    groups: list[GroupPlan]
    ministry_units: list[tuple[str, str]]
    award_years: range
    cluster_years: range
    # Demo: people per unit drawn from a range per unit kind; national: an exact total.
    people: int | None = None
    # National: exact number of conferments per achievement year.
    per_year: int | None = None
    # The province (from 2025) whose district-office and cross-sector blocks are seeded,
    # with the outside bodies those need (the demo: Tây Ninh, with Long An).
    local_blocks: str = ""
    # (unit code, index among its staff) → (full name, gender): names the docs refer to.
    named: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    seed: int = 2025


def _without_kind(district: str) -> str:
    for kind in ("huyện ", "thị xã ", "thành phố "):
        if district.startswith(kind):
            return district.removeprefix(kind)
    return district


def _districts(province: str, count: int | None = None) -> list[tuple[str, str]]:
    real = geography.DISTRICTS.get(province, [])
    count = len(real) if count is None else count
    result = [(name, f"cc-thads-{slug(_without_kind(name))}") for name in real[:count]]
    place = geography.full_name(province)
    for number in range(len(result) + 1, count + 1):
        result.append((f"số {number}, {place}", f"cc-thads-{slug(province)}-{number}"))
    return result


def demo_plan() -> Plan:
    groups = []
    for name, members in geography.MERGERS:
        if name not in geography.DEMO_GROUPS:
            continue
        olds = [OldProvincePlan(m, geography.PROVINCES[m].zone, _districts(m)) for m in members]
        local = sum(len(old.districts) for old in olds)
        groups.append(GroupPlan(name, olds, offices=math.ceil(local / 3)))
    return Plan(
        groups=groups,
        ministry_units=MINISTRY_UNITS[:6],
        award_years=range(2019, LAST_AWARD_YEAR + 1),
        cluster_years=range(2021, LAST_AWARD_YEAR + 2),
        local_blocks="Tây Ninh",
        named={
            ("cc-thads-ben-luc", 2): ("Nguyễn Văn A", "M"),
            ("cuc-thads-lao-cai", 3): ("Nguyễn Thị Thanh Hương", "F"),
        },
    )


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    counts = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest <= 0 or not weights:
        return counts
    scale = rest / sum(weights)
    shares = [w * scale for w in weights]
    counts = [c + math.floor(s) for c, s in zip(counts, shares, strict=True)]
    by_remainder = sorted(range(len(shares)), key=lambda i: math.floor(shares[i]) - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _group_cost(members: list[str]) -> int:
    """A Cục and a Sở per old province, a THADS agency, and one local office each."""
    return 2 * len(members) + 1 + len(members) + 1


def national_plan(*, units: int, people: int, per_year: int, years: int) -> Plan:
    """The whole sector (as many provinces as ``units`` allows), with exactly ``units`` units.

    Each old province costs a Cục THADS and a Sở Tư pháp, each new province a THADS agency;
    what is left of the budget goes to Chi cục and Phòng khu vực in the real 700:355 ratio.
    """
    ministry_units = MINISTRY_UNITS[: min(len(MINISTRY_UNITS), max(2, units // 120))]
    budget = units - CENTRAL_UNITS - len(ministry_units)
    chosen, needed = [], 0
    for name, members in geography.MERGERS:
        # Fixed units plus at least one Chi cục per old and one Phòng per new province.
        needed += _group_cost(members)
        if needed > budget:
            break
        chosen.append((name, members))
    if not chosen:
        first = geography.MERGERS[0][1]
        raise TooFewUnits(units - budget + _group_cost(first))
    left = budget - sum(2 * len(members) + 1 for _name, members in chosen)
    olds = [m for _name, members in chosen for m in members]
    old_local = max(len(olds), min(left - len(chosen), round(left * OLD_LOCAL_SHARE)))
    weights = [geography.PROVINCES[m].districts for m in olds]
    per_old = dict(zip(olds, apportion(old_local, weights, minimum=1), strict=True))
    offices = apportion(
        left - old_local,
        [sum(per_old[m] for m in members) for _name, members in chosen],
        minimum=1,
    )
    groups = [
        GroupPlan(
            name,
            [
                OldProvincePlan(m, geography.PROVINCES[m].zone, _districts(m, per_old[m]))
                for m in members
            ],
            offices=count,
        )
        for (name, members), count in zip(chosen, offices, strict=True)
    ]
    first = LAST_AWARD_YEAR - years + 1
    return Plan(
        groups=groups,
        ministry_units=ministry_units,
        award_years=range(first, LAST_AWARD_YEAR + 1),
        cluster_years=range(first, LAST_AWARD_YEAR + 2),
        people=people,
        per_year=per_year,
    )
