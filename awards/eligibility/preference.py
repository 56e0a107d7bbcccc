"""Tie-breaks for ranking (not eligibility): when otherwise equal, prefer women, or
collectives with a high share of women (Law 06/2022/QH15; the threshold is the caller's)."""

from decimal import Decimal

from django.db.models import Count, Q

from units.models import Person


def female_share(*, units) -> dict[int, Decimal | None]:
    """Share of women (0–100) among each unit's current people, in one query."""
    ids = [getattr(u, "pk", u) for u in units]
    shares: dict[int, Decimal | None] = dict.fromkeys(ids)
    rows = (
        Person.objects.filter(unit_id__in=ids)
        .order_by()
        .values("unit_id")
        .annotate(total=Count("pk"), women=Count("pk", filter=Q(gender=Person.Gender.FEMALE)))
        .values_list("unit_id", "total", "women")
    )
    for pk, total, women in rows:
        shares[pk] = Decimal(women) * 100 / total
    return shares
