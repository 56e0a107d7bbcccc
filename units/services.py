"""Use cases of the organisation: moving people, keeping the tree's paths right."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import attachments, audit
from thidua.core.models import Attachment
from units.access import has_role, is_admin
from units.models import Assignment, Cluster, ClusterMembership, Person, Unit, UnitRole


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


def cluster_leader_unit(cluster: Cluster, year: int) -> Unit | None:
    """The grouping's leader unit (Trưởng khối) in ``year``, if one is named."""
    membership = (
        ClusterMembership.objects.filter(
            cluster=cluster, year=year, role=ClusterMembership.Role.LEADER
        )
        .select_related("unit")
        .first()
    )
    return membership.unit if membership else None


def can_keep_cluster_papers(user, cluster: Cluster, year: int) -> bool:
    """A grouping's papers of a year are kept by who writes its pledge that year: admins,
    and leaders of its leader unit (``campaigns.services.can_edit_pledge``)."""
    if is_admin(user):
        return True
    leader = cluster_leader_unit(cluster, year)
    return leader is not None and has_role(user, leader, UnitRole.Role.LEADER)


def _require_keeper(by, cluster: Cluster, year: int) -> None:
    if not can_keep_cluster_papers(by, cluster, year):
        raise ValidationError(
            _(
                "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng %(cluster)s năm %(year)s mới "
                "quản lý được tài liệu của khối/cụm năm đó."
            )
            % {"cluster": cluster, "year": year},
            code="role",
        )


@transaction.atomic
def cluster_attachment_add(
    *, cluster: Cluster, year: int, by, kind: str, title: str, file
) -> Attachment:
    """Keep a paper of the grouping's ``year`` (its pledge, its conference's minutes)."""
    _require_keeper(by, cluster, year)
    return attachments.attachment_add(
        holder=cluster,
        kinds=Cluster.Paper,
        kind=kind,
        title=title,
        file=file,
        by=by,
        year=year,
        unit=cluster_leader_unit(cluster, year),
    )


@transaction.atomic
def cluster_attachment_remove(*, cluster: Cluster, attachment: Attachment, by) -> None:
    _require_keeper(by, cluster, attachment.year)
    attachments.attachment_remove(
        holder=cluster,
        attachment=attachment,
        kinds=Cluster.Paper,
        by=by,
        unit=cluster_leader_unit(cluster, attachment.year),
    )
