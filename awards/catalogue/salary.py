"""The mức lương cơ sở in force on a day, which cash rewards multiply (Decree 152/2025 and the
decrees before it state reward amounts as multiples of it).

The amounts since 2010 are seeded with the decree that set each; they were entered from
memory of the published decrees and are marked unverified until the TĐKT office checks
them. ``THIDUA_BASE_SALARY``, when set, overrides the table (one amount for every date).
"""

import datetime
from decimal import Decimal

from django.conf import settings

from awards.catalogue.models import BaseSalary

# (áp dụng từ, đồng, căn cứ)
BASE_SALARIES = (
    (datetime.date(2010, 5, 1), 730_000, "Nghị định 28/2010/NĐ-CP"),
    (datetime.date(2011, 5, 1), 830_000, "Nghị định 22/2011/NĐ-CP"),
    (datetime.date(2012, 5, 1), 1_050_000, "Nghị định 31/2012/NĐ-CP"),
    (datetime.date(2013, 7, 1), 1_150_000, "Nghị định 66/2013/NĐ-CP"),
    (datetime.date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP"),
    (datetime.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


def seed_base_salaries() -> int:
    """Add the seeded amounts not yet in the table (an admin's edits are kept); return how
    many were added."""
    known = set(BaseSalary.objects.values_list("effective_from", flat=True))
    missing = [
        BaseSalary(effective_from=day, amount=amount, legal_basis=basis, unverified=True)
        for day, amount, basis in BASE_SALARIES
        if day not in known
    ]
    BaseSalary.objects.bulk_create(missing)
    return len(missing)


def base_salary_on(day: datetime.date) -> Decimal | None:
    """The amount in force on ``day``: the override setting, else the table (one query);
    ``None`` before the first amount the table knows."""
    override = getattr(settings, "THIDUA_BASE_SALARY", None)
    if override:
        return Decimal(override)
    found = (
        BaseSalary.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .values_list("amount", flat=True)
        .first()
    )
    return Decimal(found) if found is not None else None
