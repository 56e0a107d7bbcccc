"""Read-side queries of the organisation: the unit tree, units, people and search.

Every queryset passes through ``units.access.restrict`` (or ``get_visible_or_404``) here,
so the views stay thin and scoping cannot be forgotten.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from thidua.core import changes
from thidua.core.text import search_key
from units.access import get_visible_or_404, restrict, scope_paths, under
from units.models import AgencyType, Assignment, Cluster, ClusterMembership, Person, Unit

# The last day of the THADS structure before the 2025 restructuring; the tree page always
# offers it, besides the end dates of merged units found in the data.
LAST_DAY_BEFORE_2025_RESTRUCTURING = datetime.date(2025, 6, 30)
SEARCH_LIMIT = 20
MIN_QUERY_LENGTH = 2


def natural_key(text: str) -> list:
    """Sort "khu vực 2" before "khu vực 10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def unit_visibility(user):
    """A predicate telling whether ``user`` may open a unit's page, without a query."""
    paths = scope_paths(user)
    if paths is None:
        return lambda unit: True
    return lambda unit: any(unit.path.startswith(p) for p in paths)


def mark_visible(user, units):
    """Set ``is_visible`` on each unit so templates link only to pages the user may open."""
    visible = unit_visibility(user)
    for unit in units:
        unit.is_visible = visible(unit)
    return units


# --- The tree ------------------------------------------------------------------------------


@dataclass
class TreeRow:
    """One unit of the tree, flattened in display order.

    The template opens a nested list after a row with children and, after a leaf, closes
    ``closes`` levels; that renders the whole tree in one loop, without recursion.
    """

    unit: Unit
    level: int = 0
    children: list["TreeRow"] = field(default_factory=list)
    closes: range = range(0)

    @property
    def has_children(self) -> bool:
        return bool(self.children)


@dataclass
class UnitTree:
    rows: list[TreeRow]
    external: list[Unit]

    @property
    def size(self) -> int:
        return len(self.rows)


def unit_tree(*, user, on: datetime.date, root: Unit | None = None) -> UnitTree:
    """The units ``user`` may see that were valid on ``on``, in one query.

    A unit whose parent is not shown (out of scope, or not valid that day) becomes a root.
    Units outside the justice sector (members of cross-sector blocks) are listed apart.
    """
    queryset = restrict(Unit.objects.valid_on(on), user)
    if root is not None:
        queryset = queryset.filter(under([root.path]))
    units = list(queryset.order_by("path"))
    # Re-sort in Python: a database collation may ignore "/" and break the depth-first order.
    units.sort(key=lambda u: [int(pk) for pk in u.path.strip("/").split("/")])
    external = [u for u in units if u.agency_type == AgencyType.EXTERNAL]
    tree_units = [u for u in units if u.agency_type != AgencyType.EXTERNAL]
    external.sort(key=lambda u: natural_key(u.search_key))
    return UnitTree(rows=_flatten(_nest(tree_units)), external=external)


def _nest(units: list[Unit]) -> list[TreeRow]:
    roots: list[TreeRow] = []
    stack: list[TreeRow] = []
    for unit in units:
        while stack and not unit.path.startswith(stack[-1].unit.path):
            stack.pop()
        row = TreeRow(unit=unit)
        (stack[-1].children if stack else roots).append(row)
        stack.append(row)
    return roots


def _flatten(roots: list[TreeRow]) -> list[TreeRow]:
    rows: list[TreeRow] = []

    def walk(siblings: list[TreeRow], level: int):
        for row in sorted(siblings, key=lambda r: natural_key(r.unit.search_key)):
            row.level = level
            rows.append(row)
            walk(row.children, level + 1)

    walk(roots, 0)
    for i, row in enumerate(rows):
        if not row.has_children:
            next_level = rows[i + 1].level if i + 1 < len(rows) else 0
            row.closes = range(row.level - next_level)
    return rows


def restructuring_days() -> list[tuple[datetime.date, datetime.date]]:
    """(last day, first new day) of former structures, newest first.

    A former structure ends on the last day of units that have successors (merged or
    replaced units), so a new restructuring shows up here once its data is entered.
    """
    ended = (
        Unit.objects.filter(successors__isnull=False, valid_to__isnull=False)
        .values_list("valid_to", flat=True)
        .distinct()
        .order_by("-valid_to")[:3]
    )
    days = sorted({*ended, LAST_DAY_BEFORE_2025_RESTRUCTURING}, reverse=True)[:3]
    return [(day, day + datetime.timedelta(days=1)) for day in days]


