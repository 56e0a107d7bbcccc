"""The data of a report, in a fixed number of queries whatever the scope.

Counts are SQL aggregates; only the annex (every recipient) comes back row by row, and only
when asked for. A unit's report covers its subtree and those of its predecessors (a merged
province's history stays in its successor's reports); a grouping's covers the subtrees of
the units that were its members in each year. Revoked awards, and awards of revoked or
draft decisions, are left out; the revoked ones are counted so the report can say so.

An award is counted under the authority that conferred it (its decision's), not under the
catalogue's: "Tập thể lao động xuất sắc" on a provincial Chairman's decision belongs to
the province's block. Counts are therefore keyed by ``(award pk, authority pk)``
(``AwardKey``), and ``ReportData.awards`` describes each key with that authority.

``digest`` fingerprints everything the report prints, so a cached file is reused exactly
when nothing it shows has changed.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Count, Q

from awards.catalogue.models import Authority, Award
from awards.models import Conferment, Decision, Nominee, Proposal
from awards.reports.scope import Period, Scope
from units.access import under, within
from units.models import ClusterMembership, Unit


@dataclass(frozen=True)
class AuthorityInfo:
    pk: int
    name: str
    report_name: str
    level: int
    order: int

    @property
    def sort_key(self) -> tuple:
        return (self.level, self.order, self.name)


@dataclass(frozen=True)
class AwardInfo:
    pk: int
    code: str
    name: str
    form_name: str
    kind: str
    subject: str
    reward_type: str
    order: int
    authority: AuthorityInfo

    @property
    def sort_key(self) -> tuple:
        return (*self.authority.sort_key, self.order, self.pk)

    @property
    def key(self) -> "AwardKey":
        return (self.pk, self.authority.pk)


# (award pk, pk of the authority that conferred it)
AwardKey = tuple[int, int]


@dataclass
class UnitRow:
    """A line of the per-unit table: a unit of the scope with its subtree."""

    label: str
    path: str
    active: bool
    counts: Counter = field(default_factory=Counter)  # AwardKey -> number
    own: bool = False  # the unit itself only: its own awards and staff, not its subtree


class Recipient(NamedTuple):
    award_id: int
    authority_id: int  # of the decision that conferred it
    name: str  # the person, or the collective
    unit: str  # the person's unit at the time, or the collective's parent
    position: str
    number: str
    signed_on: object  # datetime.date
    collective: bool

    @property
    def key(self) -> AwardKey:
        return (self.award_id, self.authority_id)


@dataclass
class ReportData:
    scope: Scope
    period: Period
    awards: dict[AwardKey, AwardInfo]  # each award under each authority that confers it
    counts: Counter  # AwardKey -> number in the period
    unit_rows: list[UnitRow]
    trend: dict[int, int]  # year -> number, the ten years ending with the period
    revoked: int
    recipients: list[Recipient] | None
    digest: str = ""
    # Apart from the counts of awards (lượt): how many people and collectives they went to.
    people: int = 0
    collectives: int = 0
    # "Đang đề nghị": nominees of proposals sent up and not decided, AwardKey -> number,
    # keyed by the authority that is to decide (the body they wait on).
    pending: Counter = field(default_factory=Counter)
    pending_proposals: int = 0
    # A grouping's members in the period, and how many of them earned each award (the
    # member itself, or with its sub-units when ``subunits``).
    members: int = 0
    shares: Counter = field(default_factory=Counter)  # AwardKey -> members
    subunits: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def is_empty(self) -> bool:
        return not self.total


VALID = Q(revoked=False, decision__status=Decision.Status.ISSUED)
CANCELLED = Q(revoked=True) | Q(decision__status=Decision.Status.REVOKED)


def _under(paths, lookup="unit__path") -> Q:
    return under(sorted(set(paths)), lookup)


@dataclass
class _Coverage:
    """Which conferments a scope covers (per year for groupings) and its table rows."""

    rows: list[UnitRow]
    exact: dict[str, UnitRow]  # rows of a root unit itself (not its subtree)
    prefix: dict[str, UnitRow]  # rows covering a subtree
    condition: Callable[[Iterable[int]], Q]  # the achievement years -> which conferments
    # The unit paths the scope covers, per achievement year (None: every year).
    paths: dict[int | None, list[str]] = field(default_factory=dict)

    def row_for(self, path: str) -> UnitRow | None:
        if path in self.exact:
            return self.exact[path]
        parts = path.strip("/").split("/")
        for depth in range(len(parts), 0, -1):
            row = self.prefix.get("/" + "/".join(parts[:depth]) + "/")
            if row is not None:
                return row
        return None


def _is_active(unit: dict, period: Period) -> bool:
    valid_to, valid_from = unit["valid_to"], unit["valid_from"]
    return (valid_to is None or valid_to.year >= period.end) and (
        valid_from is None or valid_from.year <= period.end
    )


_UNIT_FIELDS = ("pk", "name", "path", "parent_id", "valid_from", "valid_to")


def _tree_coverage(roots: list[dict], units: list[dict], period: Period) -> _Coverage:
    """Rows: each root itself, then its children with their subtrees."""
    rows, exact, prefix = [], {}, {}
    children: dict[int, list[dict]] = {}
    for unit in units:
        children.setdefault(unit["parent_id"], []).append(unit)
    for root in roots:
        kids = sorted(children.get(root["pk"], []), key=lambda u: u["path"])
        row = UnitRow(root["name"], root["path"], _is_active(root, period), own=bool(kids))
        rows.append(row)
        (exact if kids else prefix)[root["path"]] = row
        for kid in kids:
            prefix[kid["path"]] = row = UnitRow(kid["name"], kid["path"], _is_active(kid, period))
            rows.append(row)
    paths = [root["path"] for root in roots]
    return _Coverage(rows, exact, prefix, lambda years: _under(paths), {None: paths})


def _unit_coverage(scope: Scope, period: Period) -> _Coverage:
    links = Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id")
    older: dict[int, set[int]] = {}
    for newer, old in links:
        older.setdefault(newer, set()).add(old)
    roots, frontier = {scope.pk}, {scope.pk}
    while frontier:
        frontier = {o for pk in frontier for o in older.get(pk, ())} - roots
        roots |= frontier
    units = list(
        Unit.objects.filter(Q(pk__in=roots) | Q(parent_id__in=roots))
        .order_by("path")
        .values(*_UNIT_FIELDS)
    )
    by_pk = {u["pk"]: u for u in units}
    older_roots = sorted(
        (by_pk[pk] for pk in roots - {scope.pk} if pk in by_pk), key=lambda u: u["path"]
    )
    ordered = [by_pk[scope.pk], *older_roots]
    # A predecessor inside another root's subtree is covered by that root already.
    ordered = [
        r
        for r in ordered
        if not any(r is not o and r["path"].startswith(o["path"]) for o in ordered)
    ]
    kids = [u for u in units if u["pk"] not in roots]
    return _tree_coverage(ordered, kids, period)


def _sector_coverage(period: Period) -> _Coverage:
    units = list(Unit.objects.filter(depth__lte=1).order_by("path").values(*_UNIT_FIELDS))
    roots = [u for u in units if u["parent_id"] is None]
    coverage = _tree_coverage(roots, [u for u in units if u["parent_id"]], period)
    coverage.condition = lambda years: Q()
    coverage.paths = {None: ["/"]}
    # Roots without children are outside bodies (grouping members, the Government as an
    # issuer): listed only when they have awards.
    for row in coverage.rows:
        if row.path in coverage.prefix and row.path.count("/") == 2:
            row.active = False
    return coverage


def _cluster_coverage(scope: Scope, period: Period) -> _Coverage:
    years = sorted(set(period.years) | set(period.trend_years))
    members = ClusterMembership.objects.filter(cluster_id=scope.pk, year__in=years).values_list(
        "year", "unit__path", "unit__name", "unit__valid_from", "unit__valid_to"
    )
    by_year: dict[int, set[str]] = {}
    rows, prefix = [], {}
    for year, path, name, valid_from, valid_to in sorted(members, key=lambda m: (m[2], m[0])):
        by_year.setdefault(year, set()).add(path)
        if year in period.years and path not in prefix:
            unit = {"valid_from": valid_from, "valid_to": valid_to}
            prefix[path] = row = UnitRow(name, path, _is_active(unit, period))
            rows.append(row)

    def condition(wanted) -> Q:
        parts = [Q(year=y) & _under(by_year[y]) for y in wanted if by_year.get(y)]
        return reduce(or_, parts) if parts else Q(pk__in=[])

    return _Coverage(rows, {}, prefix, condition, {y: sorted(p) for y, p in by_year.items()})


def _coverage(scope: Scope, period: Period) -> _Coverage:
    if scope.kind == Scope.UNIT:
        return _unit_coverage(scope, period)
    if scope.kind == Scope.CLUSTER:
        return _cluster_coverage(scope, period)
    return _sector_coverage(period)


def _authority_info(a: Authority) -> AuthorityInfo:
    return AuthorityInfo(a.pk, a.name, a.report_name, a.level, a.order)


def load_awards() -> dict[int, AwardInfo]:
    """Every award under its catalogue authority, by award pk."""
    authorities = {}
    result = {}
    for award in Award.objects.select_related("authority"):
        a = award.authority
        if a.pk not in authorities:
            authorities[a.pk] = _authority_info(a)
        result[award.pk] = AwardInfo(
            award.pk,
            award.code,
            award.name,
            award.form_name or award.name,
            award.kind,
            award.subject,
            award.reward_type,
            award.order,
            authorities[a.pk],
        )
    return result


def award_keys(conferred: Iterable[AwardKey]) -> dict[AwardKey, AwardInfo]:
    """Every award under its catalogue authority (first, in catalogue order), then under
    each other authority that conferred it (``conferred``). One query, two when such an
    authority has no award of its own in the catalogue."""
    own = load_awards()
    result = {info.key: info for info in own.values()}
    authorities = {info.authority.pk: info.authority for info in own.values()}
    missing = {authority for _award, authority in conferred} - set(authorities)
    if missing:
        authorities |= {a.pk: _authority_info(a) for a in Authority.objects.filter(pk__in=missing)}
    for award_pk, authority_pk in conferred:
        if (award_pk, authority_pk) not in result and award_pk in own:
            info = own[award_pk]
            result[(award_pk, authority_pk)] = replace(info, authority=authorities[authority_pk])
    return result


def scope_conferments(scope: Scope, period: Period, *, years=None):
    """Valid conferments the scope covers; a grouping's members are taken from ``years``
    (default: the period's), for tables that select by something else than the
    achievement year, such as the decision's year."""
    coverage = _coverage(scope, period)
    return Conferment.objects.filter(VALID, coverage.condition(years or period.years))


def _recipients(queryset) -> list[Recipient]:
    rows = queryset.order_by(
        "decision__authority__level",
        "decision__authority__order",
        "decision__authority_id",
        "award__order",
        "award_id",
        "unit__path",
        "person__search_key",
        "pk",
    ).values_list(
        "award_id",
        "decision__authority_id",
        "person_id",
        "person__full_name",
        "unit__name",
        "unit__parent__name",
        "position",
        "decision__number",
        "decision__signed_on",
    )
    result = []
    for award_id, by, person_id, person, unit, parent, position, number, signed_on in rows.iterator(
        chunk_size=5000
    ):
        if person_id is None:
            result.append(Recipient(award_id, by, unit, parent or "", "", number, signed_on, True))
        else:
            result.append(Recipient(award_id, by, person, unit, position, number, signed_on, False))
    return result


def _pending(coverage: _Coverage, period: Period) -> tuple[Counter, int]:
    """Nominees of proposals sent up and not decided in the period and scope, by award and
    the authority that is to decide, and the number of those proposals. One query."""
    waiting = Nominee.objects.filter(
        proposal__status__in=Proposal.PENDING_STATES,
        result__in=(Nominee.Result.PENDING, Nominee.Result.PASSED),
        proposal__year__gte=period.start,
        proposal__year__lte=period.end,
    )
    parts = [
        within(waiting if year is None else waiting.filter(proposal__year=year), paths)
        for year, paths in sorted(coverage.paths.items(), key=lambda item: item[0] or 0)
        if year is None or year in period.years
    ]
    if not parts:
        return Counter(), 0
    rows = reduce(or_, parts).values_list("proposal_id", "award_id", "proposal__authority_id")
    pending: Counter = Counter()
    proposals = set()
    for proposal_id, award_id, authority_id in rows:
        pending[(award_id, authority_id)] += 1
        proposals.add(proposal_id)
    return pending, len(proposals)


def load_report(
    scope: Scope, period: Period, *, recipients: bool = True, subunits: bool = False
) -> ReportData:
    """Everything a report shows. Eight or nine queries, whatever the scope's size.

    For a grouping, ``subunits`` counts a member as having earned an award when one of its
    sub-units (or their staff) did; otherwise only the member itself (and its own staff)."""
    coverage = _coverage(scope, period)
    in_period = Q(year__gte=period.start, year__lte=period.end)
    covered = Conferment.objects.filter(coverage.condition(period.years), in_period)
    valid = covered.filter(VALID)
    counts: Counter = Counter()
    earned: dict[AwardKey, set[str]] = {}
    for path, award_id, authority_id, n in (
        valid.values_list("unit__path", "award_id", "decision__authority_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[(award_id, authority_id)] += n
        row = coverage.row_for(path)
        if row is not None:
            row.counts[(award_id, authority_id)] += n
            if subunits or path == row.path:
                earned.setdefault((award_id, authority_id), set()).add(row.path)
    apart = valid.aggregate(
        people=Count("person", distinct=True, filter=Q(person__isnull=False)),
        collectives=Count("unit", distinct=True, filter=Q(person__isnull=True)),
    )
    pending, pending_proposals = _pending(coverage, period)
    trend_years = period.trend_years
    trend = dict.fromkeys(trend_years, 0)
    trend_rows = (
        Conferment.objects.filter(
            VALID,
            coverage.condition(trend_years),
            year__gte=trend_years.start,
            year__lt=trend_years.stop,
        )
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by()
    )
    trend.update(dict(trend_rows))
    revoked = covered.filter(CANCELLED).count()
    awards = award_keys(counts | pending)
    rows = [r for r in coverage.rows if r.active or r.counts]
    cluster = scope.kind == Scope.CLUSTER
    data = ReportData(
        scope=scope,
        period=period,
        awards=awards,
        counts=counts,
        unit_rows=rows,
        trend=trend,
        revoked=revoked,
        recipients=_recipients(valid) if recipients else None,
        people=apart["people"],
        collectives=apart["collectives"],
        pending=pending,
        pending_proposals=pending_proposals,
        members=len(coverage.rows) if cluster else 0,
        shares=Counter({key: len(paths) for key, paths in earned.items()})
        if cluster
        else Counter(),
        subunits=subunits,
    )
    data.digest = digest(data)
    return data


def digest(data: ReportData) -> str:
    """A fingerprint of everything the report prints."""
    h = hashlib.sha256()
    h.update(repr((data.scope, data.period, data.revoked)).encode())
    h.update(repr((data.people, data.collectives, data.pending_proposals)).encode())
    h.update(repr((data.members, data.subunits, sorted(data.shares.items()))).encode())
    h.update(repr(sorted(data.pending.items())).encode())
    h.update(repr(sorted(data.counts.items())).encode())
    h.update(repr(sorted(data.trend.items())).encode())
    for row in data.unit_rows:
        h.update(repr((row.label, row.path, sorted(row.counts.items()))).encode())
    for award in sorted(data.awards.values(), key=lambda a: a.key):
        h.update(repr(award).encode())
    if data.recipients is not None:
        h.update(b"recipients")
        for recipient in data.recipients:
            h.update(repr(tuple(recipient)).encode())
    return h.hexdigest()


__all__ = [
    "AuthorityInfo",
    "AwardInfo",
    "AwardKey",
    "Recipient",
    "ReportData",
    "UnitRow",
    "award_keys",
    "load_awards",
    "load_report",
    "scope_conferments",
]
