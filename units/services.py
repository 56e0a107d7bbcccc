"""Use cases of the organisation: moving people, keeping the tree's paths right."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from units.models import Assignment, Person, Unit


@transaction.atomic
def unit_deactivate(*, unit: Unit, on: datetime.date, by=None) -> Unit:
    """End a unit on ``on`` (its last day) instead of deleting it, keeping its history."""
    if unit.valid_from and on < unit.valid_from:
        raise ValidationError(_("Ngày ngừng hoạt động phải sau ngày bắt đầu hiệu lực."))
    previous = unit.valid_to
    unit.valid_to = on
    unit.save(update_fields=["valid_to", "search_key"])
    audit.record(
        obj=unit,
        by=by,
        action="deactivate",
        from_state=f"{previous:%d/%m/%Y}" if previous else "",
        to_state=f"{on:%d/%m/%Y}",
        unit=unit,
    )
    return unit


@transaction.atomic
def person_assign(*, person: Person, unit: Unit, position: str, start: datetime.date) -> Assignment:
    """Move a person to a unit from ``start``: close the open assignment, open a new one."""
    assignment = Assignment(person=person, unit=unit, position=position, start=start)
    assignment.full_clean(exclude=["person"])
    current = person.assignments.filter(end__isnull=True).order_by("-start").first()
    if current:
        if start <= current.start:
            raise ValidationError(
                _("Ngày bắt đầu phải sau ngày bắt đầu của vị trí hiện tại (%(day)s).")
                % {"day": current.start.strftime("%d/%m/%Y")}
            )
        current.end = start - datetime.timedelta(days=1)
        current.save(update_fields=["end"])
    assignment.save()
    person.unit, person.position = unit, position
    person.save(update_fields=["unit", "position", "search_key"])
    return assignment


def person_unit_on(person: Person, day: datetime.date) -> Assignment | None:
    """The assignment a person held on a day (its unit and position as they were)."""
    return (
        person.assignments.select_related("unit")
        .filter(start__lte=day)
        .exclude(end__lt=day)
        .order_by("-start")
        .first()
    )


def rebuild_paths() -> int:
    """Recompute every unit's path and depth from ``parent`` in one pass (bulk seeds)."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    paths: dict[int, str] = {}

    def path_of(pk: int) -> str:
        if pk not in paths:
            parent = parents[pk]
            paths[pk] = f"{path_of(parent) if parent else '/'}{pk}/"
        return paths[pk]

    units = list(Unit.objects.only("pk", "path", "depth"))
    for unit in units:
        unit.path = path_of(unit.pk)
        unit.depth = unit.path.count("/") - 2
    Unit.objects.bulk_update(units, ["path", "depth"], batch_size=1000)
    return len(units)


def person_sync_current(person: Person) -> None:
    """Mirror the open assignment on ``person.unit``/``position`` after the inline is edited.

    Like ``person_assign``: a newer open assignment closes older open ones the day before.
    Without an open one, the last assignment stays the person's unit, so they stay in scope.
    """
    assignments = list(person.assignments.order_by("-start", "-pk"))
    open_ones = [a for a in assignments if a.end is None]
    for older in open_ones[1:]:
        older.end = max(older.start, open_ones[0].start - datetime.timedelta(days=1))
        older.save(update_fields=["end"])
    current = open_ones[0] if open_ones else next(iter(assignments), None)
    unit_id = current.unit_id if current else None
    position = current.position if current else ""
    if (person.unit_id, person.position) != (unit_id, position):
        person.unit_id, person.position = unit_id, position
        person.save(update_fields=["unit", "position", "search_key"])
