"""The admins' audit log: workflow state changes, admin-site edits and field edits, in one
timeline.

The sources are read by one SQL ``UNION`` that already carries every column the page shows
(actor, unit, object type), so a page costs the same few queries whatever its rows are.
Field edits are the "~" rows of the field history (django-simple-history, one historical
table per tracked model); their "before → after" lines are read for the page's rows only,
two queries per tracked model on the page (``attach_changes``).
Admin and field edits have no unit of their own; under a unit filter they count when the
edited object lies in the unit's subtree (by the model's ``scope_lookup``).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import (
    CharField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit, changes
from thidua.core.models import AuditEntry
from units.access import under, within
from units.models import Unit

STATE = "state"
ADMIN = "admin"
FIELDS = "field"

# Column order matters for the UNION: both sides select exactly these names, in this order.
COLUMNS = (
    "kind",
    "ref",
    "when",
    "who",
    "who_first",
    "who_last",
    "unit_ref",
    "unit_name",
    "unit_code",
    "app",
    "model",
    "object_ref",
    "label",
    "action_code",
    "flag",
    "state_from",
    "state_to",
    "note",
)


def _text(value: str = "") -> Value:
    return Value(value, output_field=CharField())


def _state_changes(*, unit, username, start, end) -> QuerySet:
    rows = AuditEntry.objects.order_by()
    if unit is not None:
        rows = rows.filter(under([unit.path], "unit__path"))
    if username:
        rows = rows.filter(actor__username__iexact=username)
    if start:
        rows = rows.filter(at__gte=start)
    if end:
        rows = rows.filter(at__lt=end)
    return rows.annotate(
        kind=_text(STATE),
        ref=F("pk"),
        when=F("at"),
        who=F("actor__username"),
        who_first=F("actor__first_name"),
        who_last=F("actor__last_name"),
        unit_ref=F("unit_id"),
        unit_name=F("unit__name"),
        unit_code=F("unit__code"),
        app=F("content_type__app_label"),
        model=F("content_type__model"),
        object_ref=Cast("object_id", TextField()),
        label=_text(),
        action_code=F("action"),
        flag=Value(0, output_field=IntegerField()),
        state_from=F("from_state"),
        state_to=F("to_state"),
        note=F("comment"),
    ).values(*COLUMNS)


def _in_subtree(unit: Unit) -> Q:
    """Admin edits of objects under ``unit``: one ``IN`` subquery per scoped model."""
    condition = Q(pk__in=[])
    for model in apps.get_models():
        lookup = getattr(model, "scope_lookup", None)
        if not lookup:
            continue
        ids = (
            within(model._default_manager.all(), [unit.path])
            .annotate(ref_text=Cast("pk", TextField()))
            .values("ref_text")
        )
        condition |= Q(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id__in=ids,
        )
    return condition


def _admin_edits(*, unit, username, start, end) -> QuerySet:
    rows = LogEntry.objects.order_by()
    if unit is not None:
        rows = rows.filter(_in_subtree(unit))
    if username:
        rows = rows.filter(user__username__iexact=username)
    if start:
        rows = rows.filter(action_time__gte=start)
    if end:
        rows = rows.filter(action_time__lt=end)
    return rows.annotate(
        kind=_text(ADMIN),
        ref=F("pk"),
        when=F("action_time"),
        who=F("user__username"),
        who_first=F("user__first_name"),
        who_last=F("user__last_name"),
        unit_ref=Value(None, output_field=IntegerField()),
        unit_name=_text(),
        unit_code=_text(),
        app=F("content_type__app_label"),
        model=F("content_type__model"),
        object_ref=Cast("object_id", TextField()),
        label=F("object_repr"),
        action_code=_text(),
        flag=F("action_flag"),
        state_from=_text(),
        state_to=_text(),
        note=F("change_message"),
    ).values(*COLUMNS)


def _field_edits(*, unit, username, start, end) -> list[QuerySet]:
    """The edits ("~" rows) of every tracked model's field history, one query per model."""
    result = []
    for model in changes.tracked_models():
        if unit is not None and not getattr(model, "scope_lookup", None):
            continue
        rows = changes.history_of(model).filter(history_type="~").order_by()
        if unit is not None:
            rows = rows.filter(
                id__in=within(model._default_manager.all(), [unit.path]).values("pk")
            )
        if username:
            rows = rows.filter(history_user__username__iexact=username)
        if start:
            rows = rows.filter(history_date__gte=start)
        if end:
            rows = rows.filter(history_date__lt=end)
        names = {f.name for f in rows.model._meta.fields}
        label = next((name for name in changes.LABEL_FIELDS if name in names), None)
        # A tracked model may have a field named like a column ("kind"): these take a
        # prefix; a UNION reads its column names from its first query.
        columns = {
            "kind": _text(FIELDS),
            "ref": F("history_id"),
            "when": F("history_date"),
            "who": F("history_user__username"),
            "who_first": F("history_user__first_name"),
            "who_last": F("history_user__last_name"),
            "unit_ref": Value(None, output_field=IntegerField()),
            "unit_name": _text(),
            "unit_code": _text(),
            "app": _text(model._meta.app_label),
            "model": _text(model._meta.model_name),
            "object_ref": Cast("id", TextField()),
            "label": Cast(label, TextField()) if label else _text(),
            "action_code": _text("update"),
            "flag": Value(0, output_field=IntegerField()),
            "state_from": _text(),
            "state_to": _text(),
            "note": _text(),
        }
        prefixed = {f"union_{name}": columns[name] for name in COLUMNS}
        result.append(rows.annotate(**prefixed).values(*prefixed))
    return result


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def log_list(
    *,
    unit: Unit | None = None,
    username: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Every state change, admin edit and field edit matching the filters, newest first
    (dict rows)."""
    bounds = {
        "unit": unit,
        "username": username,
        "start": _day_start(date_from) if date_from else None,
        "end": _day_start(date_to + datetime.timedelta(days=1)) if date_to else None,
    }
    return (
        _state_changes(**bounds)
        .union(_admin_edits(**bounds), *_field_edits(**bounds), all=True)
        .order_by("-when", "-kind", "-ref")
    )


@dataclass
class Line:
    """One row of the log page, ready to render."""

    kind: str
    when: datetime.datetime
    username: str
    actor_name: str
    unit_name: str
    unit_code: str
    object_type: str
    object_ref: str
    object_label: str
    object_url: str
    action: str
    from_state: str
    to_state: str
    note: str
    # Field edits: "Họ và tên: A → B", filled by ``attach_changes``.
    changes: list = field(default_factory=list)
    ref: int = 0
    app: str = ""
    model: str = ""


_FLAGS = {ADDITION: _("Thêm mới"), CHANGE: _("Sửa"), DELETION: _("Xóa")}


def _object_type(app: str, model: str) -> str:
    try:
        return str(apps.get_model(app, model)._meta.verbose_name)
    except LookupError:
        return model or ""


def _admin_url(app: str, model: str, ref: str, flag: int) -> str:
    if not app or flag == DELETION:
        return ""
    try:
        return reverse(f"admin:{app}_{model}_change", args=[ref])
    except NoReverseMatch:
        return ""


def lines(rows) -> list[Line]:
    """Turn the page's dict rows into ``Line``s, without touching the database."""
    result = []
    for row in rows:
        admin_edit = row["kind"] in (ADMIN, FIELDS)
        if row["kind"] == FIELDS:
            note, action = "", str(changes.KINDS["~"])
        elif admin_edit:
            # LogEntry knows how to turn its JSON change message into a sentence.
            note = LogEntry(change_message=row["note"] or "").get_change_message()
            action = str(_FLAGS.get(row["flag"], _FLAGS[CHANGE]))
        else:
            model = f"{row['app']}.{row['model']}"
            note, action = row["note"] or "", audit.action_words(model, row["action_code"] or "")
        full_name = f"{row['who_first'] or ''} {row['who_last'] or ''}".strip()
        result.append(
            Line(
                kind=row["kind"],
                when=row["when"],
                username=row["who"] or "",
                actor_name=full_name or row["who"] or "",
                unit_name=row["unit_name"] or "",
                unit_code=row["unit_code"] or "",
                object_type=_object_type(row["app"], row["model"]),
                object_ref=row["object_ref"] or "",
                object_label=row["label"] or f"#{row['object_ref']}",
                object_url=_admin_url(row["app"], row["model"], row["object_ref"], row["flag"]),
                action=action,
                from_state="" if admin_edit else audit.state_words(model, row["state_from"] or ""),
                to_state="" if admin_edit else audit.state_words(model, row["state_to"] or ""),
                note=note,
                ref=row["ref"],
                app=row["app"] or "",
                model=row["model"] or "",
            )
        )
    return result


def attach_changes(page_lines: list[Line]) -> list[Line]:
    """Give the field edits of a page their "before → after" lines: per tracked model on the
    page, one query for its rows (each with the id of the object's previous row) and one for
    those previous rows, then one per model a changed foreign key names."""
    wanted = {}
    for line in page_lines:
        if line.kind == FIELDS:
            wanted.setdefault((line.app, line.model), []).append(line.ref)
    if not wanted:
        return page_lines
    records, previous = [], {}
    for (app, model_name), refs in wanted.items():
        model = apps.get_model(app, model_name)
        history = changes.history_of(model)
        before = (
            history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        rows = list(
            history.filter(history_id__in=refs)
            .annotate(previous_ref=Subquery(before))
            .select_related("history_user")
        )
        older = history.in_bulk([r.previous_ref for r in rows if r.previous_ref])
        records.extend(rows)
        for row in rows:
            if row.previous_ref in older:
                previous[(model, row.history_id)] = older[row.previous_ref]
    found = {(r.model, r.history_id): r for r in changes.revisions(records, previous)}
    for line in page_lines:
        if line.kind == FIELDS:
            revision = found.get((f"{line.app}.{line.model}", line.ref))
            if revision is not None:
                line.changes = [str(change) for change in revision.changes]
                if revision.first_known:
                    line.note = str(FIRST_KNOWN)
    return page_lines


FIRST_KNOWN = _("Giá trị trước lần sửa này chưa được ghi lại (dữ liệu nhập hàng loạt).")
