"""Read-side queries of campaigns, registrations and pledges, scoped to the user.

Campaigns are scoped by ``Campaign.objects.visible_to`` (their scope is a set of subtrees
and groupings, not one unit); everything else goes through ``units.access.restrict``.
Lists run a fixed number of queries whatever their length.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from awards.catalogue.models import Award
from campaigns.models import Campaign, Pledge, Registration
from campaigns.scope import scope_units
from campaigns.workflow import REGISTRATION_ACTIONS, REGISTRATION_WORKFLOW
from thidua.core import audit
from thidua.core.models import AuditEntry
from thidua.core.text import search_key
from units.access import get_visible_or_404, has_role, restrict, under, user_roles
from units.models import ClusterMembership, Person, Unit, UnitRole
from units.selectors import units_in_year, worked_in

SENT = Registration.SENT_STATES
UNSENT = Registration.EDITABLE_STATES

# --- Campaigns -----------------------------------------------------------------------------


def campaign_list(*, user, status: str = "", kind: str = "", query: str = "") -> QuerySet:
    queryset = restrict(Campaign.objects.all(), user).select_related("launched_by")
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if key := search_key(query):
        queryset = queryset.filter(search_key__contains=key)
    return queryset.order_by("-start_date", "name", "pk")


def campaign_get(*, user, pk) -> Campaign:
    """A campaign the user may see, with what its pages show; anything else is a 404."""
    queryset = (
        restrict(Campaign.objects.all(), user)
        .select_related("launched_by")
        .prefetch_related("scope_units", "scope_clusters")
    )
    try:
        return queryset.get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def campaign_catalogue(campaign: Campaign) -> dict[str, list[Award]]:
    """The campaign's awards, collective and individual apart, in catalogue order."""
    awards = list(campaign.awards.select_related("authority"))
    return {
        "collective": [a for a in awards if a.subject == Award.Subject.COLLECTIVE],
        "individual": [a for a in awards if a.subject == Award.Subject.INDIVIDUAL],
    }


def campaign_detail(*, user, campaign: Campaign, year: int) -> dict:
    clusters = campaign.scope_clusters.annotate(
        members=Count("memberships", filter=Q(memberships__year=year))
    )
    return {
        "phases": list(campaign.phases.all()),
        "targets": list(campaign.targets.all()),
        "catalogue": campaign_catalogue(campaign),
        "scope_clusters": list(clusters),
        "my_units": registrable_units(user=user, campaign=campaign, year=year),
    }


def registrable_units(*, user, campaign: Campaign, year: int) -> list[Unit]:
    """The user's own units (staff or leader role) that are in the campaign's scope."""
    own = {
        unit.pk
        for unit, role in user_roles(user)
        if role in (UnitRole.Role.STAFF, UnitRole.Role.LEADER)
    }
    if not own:
        return []
    return list(scope_units(campaign, year).filter(pk__in=own).order_by("path"))


def campaign_unit_rows(*, user, campaign: Campaign, year: int, unit: Unit | None = None):
    """Units in scope the user may see, each with its counts of registration lines."""
    units = restrict(scope_units(campaign, year), user)
    if unit is not None:
        units = units.filter(under([unit.path]))
    lines = Q(campaign_registrations__campaign=campaign, campaign_registrations__year=year)
    sent = lines & Q(campaign_registrations__status__in=SENT)
    return units.annotate(
        collective_sent=Count(
            "campaign_registrations", filter=sent & Q(campaign_registrations__person__isnull=True)
        ),
        people_sent=Count(
            "campaign_registrations", filter=sent & Q(campaign_registrations__person__isnull=False)
        ),
        accepted=Count(
            "campaign_registrations",
            filter=lines & Q(campaign_registrations__status=Registration.Status.ACCEPTED),
        ),
        unsent=Count(
            "campaign_registrations",
            filter=lines & Q(campaign_registrations__status__in=UNSENT),
        ),
    ).order_by("path")


# --- Summary -------------------------------------------------------------------------------


@dataclass
class SummaryLine:
    award: Award
    units: int = 0
    people: int = 0
    accepted: int = 0
    unsent: int = 0

    @property
    def is_collective(self) -> bool:
        return self.award.subject == Award.Subject.COLLECTIVE


@dataclass
class Summary:
    """What was registered (sent: submitted or accepted), against the units in scope."""

    total_units: int
    lines: list[SummaryLine] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        parts = []
        for line in self.lines:
            if line.is_collective and line.units:
                parts.append(
                    _("%(n)s/%(total)s đơn vị đăng ký %(award)s")
                    % {"n": line.units, "total": self.total_units, "award": line.award.name}
                )
            elif not line.is_collective and line.people:
                parts.append(
                    _("%(n)s cá nhân đăng ký %(award)s")
                    % {"n": line.people, "award": line.award.name}
                )
        return "; ".join(parts) if parts else _("Chưa có đăng ký nào được gửi")


def campaign_summary(*, user, campaign: Campaign, year: int, unit: Unit | None = None) -> Summary:
    """Counts by award in SQL; collective lines first, then higher awards first."""
    units = restrict(scope_units(campaign, year), user)
    if unit is not None:
        units = units.filter(under([unit.path]))
    counts = (
        Registration.objects.filter(campaign=campaign, year=year, unit__in=units.values("pk"))
        .values("award")
        .annotate(
            units=Count("unit", distinct=True, filter=Q(person__isnull=True, status__in=SENT)),
            people=Count("pk", filter=Q(person__isnull=False, status__in=SENT)),
            accepted=Count("pk", filter=Q(status=Registration.Status.ACCEPTED)),
            unsent=Count("pk", filter=Q(status__in=UNSENT)),
        )
        .order_by()
    )
    by_award = {row.pop("award"): row for row in counts}
    awards = Award.objects.filter(pk__in=by_award).select_related("authority")
    lines = [SummaryLine(award=award, **by_award[award.pk]) for award in awards]
    lines.sort(key=lambda ln: (not ln.is_collective, ln.award.authority.order, -ln.award.order))
    return Summary(total_units=units.count(), lines=lines)


