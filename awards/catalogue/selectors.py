"""Read-side queries of the award catalogue and the legal registry.

The catalogue is the same for every signed-in user (it is law, not unit data), so these
selectors take no user and apply no unit scoping.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from awards.catalogue.models import Authority, Award, AwardRule, LegalDocument, RulePrerequisite

KIND_ORDER = [Award.Kind.TITLE, Award.Kind.REWARD]
SUBJECT_ORDER = [Award.Subject.INDIVIDUAL, Award.Subject.COLLECTIVE, Award.Subject.HOUSEHOLD]


@dataclass
class KindGroup:
    kind: str
    label: str
    subjects: list[tuple[str, list[Award]]] = field(default_factory=list)


@dataclass
class AuthorityGroup:
    authority: Authority
    kinds: list[KindGroup] = field(default_factory=list)


def legal_bases_prefetch() -> Prefetch:
    """A rule's legal bases in the order a decision cites them: law, decree, circular."""
    rank = Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(LegalDocument.Kind.values)),
        default=Value(len(LegalDocument.Kind.values)),
    )
    return Prefetch("legal_bases", queryset=LegalDocument.objects.order_by(rank, "issued_on"))


def rules_in_force_on(day: datetime.date) -> QuerySet:
    return AwardRule.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day), effective_from__lte=day
    )


def award_catalogue(*, day: datetime.date) -> list[AuthorityGroup]:
    """Active awards grouped by authority, then kind, then subject.

    Each award carries ``rule``: the version in force on ``day`` (or None), with its legal
    bases prefetched. Four queries whatever the size of the catalogue.
    """
    awards = (
        Award.objects.filter(is_active=True)
        .select_related("authority")
        .prefetch_related(
            Prefetch(
                "rules",
                queryset=rules_in_force_on(day)
                .prefetch_related(legal_bases_prefetch())
                .order_by("-effective_from"),
                to_attr="rules_in_force",
            )
        )
    )
    for award in awards:
        award.rule = award.rules_in_force[0] if award.rules_in_force else None
    ordered = sorted(
        awards,
        key=lambda a: (
            a.authority.order,
            a.authority.name,
            KIND_ORDER.index(a.kind),
            SUBJECT_ORDER.index(a.subject),
            a.order,
            a.name,
        ),
    )
    subject_labels = dict(Award.Subject.choices)
    groups = []
    for authority, by_authority in groupby(ordered, key=lambda a: a.authority):
        group = AuthorityGroup(authority)
        for kind, by_kind in groupby(by_authority, key=lambda a: a.kind):
            kind_group = KindGroup(kind, Award.Kind(kind).label)
            for subject, by_subject in groupby(by_kind, key=lambda a: a.subject):
                kind_group.subjects.append((subject_labels[subject], list(by_subject)))
            group.kinds.append(kind_group)
        groups.append(group)
    return groups


def award_with_rules(*, pk: int, day: datetime.date) -> Award:
    """One award with all its rule versions, newest first; 404 if unknown.

    Each version carries ``in_force`` (on ``day``) and its legal bases, prerequisites and
    referenced awards, so the page runs a fixed number of queries.
    """
    rules = (
        AwardRule.objects.select_related("quota_base", "member_award", "min_members_with_award")
        .prefetch_related(
            legal_bases_prefetch(),
            Prefetch("conferring_authorities", queryset=Authority.objects.order_by("order")),
            Prefetch(
                "prerequisites",
                queryset=RulePrerequisite.objects.select_related("required_award").order_by("pk"),
            ),
        )
        .order_by("-effective_from")
    )
    award = get_object_or_404(
        Award.objects.select_related("authority").prefetch_related(
            Prefetch("rules", queryset=rules, to_attr="versions")
        ),
        pk=pk,
    )
    for rule in award.versions:
        rule.in_force = rule.effective_from <= day and (
            rule.effective_to is None or day <= rule.effective_to
        )
    return award


def legal_document_list() -> QuerySet:
    """The legal registry, newest first, with successors, predecessors and rule counts."""
    return (
        LegalDocument.objects.select_related("replaced_by")
        .prefetch_related(Prefetch("replaces", queryset=LegalDocument.objects.order_by("number")))
        .annotate(rule_count=Count("rules"))
        .order_by("-effective_from", "number")
    )


def rules_by_award(award_ids) -> dict[int, list[AwardRule]]:
    """Every rule version of the given awards, newest first, in one query."""
    rules = defaultdict(list)
    for rule in AwardRule.objects.filter(award_id__in=set(award_ids)).order_by("-effective_from"):
        rules[rule.award_id].append(rule)
    return rules


def rule_on(rules: dict[int, list[AwardRule]], award_id: int, on: datetime.date):
    """Like ``Award.rule_on`` but from preloaded rules."""
    for rule in rules.get(award_id, ()):
        if rule.effective_from <= on and (rule.effective_to is None or on <= rule.effective_to):
            return rule
    return None
