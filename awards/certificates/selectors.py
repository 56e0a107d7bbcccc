"""Read side of certificates: a decision's recipients with their register lines, the register.

Each function costs a fixed number of queries, whatever the number of recipients.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from awards.certificates.models import Certificate, CertificatePrint
from awards.certificates.services import refusal, templates_for
from awards.models import Conferment, Decision
from units.access import restrict
from units.models import Assignment


def decision_for_user(*, user, pk) -> Decision:
    """A decision the user may see (by its issuing or handling unit); anything else is 404."""
    rows = restrict(Decision.objects.all(), user)
    try:
        return rows.select_related("authority", "issuing_unit", "handling_unit").get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class Line:
    conferment: Conferment
    certificate: Certificate | None
    refusal: str  # why it cannot be printed, "" when it can

    @property
    def prints(self) -> list[CertificatePrint]:
        return list(self.certificate.prints.all()) if self.certificate else []


def decision_lines(decision: Decision, ids: list[int] | None = None) -> list[Line]:
    """The decision's conferments (optionally only ``ids``) with register line and refusal."""
    rows = (
        Conferment.objects.filter(decision=decision)
        .select_related("award__authority", "person", "unit", "revoked_by")
        .order_by("award__order", "person__search_key", "unit__name", "pk")
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    conferments = list(rows)
    _fill_positions(conferments, decision)
    certificates = {
        c.conferment_id: c
        for c in Certificate.objects.filter(
            conferment__in=[c.pk for c in conferments]
        ).prefetch_related(
            Prefetch("prints", CertificatePrint.objects.select_related("printed_by"))
        )
    }
    return [Line(c, certificates.get(c.pk), refusal(c, decision)) for c in conferments]


def _fill_positions(conferments: list[Conferment], decision: Decision) -> None:
    """Imported history may lack the position: take the post held on the decision's date."""
    missing = {c.person_id: c for c in conferments if c.person_id and not c.position}
    if not missing:
        return
    day = decision.signed_on
    held = Assignment.objects.filter(person_id__in=missing, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )
    for assignment in held.order_by("start"):
        conferment = missing[assignment.person_id]
        conferment.position = assignment.position


def templates_of(lines: list[Line]) -> dict:
    return templates_for({line.conferment.award for line in lines})


def register(*, user, authority_id=None, issuing_unit_id=None, year=None) -> QuerySet:
    """The certificate register as the user may see it, newest year first."""
    rows = Certificate.objects.filter(
        conferment__decision__in=restrict(Decision.objects.all(), user).values("pk")
    )
    if authority_id:
        rows = rows.filter(authority_id=authority_id)
    if issuing_unit_id:
        rows = rows.filter(issuing_unit_id=issuing_unit_id)
    if year:
        rows = rows.filter(year=year)
    return rows.select_related(
        "authority",
        "issuing_unit",
        "conferment__award",
        "conferment__person",
        "conferment__unit",
        "conferment__decision",
        "created_by",
    ).order_by("-year", "authority__order", "issuing_unit__name", "number")
