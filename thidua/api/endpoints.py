"""The API's operations: each reads through the same scoping as the screens.

Lists go through ``units.access.restrict`` with the token's user; one object is fetched
through ``get_visible_or_404`` (outside the user's scope it is 404, as on the screens). A
filter value that is not a number is refused with 400 and a message; an id outside the scope
(a unit to filter by) is 404.
"""

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from awards import selectors as award_selectors
from awards.catalogue.models import Award
from awards.eligibility import evaluate_one
from awards.models import Conferment, Decision
from thidua.api.schemas import (
    AwardOut,
    CadreRecordOut,
    ConfermentOut,
    DecisionDetailOut,
    DecisionOut,
    Error,
    PersonOut,
    UnitOut,
    UnsyncedDecisionOut,
    VerdictOut,
)
from thidua.core.ids import parse_id, parse_int
from units.access import get_visible_or_404, restrict, under
from units.models import Person, Unit

router = Router()

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
NOT_FOUND = {404: Error}


class Page(PageNumberPagination):
    """``?page=`` (from 1) and ``?page_size=`` (at most 500); answers ``items`` and ``count``."""

    def __init__(self, **kwargs):
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


def _number(raw: str | None, name: str, *, year: bool = False) -> int | None:
    """A filter's value: None when absent, 400 when it is not a number."""
    if raw in (None, ""):
        return None
    value = parse_int(raw, minimum=1000, maximum=9999) if year else parse_id(raw)
    if value is None:
        raise HttpError(
            400, _("Tham số %(name)s không hợp lệ: %(value)s") % {"name": name, "value": raw[:50]}
        )
    return value


def _visible(queryset: QuerySet, request, raw) -> object:
    """An object from a path's id, through the user's scope (404 outside it)."""
    return get_visible_or_404(queryset, request.user, pk=parse_id(raw))


def _unit_filter(request, raw) -> Unit | None:
    pk = _number(raw, "unit")
    return None if pk is None else get_visible_or_404(Unit.objects.all(), request.user, pk=pk)


# --- Units and people --------------------------------------------------------------------


@router.get("/units", response=list[UnitOut], tags=["units"])
@paginate(Page)
def units(request, on: datetime.date | None = None, parent: str | None = None):
    """Units the user sees, as a dated tree (``parent_id``); ``on``: those valid that day;
    ``parent``: the children of one unit."""
    rows = restrict(Unit.objects.all(), request.user)
    if on is not None:
        rows = rows.valid_on(on)
    parent_pk = _number(parent, "parent")
    if parent_pk is not None:
        rows = rows.filter(parent_id=parent_pk)
    return rows.order_by("path", "pk")


@router.get("/units/{pk}", response={200: UnitOut, **NOT_FOUND}, tags=["units"])
def unit(request, pk: str):
    return _visible(Unit.objects.all(), request, pk)


@router.get("/people", response=list[PersonOut], tags=["people"])
@paginate(Page)
def people(request, unit: str | None = None):
    """People the user sees; ``unit``: those of a unit and the units under it."""
    rows = restrict(Person.objects.all(), request.user)
    within = _unit_filter(request, unit)
    if within is not None:
        rows = rows.filter(under([within.path], "unit__path"))
    return rows.order_by("search_key", "pk")


@router.get("/people/{pk}", response={200: PersonOut, **NOT_FOUND}, tags=["people"])
def person(request, pk: str):
    return _visible(Person.objects.all(), request, pk)


# --- The award catalogue ---------------------------------------------------------------------


@router.get("/awards", response=list[AwardOut], tags=["catalogue"])
@paginate(Page)
def awards(request, active: bool | None = None):
    """The award catalogue (the same for everyone, as on the screen)."""
    rows = Award.objects.select_related("authority").order_by("authority__order", "order", "pk")
    return rows if active is None else rows.filter(is_active=active)


@router.get("/awards/{pk}", response={200: AwardOut, **NOT_FOUND}, tags=["catalogue"])
def award(request, pk: str):
    return get_object_or_404(Award.objects.select_related("authority"), pk=parse_id(pk))


# --- Decisions and conferments -------------------------------------------------------------


CONFERMENT_RELATED = ("decision", "award", "person", "unit")


@router.get("/decisions", response=list[DecisionOut], tags=["decisions"])
@paginate(Page)
def decisions(
    request,
    year: str | None = None,
    unit: str | None = None,
    award: str | None = None,
    status: Decision.Status | None = None,
):
    """Decisions the user sees (as the decision list); ``year``: year of issue; ``unit``:
    issued or handled by the unit or a unit under it; ``award``: conferring that award."""
    rows = restrict(Decision.objects.all(), request.user).select_related(
        "authority", "issuing_unit"
    )
    year_value = _number(year, "year", year=True)
    if year_value:
        rows = rows.filter(year=year_value)
    if status:
        rows = rows.filter(status=status)
    within = _unit_filter(request, unit)
    if within is not None:
        rows = rows.filter(under([within.path], "issuing_unit__path", "handling_unit__path"))
    award_pk = _number(award, "award")
    if award_pk is not None:
        rows = rows.filter(
            pk__in=Conferment.objects.filter(award_id=award_pk).values("decision_id")
        )
    return rows.order_by("-signed_on", "-pk")