# --- One unit ------------------------------------------------------------------------------


def unit_get(*, user, pk) -> Unit:
    return get_visible_or_404(Unit.objects.select_related("parent", "province"), user, pk=pk)


def unit_detail(*, user, pk) -> dict:
    unit = unit_get(user=user, pk=pk)
    children = sorted(unit.children.all(), key=lambda u: natural_key(u.search_key))
    predecessors = list(unit.predecessors.order_by("valid_to", "name"))
    successors = list(unit.successors.order_by("valid_from", "name"))
    related = [*predecessors, *successors]
    if unit.parent:
        related.append(unit.parent)
    mark_visible(user, related)
    memberships = list(
        unit.cluster_memberships.select_related("cluster").order_by("-year", "cluster__name")
    )
    counts = Person.objects.filter(under([unit.path], "unit__path")).aggregate(
        subtree=Count("pk"), direct=Count("pk", filter=Q(unit=unit))
    )
    return {
        "unit": unit,
        "changes": changes.timeline(Unit.history.filter(id=unit.pk)),
        "children": children,
        "predecessors": predecessors,
        "successors": successors,
        "memberships": memberships,
        "people_direct": counts["direct"],
        "people_subtree": counts["subtree"],
    }


# --- People --------------------------------------------------------------------------------


def person_list(
    *,
    user,
    unit: Unit | None = None,
    include_subunits: bool = True,
    query: str = "",
    unit_name: str = "",
) -> QuerySet:
    """Visible people by name; ``query`` matches the name (without diacritics) or the code,
    ``unit_name`` part of their unit's name."""
    queryset = restrict(Person.objects.select_related("unit"), user)
    unit_key = search_key(unit_name)
    if unit_key:
        queryset = queryset.filter(unit__search_key__contains=unit_key)
    if unit is not None:
        if include_subunits:
            queryset = queryset.filter(under([unit.path], "unit__path"))
        else:
            queryset = queryset.filter(unit=unit)
    key = search_key(query)
    if key:
        queryset = queryset.filter(Q(search_key__contains=key) | Q(code__iexact=query.strip()))
    return queryset.order_by("search_key", "pk")


def person_detail(*, user, pk) -> dict:
    """A person's record; the conferments come through the reverse relation from awards."""
    person = get_visible_or_404(
        Person.objects.select_related("unit", "unit__province"), user, pk=pk
    )
    reviews = list(person.reviews.order_by("-start"))
    today = timezone.localdate()
    for review in reviews:
        review.is_open = review.end is None or review.end >= today
    return {
        "person": person,
        "changes": changes.timeline(
            Person.history.filter(id=person.pk), Assignment.history.filter(person_id=person.pk)
        ),
        "has_open_review": any(r.is_open for r in reviews),
        "reviews": reviews,
        "assignments": list(person.assignments.select_related("unit").order_by("-start", "-pk")),
        "ratings": list(person.ratings.order_by("-year")),
        "disciplines": list(person.disciplines.order_by("-decided_on")),
        "leaves": list(person.leaves.order_by("-start")),
        "initiatives": list(person.initiatives.select_related("unit").order_by("-year", "title")),
        "conferments": list(
            person.conferments.select_related("award", "decision").order_by(
                "-year", "award__order", "pk"
            )
        ),
    }


# --- Search --------------------------------------------------------------------------------


@dataclass
class SearchResults:
    key: str
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    more_units: bool = False
    more_people: bool = False
    more_clusters: bool = False

    @property
    def empty(self) -> bool:
        return not (self.units or self.people or self.clusters)


def search(*, user, query: str, limit: int = SEARCH_LIMIT) -> SearchResults:
    """Units (by name or province), people and groupings matching ``query``, diacritics aside.

    Fetches ``limit + 1`` rows of each kind to know whether there are more, without a count.
    """
    key = search_key(query)
    results = SearchResults(key=key)
    if len(key) < MIN_QUERY_LENGTH:
        return results
    code = query.strip()
    units = restrict(Unit.objects.select_related("province"), user).filter(
        Q(search_key__contains=key) | Q(province__search_key__contains=key) | Q(code__iexact=code)
    )
    people = person_list(user=user, query=query)
    clusters = restrict(Cluster.objects.all(), user).filter(search_key__contains=key)
    results.units, results.more_units = _first(
        units.order_by(F("valid_to").desc(nulls_first=True), "depth", "search_key"), limit
    )
    results.people, results.more_people = _first(people, limit)
    results.clusters, results.more_clusters = _first(clusters.order_by("kind", "name"), limit)
    return results


