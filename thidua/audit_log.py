"""The admins' audit log: workflow state changes and admin-site edits, in one timeline.

Both sources are read by one SQL ``UNION`` that already carries every column the page shows
(actor, unit, object type), so a page costs the same few queries whatever its rows are.
Admin edits have no unit of their own; under a unit filter they count when the edited
object lies in the unit's subtree (by the model's ``scope_lookup``).
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import CharField, F, IntegerField, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit
from thidua.core.models import AuditEntry
from units.access import under, within
from units.models import Unit

STATE = "state"
ADMIN = "admin"

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


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def log_list(
    *,
    unit: Unit | None = None,
    username: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Every state change and admin edit matching the filters, newest first (dict rows)."""
    bounds = {
        "unit": unit,
        "username": username,
        "start": _day_start(date_from) if date_from else None,
        "end": _day_start(date_to + datetime.timedelta(days=1)) if date_to else None,
    }
    return (
        _state_changes(**bounds)
        .union(_admin_edits(**bounds), all=True)
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
        admin_edit = row["kind"] == ADMIN
        if admin_edit:
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
            )
        )
    return result