@router.get("/decisions/{pk}", response={200: DecisionDetailOut, **NOT_FOUND}, tags=["decisions"])
def decision(request, pk: str):
    """A decision with all its conferments, as on its page."""
    detail = award_selectors.decision_detail(user=request.user, pk=parse_id(pk))
    detail.decision.conferment_rows = detail.conferments
    return detail.decision


@router.get("/conferments", response=list[ConfermentOut], tags=["decisions"])
@paginate(Page)
def conferments(
    request,
    year: str | None = None,
    unit: str | None = None,
    award: str | None = None,
    person: str | None = None,
    decision: str | None = None,
):
    """Award records the user sees; ``year``: year of the achievement; ``unit``: of the unit
    or a unit under it (the collective, or the person's unit when awarded)."""
    rows = restrict(Conferment.objects.all(), request.user).select_related(*CONFERMENT_RELATED)
    year_value = _number(year, "year", year=True)
    if year_value:
        rows = rows.filter(year=year_value)
    within = _unit_filter(request, unit)
    if within is not None:
        rows = rows.filter(under([within.path], "unit__path"))
    for name, raw in (("award", award), ("person", person), ("decision", decision)):
        pk = _number(raw, name)
        if pk is not None:
            rows = rows.filter(**{f"{name}_id": pk})
    return rows.order_by("-year", "-decision__signed_on", "pk")


# --- Award histories ------------------------------------------------------------------------


HISTORY_ORDER = ("-year", "-decision__signed_on", "award__order", "pk")


@router.get("/people/{pk}/history", response=list[ConfermentOut], tags=["history"])
@paginate(Page)
def person_history(request, pk: str, year: str | None = None):
    """Everything a person was awarded, revoked awards included (``void``), as on the
    person's award history page."""
    subject = _visible(Person.objects.all(), request, pk)
    rows = subject.conferments.select_related(*CONFERMENT_RELATED).order_by(*HISTORY_ORDER)
    year_value = _number(year, "year", year=True)
    return rows.filter(year=year_value) if year_value else rows


@router.get("/units/{pk}/history", response=list[ConfermentOut], tags=["history"])
@paginate(Page)
def unit_history(request, pk: str, subunits: bool = False, year: str | None = None):
    """A unit's awards: its own (collective) and its people's while they worked there, as
    on the unit's award history page; ``subunits``: the units under it too."""
    subject = _visible(Unit.objects.all(), request, pk)
    history = award_selectors.unit_award_history(unit=subject, include_subunits=subunits)
    rows = (history.collective | history.individual).prefetch_related(None)
    year_value = _number(year, "year", year=True)
    if year_value:
        rows = rows.filter(year=year_value)
    return rows.select_related(*CONFERMENT_RELATED).order_by(*HISTORY_ORDER)


# --- Eligibility ----------------------------------------------------------------------------


@router.get(
    "/eligibility", response={200: VerdictOut, 400: Error, **NOT_FOUND}, tags=["eligibility"]
)
def eligibility(
    request,
    award: str,
    year: str,
    person: str | None = None,
    unit: str | None = None,
    on: datetime.date | None = None,
):
    """May this person (or, for a collective award, this unit) be proposed for this award
    in this year? The same engine, verdict and reasons as the proposal page.
    ``on``: the reference date (default 31/12 of the year)."""
    chosen = get_object_or_404(Award.objects.select_related("authority"), pk=parse_id(award))
    year_value = _number(year, "year", year=True)
    if year_value is None:
        raise HttpError(400, _("Cần tham số year (năm xét)."))
    if chosen.subject == Award.Subject.HOUSEHOLD:
        raise HttpError(400, _("Hình thức khen hộ gia đình không xét điều kiện từ hồ sơ."))
    if chosen.is_collective:
        if unit is None:
            raise HttpError(400, _("Hình thức khen tập thể: cần tham số unit."))
        subject = _visible(Unit.objects.all(), request, unit)
    else:
        if person is None:
            raise HttpError(400, _("Hình thức khen cá nhân: cần tham số person."))
        subject = _visible(Person.objects.all(), request, person)
    return evaluate_one(award=chosen, subject=subject, year=year_value, on=on)


# --- The national database of cadres (Decree 27/2026/NĐ-CP) -------------------------------


@router.get("/exports/cadre-database", response=list[CadreRecordOut], tags=["national database"])
@paginate(Page)
def cadre_database(request, year: str):
    """A year's awards to people (decisions issued that year, live awards only) in the shape
    the national database of cadres takes, with each decision's "synchronised on" date."""
    year_value = _number(year, "year", year=True)
    if year_value is None:
        raise HttpError(400, _("Cần tham số year (năm ban hành quyết định)."))
    return award_selectors.cadre_database_rows(user=request.user, year=year_value)


@router.get(
    "/exports/unsynchronised", response=list[UnsyncedDecisionOut], tags=["national database"]
)
@paginate(Page)
def unsynchronised(request):
    """Issued decisions awarding people, not synchronised with the national database more
    than 3 working days (Monday–Friday; public holidays not counted) after signing."""
    return award_selectors.decisions_not_synchronised(user=request.user, today=timezone.localdate())
