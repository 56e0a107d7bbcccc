"""Explained eligibility: may this person (or collective) be proposed for this award?

The engine is read-only. For one award and year it loads the rule version in force on the
reference date, then the histories of all subjects in a fixed number of queries, and
returns a ``Verdict`` per subject: an overall status and the list of checks, each with a
Vietnamese message citing its evidence (decision numbers and dates, initiatives, penalties).

Public API::

    evaluate(award=, subjects=, year=, on=None) -> {subject_pk: Verdict}
    evaluate_one(award=, subject=, year=, on=None) -> Verdict
    quota_check(award=, unit=, year=, proposed_count=, ...) -> Check
    quotas_for([(award, unit, year, on), ...]) -> {(award, unit, year): Quota}
    nominee_quotas(nominees) -> [QuotaLine]  (what a batch of nominees adds to each quota)
    next_steps(person=, year=) -> [str]

The reference date ``on`` defaults to 31/12 of ``year``; a proposal passes its own date.
"""

import datetime
import gc
from contextlib import contextmanager

from awards.catalogue.models import Award
from awards.eligibility.context import default_reference_date, load_context
from awards.eligibility.history import load_histories, subject_ids
from awards.eligibility.next_steps import next_steps
from awards.eligibility.quota import (
    Quota,
    QuotaLine,
    nominee_quotas,
    quota_check,
    quotas_for,
    registration_quotas,
)
from awards.eligibility.rules import judge
from awards.eligibility.text import translating
from awards.eligibility.verdict import Check, CheckCode, CheckStatus, Verdict, VerdictStatus

__all__ = [
    "Check",
    "CheckCode",
    "CheckStatus",
    "Quota",
    "QuotaLine",
    "Verdict",
    "VerdictStatus",
    "default_reference_date",
    "evaluate",
    "evaluate_one",
    "next_steps",
    "nominee_quotas",
    "quota_check",
    "quotas_for",
    "registration_quotas",
]


def evaluate(
    *, award: Award, subjects, year: int, on: datetime.date | None = None
) -> dict[int, Verdict]:
    """Verdicts for many subjects at once, in a number of queries that does not grow
    with them. ``subjects``: people (units for a collective award), as a queryset,
    instances or primary keys. Every subject gets a verdict, in the order given."""
    if award.subject == Award.Subject.HOUSEHOLD:
        raise ValueError("Household awards are not evaluated from records.")
    ctx = load_context(award=award, year=year, on=on)
    with translating(), cyclic_gc_paused():
        if ctx.rule is None:
            ids, _among = subject_ids(ctx, subjects)
            return {pk: judge(ctx, pk, None) for pk in ids}
        return {pk: judge(ctx, pk, history) for pk, history in load_histories(ctx, subjects)}


@contextmanager
def cyclic_gc_paused():
    """Pause the cyclic garbage collector while verdicts are built.

    An evaluation makes some 10^5 small acyclic objects (records, checks, verdicts) that
    reference counting frees; meanwhile the cyclic collector would walk the whole heap
    once or twice, a third of the time at 15,000 people. It resumes (and catches up)
    right after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def evaluate_one(*, award: Award, subject, year: int, on: datetime.date | None = None) -> Verdict:
    subject_pk = getattr(subject, "pk", subject)
    return evaluate(award=award, subjects=[subject], year=year, on=on)[subject_pk]
