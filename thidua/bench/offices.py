"""Offices under a benchmark's own root unit, made once and reused by later runs."""

from thidua.core.text import search_key
from units.models import Unit


def bench_offices(root: Unit, *, count: int, name: str, agency_type: str) -> list[Unit]:
    """``count`` children of ``root`` coded ``<root code>-01`` … (``name`` + " số N"),
    created in two queries where missing; their materialised paths are set in bulk."""
    existing = {u.code for u in Unit.objects.filter(parent=root)}
    new = [
        Unit(
            name=f"{name} số {i}",
            code=f"{root.code}-{i:02d}",
            parent=root,
            agency_type=agency_type,
            search_key=search_key(f"{name} số {i}"),
        )
        for i in range(1, count + 1)
        if f"{root.code}-{i:02d}" not in existing
    ]
    Unit.objects.bulk_create(new)
    for unit in new:
        unit.path, unit.depth = f"{root.path}{unit.pk}/", root.depth + 1
    Unit.objects.bulk_update(new, ["path", "depth"])
    return list(Unit.objects.filter(parent=root).order_by("code"))
