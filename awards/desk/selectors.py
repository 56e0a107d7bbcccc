"""What lies on the receiving desk: proposals waiting for appraisal at the TĐKT office's
units, who holds each and since when; the office's specialists."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

from awards.models import Proposal
from units.access import restrict
from units.models import Unit, UnitRole

ADMIN = UnitRole.Role.ADMIN
# Only arrived proposals wait on the desk: once appraised or returned they leave it.
ON_THE_DESK = (Proposal.Status.FORWARDED,)
UNASSIGNED = "none"


def _office_roles() -> QuerySet:
    return UnitRole.objects.filter(role=ADMIN, user__is_active=True)


def office_units() -> QuerySet:
    """The bodies whose TĐKT office is here: where somebody holds the admin role, and the
    body above (a Vụ Thi đua – Khen thưởng is the office of its Bộ)."""
    roles = _office_roles()
    return Unit.objects.filter(
        Q(pk__in=roles.values("unit")) | Q(pk__in=roles.values("unit__parent"))
    )


def specialists(*, unit: Unit | None = None) -> QuerySet:
    """Active users holding the admin role, by name; with ``unit``, those of its office (the
    role held on ``unit`` itself or on one of its departments, its direct sub-units)."""
    roles = _office_roles()
    if unit is not None:
        roles = roles.filter(Q(unit=unit) | Q(unit__parent=unit))
    return (
        get_user_model()
        .objects.filter(pk__in=roles.values("user"))
        .order_by("first_name", "last_name", "username")
    )


def held_since():
    """When the present holder took it up: the assignment, or its arrival when it came back
    after being returned (the same holder keeps it); for an unassigned one, its arrival."""
    return Case(
        When(assigned_at__gt=F("forwarded_at"), then=F("assigned_at")),
        default=F("forwarded_at"),
    )


def desk_list(*, user, holder: int | str | None = None) -> QuerySet:
    """The proposals on the desk that ``user`` sees: unassigned first, then the longest
    held, with ``held_since`` and ``nominee_count``. ``holder`` keeps one specialist's (an
    id) or the unassigned ones (``UNASSIGNED``)."""
    rows = (
        restrict(Proposal.objects.all(), user)
        .filter(status__in=ON_THE_DESK, authority_unit__in=office_units())
        .select_related("proposing_unit", "authority", "authority_unit", "assignee")
    )
    if holder == UNASSIGNED:
        rows = rows.filter(assignee__isnull=True)
    elif holder is not None:
        rows = rows.filter(assignee_id=holder)
    return rows.annotate(
        held_since=held_since(),
        unassigned_first=Case(
            When(assignee__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        nominee_count=Count("nominees"),
    ).order_by("unassigned_first", "held_since", "pk")


def held_by(user) -> QuerySet:
    """The proposals on the desk ``user`` holds (their to-do)."""
    return restrict(Proposal.objects.all(), user).filter(status__in=ON_THE_DESK, assignee=user)