# --- Registrations -------------------------------------------------------------------------


def _last_comment():
    """The latest reviewer's comment of each registration, from the audit log."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=OuterRef("pk"),
    ).exclude(comment="")
    return Subquery(entries.order_by("-at", "-pk").values("comment")[:1])


def registration_list(
    *,
    user,
    campaign: Campaign,
    year: int | None = None,
    unit: Unit | None = None,
    status: str | None = None,
    subtree: bool = True,
    award: Award | None = None,
) -> QuerySet:
    """Registration lines the user may see, unit lines before people, with the last comment."""
    queryset = restrict(
        Registration.objects.filter(campaign=campaign).select_related("award", "unit", "person"),
        user,
    )
    if year:
        queryset = queryset.filter(year=year)
    if unit is not None:
        if subtree:
            queryset = queryset.filter(under([unit.path], "unit__path"))
        else:
            queryset = queryset.filter(unit=unit)
    if status:
        queryset = queryset.filter(status=status)
    if award is not None:
        queryset = queryset.filter(award=award)
    return queryset.annotate(last_comment=_last_comment()).order_by(
        "unit__path", F("person__search_key").asc(nulls_first=True), "award__order", "pk"
    )


def registration_counts(
    *, user, campaign: Campaign, year: int, unit: Unit | None = None
) -> dict[str, int]:
    """The number of lines the user sees in each state (and ``""``: all), as the review
    page's tabs show them; one query."""
    queryset = restrict(Registration.objects.filter(campaign=campaign, year=year), user)
    if unit is not None:
        queryset = queryset.filter(under([unit.path], "unit__path"))
    counts = dict.fromkeys(Registration.Status.values, 0)
    counts.update(queryset.values_list("status").annotate(n=Count("pk")).order_by())
    counts[""] = sum(counts.values())
    return counts


def registration_get(*, user, pk) -> Registration:
    return get_visible_or_404(
        Registration.objects.select_related(
            "campaign", "campaign__launched_by", "award", "unit", "person", "created_by"
        ),
        user,
        pk=pk,
    )


def registration_history(registration: Registration) -> list[AuditEntry]:
    """Audit entries, oldest first, with the words to show for the action and states."""
    entries = list(audit.history(registration))
    states = REGISTRATION_WORKFLOW.state_labels
    for entry in entries:
        entry.action_label = REGISTRATION_ACTIONS.get(entry.action, entry.action)
        entry.from_label = states.get(entry.from_state, entry.from_state)
        entry.to_label = states.get(entry.to_state, entry.to_state)
    return entries


def unit_people(*, campaign: Campaign, unit: Unit, year: int) -> list[Person]:
    """People of the unit (not its subunits) as they were in ``year`` (their assignments),
    each with ``lines``: their lines that year."""
    lines = (
        Registration.objects.filter(campaign=campaign, year=year)
        .select_related("award")
        .order_by("award__order", "pk")
    )
    people = list(
        Person.objects.filter(worked_in(unit, year))
        .order_by("search_key", "pk")
        .prefetch_related(Prefetch("campaign_registrations", queryset=lines, to_attr="lines"))
    )
    there = units_in_year([p.pk for p in people], year)
    return [p for p in people if there.get(p.pk) == unit.pk]


# --- Pledges -------------------------------------------------------------------------------


def pledge_list(*, user, year: int | None = None) -> QuerySet:
    members = (
        ClusterMembership.objects.filter(cluster=OuterRef("cluster"), year=OuterRef("year"))
        .order_by()
        .values("cluster")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = restrict(Pledge.objects.select_related("cluster", "campaign"), user).annotate(
        signed=Count("signatures", distinct=True),
        members=Coalesce(Subquery(members, output_field=IntegerField()), 0),
    )
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "cluster__name", "pk")


def pledge_get(*, user, pk) -> Pledge:
    return get_visible_or_404(Pledge.objects.select_related("cluster", "campaign"), user, pk=pk)


@dataclass
class MemberRow:
    membership: ClusterMembership
    signature: object = None
    can_sign: bool = False


def pledge_detail(*, user, pledge: Pledge) -> dict:
    """The year's members with their signature (or none), and whom the user may sign for."""
    signatures = {s.unit_id: s for s in pledge.signatures.select_related("signed_by")}
    memberships = ClusterMembership.objects.filter(
        cluster=pledge.cluster_id, year=pledge.year
    ).select_related("unit")
    order = {"leader": 0, "deputy": 1, "member": 2}
    rows = sorted(
        (
            MemberRow(
                membership=m,
                signature=signatures.get(m.unit_id),
                can_sign=m.unit_id not in signatures
                and has_role(user, m.unit, UnitRole.Role.LEADER),
            )
            for m in memberships
        ),
        key=lambda r: (order.get(r.membership.role, 3), r.membership.unit.name),
    )
    return {
        "rows": rows,
        "unsigned": [r.membership.unit for r in rows if r.signature is None],
        "signable": [r.membership.unit for r in rows if r.can_sign],
        "signed_count": sum(1 for r in rows if r.signature is not None),
    }
