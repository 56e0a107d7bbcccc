"""The public list's rows: live awards of issued, published decisions, cached.

What may be shown is decided by one queryset (``public_conferments``). A page of it is
cached under a *generation* read from the database on every request: the newest audit entry
of any decision (issuing, revoking, amending, publishing are all audited) and the newest
field-history row of any decision or award record (an edit in the admin). Whatever can take
an award off the list changes the generation, so a cached page never outlives it; services
that take awards off also call ``forget`` once committed (with a shared cache, a revocation
committed after a later change cannot hide behind it). Names edited elsewhere show after
``THIDUA_PUBLIC_LIST_CACHE_SECONDS`` at most.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet, Subquery
from django.utils.translation import get_language

from awards.models import Conferment, Decision
from thidua.core.models import AuditEntry
from thidua.core.text import search_key

PAGE_SIZE = 50


@dataclass(frozen=True)
class PublicRow:
    """One line of the public list: all it says about a recipient."""

    name: str
    unit: str
    collective: bool
    award: str
    number: str
    signed_on: object  # datetime.date


def public_conferments(search: str = "") -> QuerySet:
    """Awards the public may see: not withdrawn, of a decision issued and published, newest
    decision first. ``search`` matches a person's or collective's name without diacritics."""
    rows = Conferment.objects.filter(
        revoked=False, decision__status=Decision.Status.ISSUED, decision__published=True
    )
    key = search_key(search)
    if key:
        rows = rows.filter(
            Q(person__search_key__contains=key)
            | Q(person__isnull=True, unit__search_key__contains=key)
        )
    return rows.order_by(
        "-decision__signed_on",
        "decision__number",
        "decision_id",
        "award__order",
        F("person__search_key").asc(nulls_last=True),
        "unit__search_key",
        "pk",
    )


def _rows(queryset: QuerySet) -> list[PublicRow]:
    fields = (
        "person__full_name",
        "unit__name",
        "award__name",
        "decision__number",
        "decision__signed_on",
    )
    return [
        PublicRow(
            name=person or unit,
            unit="" if person is None else unit,
            collective=person is None,
            award=award,
            number=number,
            signed_on=signed_on,
        )
        for person, unit, award, number, signed_on in queryset.values_list(*fields)
    ]


def generation() -> str:
    """Changes with anything that may take an award off the list (see the module's doc).
    One query: the newest row of each source, read beside the decisions' content type."""
    decisions = ContentType.objects.get_for_model(Decision)
    newest = {
        "audit": AuditEntry.objects.filter(content_type=decisions).order_by("-pk").values("pk"),
        "decision": Decision.history.order_by("-history_id").values("history_id"),
        "conferment": Conferment.history.order_by("-history_id").values("history_id"),
    }
    values = (
        ContentType.objects.filter(pk=decisions.pk)
        .annotate(**{name: Subquery(rows[:1]) for name, rows in newest.items()})
        .values_list(*newest)
        .get()
    )
    return ".".join(str(value or 0) for value in values)


VERSION_KEY = "public-awards:version"


def forget() -> None:
    """Drop every cached page at once (after a change is committed): closes the moment
    between two transactions that the generation alone could miss."""
    cache.add(VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between add and incr
        cache.set(VERSION_KEY, 1, timeout=None)


def _key(*parts) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"public-awards:{digest}"


def public_page(*, search: str = "", page=None) -> Page:
    """A page of the public list (``page`` as the request gave it), each ``PublicRow``."""
    timeout = settings.THIDUA_PUBLIC_LIST_CACHE_SECONDS
    base = (cache.get(VERSION_KEY, 0), generation(), search_key(search))
    count = cache.get_or_set(
        _key(*base, "count"), lambda: public_conferments(search).count(), timeout
    )
    found = Paginator(range(count), PAGE_SIZE).get_page(page)
    start = (found.number - 1) * PAGE_SIZE
    rows = cache.get_or_set(
        _key(*base, found.number, get_language()),
        lambda: _rows(public_conferments(search)[start : start + PAGE_SIZE]),
        timeout,
    )
    found.object_list = rows
    return found
