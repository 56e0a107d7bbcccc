"""What a report covers (a unit's subtree, a grouping, the sector), for when, and who may ask.

A leader may report on the units under the ones they lead; a grouping only when they lead
every unit that was a member in the period; the whole sector is for admins. Anything else
is a 404, like every foreign object in the app. Workers rebuild the scope from its spec
without a user: the check was made when the job was requested.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from thidua.core.ids import parse_id
from units.access import is_admin, user_roles
from units.models import Cluster, ClusterMembership, Unit, UnitRole

SECTOR_NAME = "Bộ Tư pháp"
CAPITAL = "Hà Nội"
FIRST_YEAR, LAST_YEAR = 1990, 2100
MAX_SPAN = 30


@dataclass(frozen=True)
class Period:
    """Achievement years ``start``…``end`` inclusive (năm thành tích)."""

    start: int
    end: int

    def __post_init__(self):
        if not (FIRST_YEAR <= self.start <= self.end <= LAST_YEAR):
            raise ValueError(f"bad period {self.start}-{self.end}")
        if self.end - self.start >= MAX_SPAN:
            raise ValueError("period too long")

    @property
    def is_year(self) -> bool:
        return self.start == self.end

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    @property
    def trend_years(self) -> range:
        """The ten years the trend chart shows, ending with the period."""
        return range(self.end - 9, self.end + 1)

    @property
    def label(self) -> str:
        if self.is_year:
            return _("năm %(year)s") % {"year": self.start}
        return _("giai đoạn %(start)s–%(end)s") % {"start": self.start, "end": self.end}

    @property
    def slug(self) -> str:
        return str(self.start) if self.is_year else f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Scope:
    kind: str  # "unit", "cluster" or "sector"
    pk: int | None
    name: str  # the issuing body in the header
    parent_name: str  # the body above it (cơ quan chủ quản), may be empty
    place: str  # "Hà Nội", or the province of a local body
    path: str = ""  # a unit's materialised path

    UNIT, CLUSTER, SECTOR = "unit", "cluster", "sector"

    @property
    def value(self) -> str:
        """The form value: "unit:12", "cluster:3" or "sector"."""
        return self.kind if self.pk is None else f"{self.kind}:{self.pk}"

    @property
    def is_sector(self) -> bool:
        return self.kind == self.SECTOR


def parse_value(value: str) -> tuple[str, int | None]:
    """ "unit:12" -> ("unit", 12); raises ValueError on anything else."""
    value = (value or "").strip()
    if value == Scope.SECTOR:
        return Scope.SECTOR, None
    kind, _sep, raw = value.partition(":")
    pk = parse_id(raw)
    if kind not in (Scope.UNIT, Scope.CLUSTER) or pk is None:
        raise ValueError(value)
    return kind, pk


def _unit_scope(unit: Unit) -> Scope:
    parent = unit.parent.name if unit.parent_id else ""
    place = unit.province.name if unit.province_id else CAPITAL
    return Scope(Scope.UNIT, unit.pk, unit.name, parent, place, unit.path)


def _cluster_scope(cluster: Cluster, period: Period) -> Scope:
    leader = (
        ClusterMembership.objects.filter(
            cluster=cluster, year=period.end, role=ClusterMembership.Role.LEADER
        )
        .select_related("unit__province")
        .first()
    )
    province = leader.unit.province if leader and leader.unit.province_id else None
    return Scope(
        Scope.CLUSTER, cluster.pk, cluster.name, "", province.name if province else CAPITAL
    )


def sector_scope() -> Scope:
    return Scope(Scope.SECTOR, None, SECTOR_NAME, "", CAPITAL)


def scope_from_value(value: str, period: Period) -> Scope:
    """The scope a value names, without any access check (workers, commands)."""
    kind, pk = parse_value(value)
    if kind == Scope.SECTOR:
        return sector_scope()
    if kind == Scope.UNIT:
        return _unit_scope(Unit.objects.select_related("parent", "province").get(pk=pk))
    return _cluster_scope(Cluster.objects.get(pk=pk), period)


def _led_paths(user) -> list[str]:
    return [unit.path for unit, role in user_roles(user) if role == UnitRole.Role.LEADER]


def may_report(user) -> bool:
    """Reports are for admins and leaders."""
    return is_admin(user) or bool(_led_paths(user))


def scope_for_user(user, value: str, period: Period) -> Scope:
    """The scope named by ``value`` if ``user`` may report on it; Http404 otherwise."""
    try:
        kind, pk = parse_value(value)
    except ValueError:
        raise Http404 from None
    admin = is_admin(user)
    led = _led_paths(user)
    if kind == Scope.SECTOR:
        if not admin:
            raise Http404
        return sector_scope()
    if kind == Scope.UNIT:
        unit = Unit.objects.select_related("parent", "province").filter(pk=pk).first()
        if unit is None or not (admin or any(unit.path.startswith(p) for p in led)):
            raise Http404
        return _unit_scope(unit)
    cluster = Cluster.objects.filter(pk=pk).first()
    if cluster is None:
        raise Http404
    if not admin:
        members = ClusterMembership.objects.filter(
            cluster=cluster, year__gte=period.start, year__lte=period.end
        ).values_list("unit__path", flat=True)
        members = list(members)
        if not members or not all(any(m.startswith(p) for p in led) for m in members):
            raise Http404
    return _cluster_scope(cluster, period)
