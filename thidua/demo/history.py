"""Years of award history that follow the sector's rules closely enough to look real.

Per achievement year: Lao động tiên tiến to everyone rated at least "hoàn thành tốt" who is
not disciplined or under review; Chiến sĩ thi đua cơ sở to the best rated "xuất sắc", within
the catalogue's quota of each decision-maker's LĐTT, each with a recognised initiative; CSTĐ
ngành after three consecutive CSTĐCS with a ministry-level initiative; the minister's Bằng
khen after two excellent years; collective titles computed from the members (half of the
units that qualify for Tập thể LĐXS get it); one Cờ thi đua ngành per grouping (the unit
voted to lead it next year); and, once there are five years of history, a few Bằng khen of
the Prime Minister, a Government flag and a Labour Order. Who decides comes from the
catalogue: the award's authority picks the issuing unit. A national seed then drops plain
LĐTT or adds Giấy khen so that each year has exactly the number of conferments asked for.
"""

import math
from collections import defaultdict

from awards.catalogue.models import Award
from thidua.demo import positions as kinds
from thidua.demo.dates import year_end
from thidua.demo.decisions import Grant, InitiativeGrant, issue
from thidua.demo.groupings import Season
from thidua.demo.org import Org, OrgUnit
from thidua.demo.people import Staff
from thidua.demo.plans import Plan
from thidua.demo.records import Rating, Records
from units.models import InitiativeLevel

COLLECTIVE_KINDS = {
    kinds.MINISTRY_UNIT,
    kinds.HQ_OLD,
    kinds.HQ_NEW,
    kinds.PROVINCE_OLD,
    kinds.PROVINCE_NEW,
    kinds.LOCAL_OLD,
    kinds.LOCAL_NEW,
}
DEFAULT_QUOTA_PERCENT = 15
THADS_TOPICS = [
    "công tác xác minh điều kiện thi hành án",
    "tổ chức cưỡng chế thi hành án đối với tài sản là quyền sử dụng đất",
    "thu hồi tài sản trong các vụ án tham nhũng, kinh tế",
    "quản lý, lưu trữ hồ sơ thi hành án trên phần mềm",
    "sử dụng biên lai thu tiền điện tử trong thi hành án dân sự",
    "phân loại án có điều kiện và chưa có điều kiện thi hành",
    "phối hợp liên ngành trong thi hành án dân sự",
    "giải quyết khiếu nại, tố cáo về thi hành án",
]
JUSTICE_TOPICS = [
    "thẩm định dự thảo văn bản quy phạm pháp luật",
    "đăng ký và quản lý hộ tịch trên môi trường điện tử",
    "phổ biến, giáo dục pháp luật cho người dân vùng sâu, vùng xa",
    "chứng thực bản sao điện tử từ bản chính",
    "công tác thi đua, khen thưởng",
    "quản lý tài chính, tài sản công",
]
INITIATIVE_PREFIXES = ["Giải pháp nâng cao hiệu quả", "Đổi mới", "Nâng cao chất lượng"]