def _first(queryset: QuerySet, limit: int) -> tuple[list, bool]:
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


# --- Groupings -----------------------------------------------------------------------------

ROLE_ORDER = {
    ClusterMembership.Role.LEADER: 0,
    ClusterMembership.Role.DEPUTY: 1,
    ClusterMembership.Role.MEMBER: 2,
}


def cluster_list(*, user, year: int, kind: str = "") -> QuerySet:
    """Groupings the user's units belong to (any year) that existed in ``year``, with their
    member count then; ``year_name`` (set by ``cluster_leaders``) is their name that year."""
    queryset = (
        restrict(Cluster.objects.all(), user)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__year__lte=year),
            Q(valid_to__isnull=True) | Q(valid_to__year__gte=year),
        )
        .prefetch_related("former_names")
        .annotate(member_count=Count("memberships", filter=Q(memberships__year=year)))
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "name")


def cluster_leaders(*, user, clusters, year: int) -> None:
    """Set ``leader`` (a unit or None) on each grouping of a page, in one query."""
    leaders = {
        m.cluster_id: m.unit
        for m in ClusterMembership.objects.filter(
            cluster__in=[c.pk for c in clusters], year=year, role=ClusterMembership.Role.LEADER
        ).select_related("unit")
    }
    mark_visible(user, leaders.values())
    for cluster in clusters:
        cluster.leader = leaders.get(cluster.pk)
        cluster.year_name = cluster.name_in(year)


def cluster_detail(*, user, pk, year: int) -> dict:
    """A grouping's members in ``year`` (leader, deputies, members) and its earlier leaders."""
    cluster = get_visible_or_404(Cluster.objects.all(), user, pk=pk)
    memberships = list(
        cluster.memberships.select_related("unit", "unit__province").order_by("-year")
    )
    mark_visible(user, [m.unit for m in memberships])
    members = sorted(
        (m for m in memberships if m.year == year),
        key=lambda m: (ROLE_ORDER[m.role], natural_key(m.unit.search_key)),
    )
    cluster.year_name = cluster.name_in(year)
    return {
        "cluster": cluster,
        "absence": cluster.absence_in(year),
        "members": members,
        "leader": next((m for m in members if m.role == ClusterMembership.Role.LEADER), None),
        "deputies": [m for m in members if m.role == ClusterMembership.Role.DEPUTY],
        "previous_leaders": [
            m for m in memberships if m.year < year and m.role == ClusterMembership.Role.LEADER
        ],
        "years": sorted({m.year for m in memberships}, reverse=True),
    }


def units_in_year(person_ids, year: int) -> dict[int, int | None]:
    """Each person's unit in ``year``: that of their last assignment overlapping the year
    (None when they worked nowhere in the sector that year); a person without any recorded
    assignment counts in their current unit. One query."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    ids = set(person_ids)
    found: dict[int, int | None] = {}
    rows = (
        Assignment.objects.filter(person_id__in=ids)
        .order_by("person_id", "start")
        .values_list("person_id", "unit_id", "start", "end")
    )
    for person_id, unit_id, start, end in rows:
        found.setdefault(person_id, None)
        if start <= last and (end is None or end >= first):
            found[person_id] = unit_id
    current = Person.objects.filter(pk__in=ids - set(found)).values_list("pk", "unit_id")
    found.update(current)
    return found


def worked_in(unit: Unit, year: int) -> Q:
    """People who may have been in ``unit`` in ``year`` (narrow with ``units_in_year``)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    assigned = Assignment.objects.filter(unit=unit, start__lte=last).exclude(end__lt=first)
    return Q(unit=unit) | Q(pk__in=assigned.values("person_id"))


# When units are otherwise equal, a collective with at least this share of women is preferred
# (the design's domain rules; the article that sets 70 % is not verified here).
WOMEN_PREFERRED_SHARE = 70


def female_share(*, units) -> dict[int, Decimal | None]:
    """Share of women (0–100) among each unit's current people, in one query; None for a
    unit with nobody."""
    ids = [getattr(u, "pk", u) for u in units]
    shares: dict[int, Decimal | None] = dict.fromkeys(ids)
    rows = (
        Person.objects.filter(unit_id__in=ids)
        .order_by()
        .values("unit_id")
        .annotate(total=Count("pk"), women=Count("pk", filter=Q(gender=Person.Gender.FEMALE)))
        .values_list("unit_id", "total", "women")
    )
    for pk, total, women in rows:
        shares[pk] = Decimal(women) * 100 / total
    return shares
