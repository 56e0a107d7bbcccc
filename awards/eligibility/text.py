"""Formatting shared by the checks: dates, counts, percentages, decision references."""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.translation import gettext

from thidua.core.text import two_digits

_memo: ContextVar[dict | None] = ContextVar("eligibility_translations", default=None)


@contextmanager
def translating():
    """Memoise translations while evaluating: the same dozen sentences are translated for
    each of thousands of subjects, and Django's gettext costs microseconds per call."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _(message) -> str:
    """``gettext`` for a string, ``str()`` for a lazy label, memoised inside ``translating``."""
    memo = _memo.get()
    if isinstance(message, str):
        if memo is None:
            return gettext(message)
        if message not in memo:
            memo[message] = gettext(message)
        return memo[message]
    if memo is None:
        return str(message)
    # Lazy labels are module-level constants; the entry keeps the object so its id is stable.
    entry = memo.get(id(message))
    if entry is None or entry[0] is not message:
        entry = memo[id(message)] = (message, str(message))
    return entry[1]


@lru_cache(maxsize=4096)
def day(value: datetime.date) -> str:
    return f"{value:%d/%m/%Y}"


def count(n: int) -> str:
    """Counts in requirements and findings read like the reports: 01, 02, 12."""
    return two_digits(n)


def percent(value) -> str:
    """25 -> "25 %", 12.5 -> "12,5 %" (Vietnamese decimal comma)."""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"


def decision(number: str, signed_on: datetime.date | None) -> str:
    """E.g. "QĐ 12/QĐ-CTHADS, 15/01/2025"; a record without a number shows its date only."""
    if number and signed_on:
        return _("QĐ %(number)s, %(day)s") % {"number": number, "day": day(signed_on)}
    if number:
        return _("QĐ %(number)s") % {"number": number}
    return _("ngày %(day)s") % {"day": day(signed_on)} if signed_on else ""


def years(values) -> str:
    """Sorted distinct years, runs collapsed: [2021, 2022, 2023, 2025] -> "2021–2023, 2025"."""
    ordered = sorted(set(values))
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def span(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"