class _History:
    def __init__(self, plan, org, staff, records, seasons, rng):
        self.plan, self.org, self.staff, self.records, self.rng = (
            plan,
            org,
            staff,
            records,
            rng,
        )
        self.seasons = defaultdict(list)
        for season in seasons:
            self.seasons[season.year].append(season)
        self.awards = {a.code: a for a in Award.objects.select_related("authority")}
        self.grants: list[Grant] = []
        self.initiatives: list[InitiativeGrant] = []
        self.by_author: dict[Staff, list[InitiativeGrant]] = defaultdict(list)
        self.cstdcs_years: dict[Staff, list[int]] = defaultdict(list)
        self.last_bk: dict[Staff, int] = {}
        self.ldxs: dict[OrgUnit, set[int]] = defaultdict(set)
        self.state_honoured: set = set()

    # -- building blocks -----------------------------------------------------------------

    def _issuer(self, award: Award, node: OrgUnit) -> OrgUnit | None:
        authority = award.authority.code
        if authority == "thu-truong-don-vi":
            decided_for = node.parent if award.is_collective and node.parent else node
            return self.org.conferring(decided_for)
        if authority == "bo-truong-btp":
            return self.org.ministry
        if authority == "thu-tuong":
            return self.org.state["chinh-phu"]
        if authority == "chu-tich-nuoc":
            return self.org.state["chu-tich-nuoc"]
        return None  # provincial awards: the UBND tỉnh is not seeded

    def grant(self, code, year, node, staff=None, position="", achievement="") -> Grant | None:
        award = self.awards.get(code)
        issuer = award and self._issuer(award, node)
        if issuer is None:
            return None
        batch = issuer if issuer.kind == kinds.STATE else self.org.conferring(node)
        return Grant(award, year, node, issuer, batch, staff, position, achievement)

    def initiative(self, s: Staff, node: OrgUnit, year: int, level: int):
        topics = THADS_TOPICS if node.unit.agency_type.startswith("thads") else JUSTICE_TOPICS
        title = (
            f"{self.rng.choice(INITIATIVE_PREFIXES)} {self.rng.choice(topics)} "
            f"tại {node.unit.short_name or node.unit.name}"
        )
        issuer = self.org.ministry if level > InitiativeLevel.BASE else self.org.conferring(node)
        item = InitiativeGrant(title, level, year, node, issuer, [s])
        self.initiatives.append(item)
        self.by_author[s].append(item)

    def _quota(self, year: int) -> float:
        award = self.awards.get("cstdcs")
        rule = award.rule_on(year_end(year)) if award else None
        percent = rule.quota_percent if rule and rule.quota_percent else DEFAULT_QUOTA_PERCENT
        return float(percent) / 100

    def _excellent_run(self, s: Staff, last: int, years: int) -> bool:
        return all(
            self.records.rating(s, y) == Rating.EXCELLENT and not self.records.is_blocked(s, y)
            for y in range(last - years + 1, last + 1)
        )

    # -- one year --------------------------------------------------------------------------

    def year(self, year: int) -> list[Grant]:
        day, records, rng = year_end(year), self.records, self.rng
        active = []
        for s in self.staff:
            stint = s.at(day)
            if stint and stint.node.kind != kinds.MINISTRY and records.rating(s, year):
                active.append((s, stint))
        eligible = [
            (s, t)
            for s, t in active
            if records.rating(s, year) >= Rating.GOOD and not records.is_blocked(s, year)
        ]
        out = [self.grant("ldtt", year, t.node, s, t.position) for s, t in eligible]
        best = self._best(eligible, year, out)
        for s, t in eligible:
            if s not in best and rng.random() < 0.03:
                self.initiative(s, t.node, year, InitiativeLevel.BASE)
            if s not in best and rng.random() < 0.04:
                text = f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}"
                out.append(self.grant("giay-khen-ca-nhan", year, t.node, s, t.position, text))
            self._ministry_merit(s, t, year, out)
        self._collectives(active, eligible, best, year, out)
        self._flags(year, out)
        if year - self.plan.award_years.start >= 4:
            self._state(active, eligible, year, out)
        out = [g for g in out if g is not None]
        if self.plan.per_year is not None:
            out = self._fit(out, active, best, year)
        return out

    def _best(self, eligible, year, out) -> set[Staff]:
        """CSTĐCS within the quota of each decision-maker; CSTĐ ngành after three in a row."""
        by_issuer = defaultdict(list)
        for s, t in eligible:
            by_issuer[self.org.conferring(t.node)].append((s, t))
        quota, chosen = self._quota(year), set()
        for people in by_issuer.values():
            excellent = [p for p in people if self.records.rating(p[0], year) == Rating.EXCELLENT]
            excellent.sort(key=lambda p: -(p[0].merit + self.rng.random() * 0.25))
            for s, t in excellent[: math.floor(len(people) * quota)]:
                years = self.cstdcs_years[s]
                years.append(year)
                streak = next(
                    (i for i in range(len(years)) if years[-1 - i] != year - i), len(years)
                )
                wide = streak >= 3 and self.rng.random() < 0.4
                level = InitiativeLevel.MINISTRY if wide else InitiativeLevel.BASE
                self.initiative(s, t.node, year, level)
                out.append(self.grant("cstdcs", year, t.node, s, t.position))
                chosen.add(s)
                recent_wide = any(
                    i.level >= InitiativeLevel.MINISTRY and i.year > year - 3
                    for i in self.by_author[s]
                )
                if streak >= 3 and recent_wide:
                    text = (
                        f"Đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục ({year - 2}–{year})"
                    )
                    out.append(self.grant("cstd-nganh", year, t.node, s, t.position, text))
                    years.clear()
        return chosen

    def _ministry_merit(self, s, t, year, out):
        if (
            self.last_bk.get(s, -99) <= year - 5
            and self._excellent_run(s, year, 2)
            and self.rng.random() < 0.3
        ):
            text = f"Đã có thành tích xuất sắc trong công tác năm {year - 1} và năm {year}"
            out.append(self.grant("bk-bo-ca-nhan", year, t.node, s, t.position, text))
            self.last_bk[s] = year

    def _collectives(self, active, eligible, best, year, out):
        titled = {s for s, _t in eligible}
        members = defaultdict(list)
        for s, t in active:
            members[t.node].append(s)
        for node, people in members.items():
            if node.kind not in COLLECTIVE_KINDS or len(people) < 2:
                continue
            if (node, year) in self.records.blocked_units:
                continue
            share = sum(s in titled for s in people) / len(people)
            excellent = (
                share >= 0.7
                and any(s in best for s in people)
                and all(self.records.rating(s, year) >= Rating.COMPLETED for s in people)
                and not any((s, year) in self.records.disciplined for s in people)
            )
            # Half of the units that qualify are proposed for the higher title.
            if excellent and self.rng.random() < 0.5:
                out.append(self.grant("tt-ldxs", year, node))
                self.ldxs[node].add(year)
                if self.rng.random() < 0.2:
                    text = f"Đã có thành tích xuất sắc trong công tác năm {year}"
                    out.append(self.grant("bk-bo-tap-the", year, node, achievement=text))
            elif share > 0.5:
                out.append(self.grant("tt-ldtt", year, node))

    def _flags(self, year, out):
        for season in self.seasons.get(year, ()):
            if season.has_outside:
                continue
            text = f"Dẫn đầu phong trào thi đua {season.cluster.name} năm {year}"
            out.append(self.grant("co-nganh", year, season.flag_holder, achievement=text))

    def _state(self, active, eligible, year, out):
        cap = math.ceil(len(active) / 600)
        span = f"từ năm {year - 4} đến năm {year}"
        candidates = sorted(
            (
                (s, t)
                for s, t in eligible
                if s not in self.state_honoured
                and s in self.last_bk
                and self._excellent_run(s, year, 5)
            ),
            key=lambda p: -p[0].merit,
        )
        for s, t in candidates[:cap]:
            text = f"Đã có thành tích xuất sắc trong công tác {span}"
            out.append(self.grant("bk-ttg-ca-nhan", year, t.node, s, t.position, text))
            self.state_honoured.add(s)
        units = [
            node
            for node, years in self.ldxs.items()
            if {year, year - 1} <= years and node not in self.state_honoured
        ]
        if units:
            text = f"Đã có thành tích xuất sắc trong công tác {span}"
            out.append(self.grant("bk-ttg-tap-the", year, units[0], achievement=text))
            self.state_honoured.add(units[0])
        if year != self.plan.award_years[-2]:
            return
        heads = [
            (s, t)
            for s, t in eligible
            if t.position == t.node.head and self._excellent_run(s, year, 5)
        ]
        heads.sort(key=lambda p: -p[0].merit)
        for s, t in heads[: max(1, len(active) // 5000)]:
            text = (
                f"Đã có thành tích xuất sắc trong công tác {span}, góp phần vào sự nghiệp xây "
                "dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"
            )
            out.append(self.grant("hcld-3-ca-nhan", year, t.node, s, t.position, text))
        zones = [z for z in self.seasons.get(year, ()) if z.cluster.kind == "zone"]
        if zones:
            text = f"Dẫn đầu phong trào thi đua {zones[0].cluster.name} năm {year}"
            out.append(self.grant("co-chinh-phu", year, zones[0].flag_holder, achievement=text))

    def _fit(self, out, active, best, year):
        """Exactly ``per_year`` conferments: drop plain LĐTT or add Giấy khen."""
        target = self.plan.per_year
        if len(out) > target:
            removable = sorted(
                (
                    g
                    for g in out
                    if g.award.code in ("ldtt", "giay-khen-ca-nhan") and g.staff not in best
                ),
                key=lambda g: (g.award.code == "ldtt", g.staff.merit),
            )
            dropped = set(removable[: len(out) - target])
            # A target below the year's higher awards cuts them too: the count is what's asked.
            out = [g for g in out if g not in dropped][:target]
        people = list(active)
        self.rng.shuffle(people)
        text = f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}"
        while people and len(out) < target:
            for s, t in people[: target - len(out)]:
                grant = self.grant("giay-khen-ca-nhan", year, t.node, s, t.position, text)
                if grant is None:
                    return out
                out.append(grant)
        return out


def build_history(
    plan: Plan, org: Org, staff: list[Staff], records: Records, seasons: list[Season], rng
) -> tuple[int, int, int]:
    """Choose the awards of every achievement year, then issue them; return the counts."""
    history = _History(plan, org, staff, records, seasons, rng)
    grants = []
    for year in plan.award_years:
        grants.extend(history.year(year))
    return issue(grants, history.initiatives, staff, rng)
