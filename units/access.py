"""The one place that decides what a user may see.

A user sees the subtrees of the units where they hold a role, plus the subtrees of those
units' predecessors (a merged unit's history stays readable by its successor). Admins
(superusers or holders of the admin role) see everything. Every view, export and report
filters through ``restrict`` or fetches through ``get_visible_or_404``.
"""

from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from units.models import Unit, UnitRole

_CACHE_ATTR = "_thidua_scope_paths"


def is_admin(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(role == UnitRole.Role.ADMIN for _unit, role in _roles(user))


def _roles(user) -> list[tuple[Unit, str]]:
    cache = getattr(user, "_thidua_roles", None)
    if cache is None:
        cache = [
            (r.unit, r.role)
            for r in UnitRole.objects.filter(user=user)
            .select_related("unit")
            .order_by("unit__path")
        ]
        user._thidua_roles = cache
    return cache


def user_roles(user) -> list[tuple[Unit, str]]:
    """(unit, role) pairs the user holds, outermost units first."""
    return _roles(user) if user.is_authenticated else []


def has_role(user, unit: Unit, *roles: str) -> bool:
    """Whether the user holds one of ``roles`` in ``unit`` or one of its ancestors."""
    if is_admin(user):
        return True
    return any(unit.path.startswith(held.path) and role in roles for held, role in _roles(user))


def holds(by, unit: Unit | None, roles) -> bool:
    """The workflow engine's role check: ``has_role`` on the object's unit; an object
    without a unit is for admins only."""
    if unit is None:
        return is_admin(by)
    return has_role(by, unit, *roles)


def scope_paths(user) -> list[str] | None:
    """Path prefixes the user may see; None means everything (admins)."""
    if not user.is_authenticated:
        return []
    if is_admin(user):
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roots = {unit.pk: unit.path for unit, _role in _roles(user)}
    # Follow predecessors transitively; the predecessor graph is small (restructurings).
    frontier = set(Unit.objects.filter(under(roots.values())).values_list("pk", flat=True))
    seen = set(frontier)
    while frontier:
        older = dict(
            Unit.predecessors.through.objects.filter(from_unit_id__in=frontier).values_list(
                "to_unit_id", "to_unit__path"
            )
        )
        frontier = set(older) - seen
        seen |= frontier
        roots.update({pk: older[pk] for pk in frontier})
    paths = sorted(set(roots.values()))
    # Drop prefixes already covered by a shorter one.
    minimal = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    setattr(user, _CACHE_ATTR, minimal)
    return minimal


def under(paths, *lookups: str) -> Q:
    """Rows whose ``lookups`` (unit paths; ``path`` by default) lie under one of ``paths``.

    The one "under these units" builder: no paths matches nothing.
    """
    paths = list(paths)
    if not paths:
        return Q(pk__in=[])
    lookups = lookups or ("path",)
    return reduce(or_, (Q(**{f"{lk}__startswith": p}) for p in paths for lk in lookups))


def restrict(queryset: QuerySet, user) -> QuerySet:
    """The rows of ``queryset`` that ``user`` may see: the one entry point of every list,
    count, dashboard, export, report, admin list and API.

    Each model declares its rule once: ``scope_lookup`` (the path of the unit that owns a
    row, or a tuple of them when a row has several owners, as a decision seen by its
    handling unit and by the body that issued it) or, when ownership is more than a path,
    ``scope_q(paths, user)`` (a forwarded proposal is also seen where it is addressed).
    """
    paths = scope_paths(user)
    if paths is None:
        return queryset
    return within(queryset, paths, user=user)


def within(queryset: QuerySet, paths: list[str], *, user=None) -> QuerySet:
    """The rows of ``queryset`` that belong under ``paths`` by their model's rule (``user``,
    when given, is for rules that also name people, such as a council's members)."""
    model = queryset.model
    rule = getattr(model, "scope_q", None)
    lookups = getattr(model, "scope_lookup", ())
    lookups = (lookups,) if isinstance(lookups, str) else tuple(lookups)
    condition = rule(paths, user) if rule else under(paths, *lookups)
    if getattr(model, "scope_crosses_many", False) or any(
        "__" in lk and _crosses_many(model, lk) for lk in lookups
    ):
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def _crosses_many(model, lookup: str) -> bool:
    for part in lookup.split("__")[:-1]:
        field = model._meta.get_field(part)
        if field.one_to_many or field.many_to_many:
            return True
        model = field.related_model
    return False


def get_visible_or_404(queryset: QuerySet, user, **lookup) -> Model:
    """Fetch one object the user may see; anything else is a 404 so existence never leaks."""
    try:
        return restrict(queryset, user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
