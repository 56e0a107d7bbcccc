"""Field history read as "before → after": what each saved edit changed, value by value.

The rows are django-simple-history's historical records (``Model.history``): one row per
save, holding every tracked field's value after it. An edit's changes are the fields whose
value differs from the object's previous row. Rows written in bulk (``bulk_create``,
``QuerySet.update``: the history import, conferring a decision) leave no row, so an object's
history starts at its first save through a form, the admin or a service.

Values read as users read them: the field's Vietnamese verbose name, a choice's label, dates
dd/mm/yyyy, a foreign key by its ``str`` (every referenced model is read once, in bulk).
"""

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Columns kept for the program, never edited by a person (derived or stamped).
SKIPPED = frozenset({"search_key", "path", "depth", "updated_at", "updated_by"})
# The first of these a row has names it in a list of changes of several objects.
LABEL_FIELDS = ("full_name", "name", "number", "position")

KINDS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
EMPTY = "—"


@dataclass
class Change:
    field: str
    before: str
    after: str

    def __str__(self):
        return f"{self.field}: {self.before} → {self.after}"


@dataclass
class Revision:
    """One save of one object: who, when, and the fields it changed."""

    when: datetime.datetime
    actor: object
    kind: str
    object_type: str
    object_id: int
    object_label: str
    history_id: int
    # "app_label.model_name" of the tracked model.
    model: str = ""
    changes: list[Change] = field(default_factory=list)
    # A change whose previous values were never recorded (the object was written in bulk).
    first_known: bool = False

    @property
    def action(self) -> str:
        return str(KINDS.get(self.kind, self.kind))

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return ""
        return self.actor.get_full_name() or self.actor.get_username()


def tracked_models() -> list[type[models.Model]]:
    """Every model with a field history, in a stable order."""
    # Inline: the app registry is complete only once apps are loaded.
    from django.apps import apps  # noqa: PLC0415 - read at call time, after app loading

    return [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def history_of(model):
    """The historical model's manager of ``model`` (``Model.history``)."""
    return getattr(model, model._meta.simple_history_manager_attribute)


def _fields(record) -> list[models.Field]:
    opts = record.instance_type._meta
    return [
        f
        for f in opts.concrete_fields
        if not f.primary_key
        and f.name not in SKIPPED
        and not getattr(f, "auto_now", False)
        and hasattr(record, f.attname)
    ]


def label_of(record) -> str:
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)
    start = getattr(record, "effective_from", None)  # a rule version
    if start:
        return str(_("áp dụng từ %(start)s") % {"start": f"{start:%d/%m/%Y}"})
    return f"#{record.id}"


def _raw_changes(record, previous) -> list[tuple[models.Field, object, object]]:
    return [
        (f, getattr(previous, f.attname), getattr(record, f.attname))
        for f in _fields(record)
        if getattr(previous, f.attname) != getattr(record, f.attname)
    ]


def _related(pairs) -> dict[type, dict]:
    """The objects the changed foreign keys name, one query per referenced model."""
    wanted = defaultdict(set)
    for f, before, after in pairs:
        if f.is_relation:
            wanted[f.related_model].update(v for v in (before, after) if v is not None)
    return {
        model: model._default_manager.order_by().in_bulk(sorted(ids))
        for model, ids in wanted.items()
    }


def _person_name(user) -> str:
    name = getattr(user, "get_full_name", lambda: "")()
    return name or str(user)


def show(f: models.Field, value, related: dict) -> str:
    """A stored value as a user reads it."""
    if f.choices and value in (labels := dict(f.flatchoices)):
        return str(labels[value])  # also a blank that is a choice of its own
    if value is None or value == "":
        return EMPTY
    if f.is_relation:
        obj = related.get(f.related_model, {}).get(value)
        if obj is None:
            return f"#{value}"
        return _person_name(obj) if hasattr(obj, "get_full_name") else str(obj)
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def revisions(records, previous: dict | None = None) -> list[Revision]:
    """Each record as a ``Revision``, newest first.

    ``records`` are historical rows of any tracked models. An object's previous row is the
    one before it in ``records`` (give every row of the object, oldest first or not) or, for
    rows whose predecessor is not among them, ``previous[(model, history_id)]``.
    """
    previous = dict(previous or {})
    by_object = defaultdict(list)
    for record in records:
        by_object[(record.instance_type, record.id)].append(record)
    for rows in by_object.values():
        rows.sort(key=lambda r: (r.history_date, r.history_id))
        for older, newer in itertools.pairwise(rows):
            previous.setdefault((newer.instance_type, newer.history_id), older)
    pending = []
    for rows in by_object.values():
        for record in rows:
            before = previous.get((record.instance_type, record.history_id))
            raw = _raw_changes(record, before) if before and record.history_type == "~" else []
            pending.append((record, before, raw))
    related = _related(pair for _record, _before, raw in pending for pair in raw)
    result = [
        Revision(
            when=record.history_date,
            actor=record.history_user,
            kind=record.history_type,
            object_type=capfirst(record.instance_type._meta.verbose_name),
            object_id=record.id,
            object_label=label_of(record),
            history_id=record.history_id,
            model=record.instance_type._meta.label_lower,
            changes=[
                Change(str(capfirst(f.verbose_name)), show(f, old, related), show(f, new, related))
                for f, old, new in raw
            ],
            first_known=record.history_type == "~" and before is None,
        )
        for record, before, raw in pending
    ]
    result.sort(key=lambda r: (r.when, r.history_id), reverse=True)
    return result


def timeline(*querysets) -> list[Revision]:
    """The field history of the objects the historical ``querysets`` select, newest first:
    creations, deletions and the edits that changed a value (a save that changed nothing is
    left out). One query per queryset, plus one per model a changed foreign key names."""
    records = []
    for queryset in querysets:
        records.extend(queryset.select_related("history_user"))
    return [r for r in revisions(records) if r.kind != "~" or r.changes or r.first_known]
