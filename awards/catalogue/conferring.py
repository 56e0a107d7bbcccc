"""Who may confer an award: the one rule every place that records a conferment asks.

A rule version lists the authorities that may confer its award
(``AwardRule.conferring_authorities``); an empty list means the award's own catalogue
authority only, and so does a day no version covers. "Tập thể lao động xuất sắc" is
conferred by the Minister of Justice and by a provincial Chairman; "Lao động tiên tiến"
only by the head of a unit.

Public API (decision services, the admin, proposals and the history import call it)::

    may_confer(award, authority, on=day) -> bool
    check_may_confer(award=, authority=, on=) -> None, or ValidationError(code="authority")
    awards_conferrable_by(authority, on=day) -> QuerySet of Award (pickers)
    ConferringRules.load(award_ids)  # many rows: three queries, then none per row
        .allows(award_id, authority_id, on) -> bool
        .problem(award, authority, on) -> str | None  (the Vietnamese message)
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from awards.catalogue.models import Authority, Award, AwardRule

__all__ = [
    "ConferringRules",
    "awards_conferrable_by",
    "check_may_confer",
    "conferring_authorities",
    "may_confer",
]


@dataclass(frozen=True, slots=True)
class _Version:
    effective_from: datetime.date
    effective_to: datetime.date | None
    authority_ids: frozenset[int]

    def covers(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class ConferringRules:
    """The conferring authorities of some awards for every rule version, loaded once.

    ``load`` costs three queries whatever the number of awards; ``allows`` and ``problem``
    then cost none, so an import of 150,000 conferments checks each row for free.
    """

    def __init__(self, own: dict[int, int], versions: dict[int, list[_Version]], names=None):
        self.own = own  # award pk -> its catalogue authority pk
        self.versions = versions  # award pk -> its rule versions, newest first
        self.names = names or {}  # authority pk -> name (for messages)

    @classmethod
    def load(cls, award_ids: Iterable[int] | None = None) -> "ConferringRules":
        """Every award's rules when ``award_ids`` is None."""
        awards = Award.objects.all()
        rules = AwardRule.objects.all()
        if award_ids is not None:
            ids = {getattr(a, "pk", a) for a in award_ids}
            awards, rules = awards.filter(pk__in=ids), rules.filter(award_id__in=ids)
        own = dict(awards.values_list("pk", "authority_id"))
        through = AwardRule.conferring_authorities.through
        listed = defaultdict(set)
        rows = through.objects.filter(awardrule__in=rules.values("pk")).values_list(
            "awardrule_id", "authority_id"
        )
        for rule_id, authority_id in rows:
            listed[rule_id].add(authority_id)
        versions = defaultdict(list)
        spans = rules.order_by("-effective_from").values_list(
            "pk", "award_id", "effective_from", "effective_to"
        )
        for pk, award_id, start, end in spans:
            ids = frozenset(listed.get(pk) or {own[award_id]})
            versions[award_id].append(_Version(start, end, ids))
        return cls(own, dict(versions))

    def authority_ids(self, award_id: int, on: datetime.date) -> frozenset[int]:
        for version in self.versions.get(award_id, ()):
            if version.covers(on):
                return version.authority_ids
        return frozenset({self.own[award_id]}) if award_id in self.own else frozenset()

    def allows(self, award_id: int, authority_id: int, on: datetime.date) -> bool:
        return authority_id in self.authority_ids(award_id, on)

    def problem(self, award: Award, authority: Authority, on: datetime.date) -> str | None:
        """None when ``authority`` may confer ``award`` on ``on``, else why not."""
        allowed = self.authority_ids(award.pk, on)
        if authority.pk in allowed:
            return None
        names = [self.names[pk] for pk in allowed if pk in self.names]
        if len(names) != len(allowed):
            self.names.update(Authority.objects.values_list("pk", "name"))
            names = [self.names[pk] for pk in allowed if pk in self.names]
        return _(
            "«%(award)s» không do «%(authority)s» tặng theo quy định áp dụng ngày %(day)s "
            "(cấp có thẩm quyền: %(allowed)s)."
        ) % {
            "award": award,
            "authority": authority,
            "day": f"{on:%d/%m/%Y}",
            "allowed": ", ".join(sorted(names)) or "—",
        }


def _rules_on(award: Award, on: datetime.date):
    return (
        AwardRule.objects.filter(award_id=award.pk, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
    )


def conferring_authorities(award: Award, *, on: datetime.date) -> set[int]:
    """Pks of the authorities that may confer ``award`` on ``on`` (one or two queries)."""
    rule = _rules_on(award, on).first()
    if rule is not None:
        listed = set(rule.conferring_authorities.values_list("pk", flat=True))
        if listed:
            return listed
    return {award.authority_id}


def may_confer(award: Award, authority: Authority, *, on: datetime.date) -> bool:
    """Whether ``authority`` may confer ``award`` under the rule version in force on ``on``
    (a decision's signing date). An award without a version that day: its own authority."""
    return getattr(authority, "pk", authority) in conferring_authorities(award, on=on)


def check_may_confer(*, award: Award, authority: Authority, on: datetime.date) -> None:
    """Raise a ``ValidationError`` (code "authority") with a Vietnamese message naming the
    award, the authority, the day and the authorities that may confer it."""
    rules = ConferringRules(
        {award.pk: award.authority_id},
        {
            award.pk: [
                _Version(
                    rule.effective_from,
                    rule.effective_to,
                    frozenset(rule.conferring_authorities.values_list("pk", flat=True))
                    or frozenset({award.authority_id}),
                )
                for rule in _rules_on(award, on)[:1]
            ]
        },
    )
    message = rules.problem(award, authority, on)
    if message:
        raise ValidationError(message, code="authority")


def awards_conferrable_by(authority: Authority, *, on: datetime.date) -> QuerySet:
    """The awards ``authority`` may confer on ``on``, as one SQL condition (for pickers and
    querysets: the nominee form, registrations offered to a proposal)."""
    in_force = AwardRule.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on),
        award_id=OuterRef("pk"),
        effective_from__lte=on,
    )
    authority_id = getattr(authority, "pk", authority)
    listed = Exists(in_force.filter(conferring_authorities=authority_id))
    lists_any = Exists(in_force.filter(conferring_authorities__isnull=False))
    return Award.objects.filter(listed | (~lists_any & Q(authority_id=authority_id)))
