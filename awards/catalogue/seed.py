"""The sector's award catalogue and legal registry, written idempotently.

Rows are matched by their natural key (document number, authority or award code, award
+ start date of a rule version) and only changed fields are saved, so a second run
changes nothing. Two things an administrator did by hand are respected: a rule version
they closed (an end date set to make room for a newer decree) stays closed, and a seeded
version that would overlap one they entered is skipped with a warning, never forced in.
The data itself lives in ``awards.catalogue.data``; which authorities may confer an award
(``CONFERRING_AUTHORITIES``) is applied to every rule version of that award, whatever its
dates, so rule versions added later (older regimes) get it too.

Values and ladder rows an earlier seed set and the law no longer does (``RETIRED_VALUES``,
``RETIRED_PREREQUISITES``) are taken back, a value only while nobody has changed it; versions
seeded under a corrected start date are moved (``MOVED_STARTS``).
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction

from awards.catalogue.data import (
    AUTHORITIES,
    AWARDS,
    LEGAL_DOCUMENTS,
    MOVED_STARTS,
    RETIRED_PREREQUISITES,
    RETIRED_VALUES,
    RULES,
    RuleSpec,
)
from awards.catalogue.models import Authority, Award, AwardRule, LegalDocument, RulePrerequisite
from awards.catalogue.salary import seed_base_salaries

__all__ = ["seed_catalogue"]

OUTCOMES = ("created", "updated", "unchanged", "skipped")

# Award code → authority codes that may confer it, on every rule version of the award.
# An award missing here is conferred by its catalogue authority only. "Bằng khen" is two
# awards in the catalogue (of the Minister, of the provincial Chairman), and "Giấy khen" is
# given by any unit head through one authority, so both keep their own authority.
CONFERRING_AUTHORITIES: dict[str, tuple[str, ...]] = {
    # Law 06/2022/QH15 Art. 79 (ministers and provincial Chairmen; heads of units are
    # Art. 80, which does not list it), as published in Công báo 571–572/2022: the Minister
    # confers it on collectives under the ministry, the provincial Chairman on those under
    # the province (Sở Tư pháp and, until 01/07/2025, the district justice offices). The Law
    # of 2003 gave both the same power.
    "tt-ldxs": ("bo-truong-btp", "chu-tich-ubnd-tinh"),
}
_AWARD_REFERENCES = ("quota_base", "member_award", "min_members_with_award")


def _upsert(model, lookup: dict, values: dict) -> tuple:
    """Create the row, or save only the fields whose seeded value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, "updated" if changed else "unchanged"


def _retired_values(rule: AwardRule, spec: RuleSpec, awards: dict[str, Award]) -> dict:
    """Back to their defaults, the values an earlier seed set that the law no longer sets
    (the 15 % cap on CSTĐCS from 2024…), unless someone has changed any of them since: an
    authority's own cap stays."""
    retired = RETIRED_VALUES.get((spec.award, spec.effective_from), {})
    defaults = {}
    for name, old in retired.items():
        if name in spec.params:
            continue
        field = AwardRule._meta.get_field(name)
        if name in _AWARD_REFERENCES:
            name, old = f"{name}_id", awards[old].pk
        if getattr(rule, name) != old:
            return {}
        defaults[name] = field.get_default()
    return defaults


class _Seeder:
    def __init__(self):
        self.counts: dict[str, Counter] = {}
        self.warnings: list[str] = []

    def tally(self, key: str, outcome: str):
        self.counts.setdefault(key, Counter())[outcome] += 1

    def upsert(self, key: str, model, lookup: dict, values: dict):
        obj, outcome = _upsert(model, lookup, values)
        self.tally(key, outcome)
        return obj

    def result(self) -> dict:
        result = {key: {o: c[o] for o in OUTCOMES} for key, c in self.counts.items()}
        result["warnings"] = self.warnings
        return result

    def documents(self) -> dict[str, LegalDocument]:
        documents = {}
        # LEGAL_DOCUMENTS lists a successor before the documents it replaces.
        for spec in LEGAL_DOCUMENTS:
            values = {k: v for k, v in spec.items() if k not in ("number", "replaced_by")}
            successor = spec.get("replaced_by")
            values["replaced_by_id"] = documents[successor].pk if successor else None
            documents[spec["number"]] = self.upsert(
                "legal_documents", LegalDocument, {"number": spec["number"]}, values
            )
        return documents

    def awards(self) -> dict[str, Award]:
        authorities = {
            spec["code"]: self.upsert(
                "authorities",
                Authority,
                {"code": spec["code"]},
                {k: v for k, v in spec.items() if k != "code"},
            )
            for spec in AUTHORITIES
        }
        awards = {}
        for position, spec in enumerate(AWARDS, start=1):
            values = {k: v for k, v in spec.items() if k not in ("code", "authority")}
            values.update(authority_id=authorities[spec["authority"]].pk, order=position * 10)
            awards[spec["code"]] = self.upsert("awards", Award, {"code": spec["code"]}, values)
        return awards

    def rule(self, spec: RuleSpec, awards: dict[str, Award], documents: dict):
        award = awards[spec.award]
        values = {
            "effective_to": spec.effective_to,
            "summary": spec.summary,
            "unverified": spec.unverified,
        }
        for name, value in spec.params.items():
            if name in _AWARD_REFERENCES:
                values[f"{name}_id"] = awards[value].pk
            else:
                values[name] = value
        lookup = {"award": award, "effective_from": spec.effective_from}
        existing = AwardRule.objects.filter(**lookup).first()
        if existing is not None:
            values.update(_retired_values(existing, spec, awards))
        if existing is None:
            try:
                AwardRule(**lookup, **values).clean()
            except ValidationError as error:
                self.tally("rules", "skipped")
                self.warnings.append(
                    f"{award.code} {spec.effective_from:%d/%m/%Y}: {error.messages[0]}"
                )
                return
        elif spec.effective_to is None and existing.effective_to is not None:
            values.pop("effective_to")  # closed by an administrator: keep it closed
        rule, outcome = _upsert(AwardRule, lookup, values)
        bases = {documents[number].pk for number in spec.legal_bases}
        if outcome == "created" or set(rule.legal_bases.values_list("pk", flat=True)) != bases:
            rule.legal_bases.set(bases)
            outcome = "updated" if outcome == "unchanged" else outcome
        self.tally("rules", outcome)
        for prerequisite in spec.prerequisites:
            self.upsert(
                "prerequisites",
                RulePrerequisite,
                {"rule": rule, "required_award": awards[prerequisite.award]},
                {
                    "count": prerequisite.count,
                    "window_years": prerequisite.window_years,
                    "consecutive": prerequisite.consecutive,
                    "blocking": prerequisite.blocking,
                },
            )
        retired = RETIRED_PREREQUISITES.get((spec.award, spec.effective_from), ())
        if retired:
            stale = rule.prerequisites.filter(required_award__code__in=retired)
            for _row in stale:
                self.tally("prerequisites", "updated")
            stale.delete()

    def move_starts(self, awards: dict[str, Award]):
        """Re-date versions an earlier seed created with a start date since corrected."""
        for (code, old_start), new_start in MOVED_STARTS.items():
            rules = AwardRule.objects.filter(award=awards[code])
            if rules.filter(effective_from=new_start).exists():
                continue
            if rules.filter(effective_from=old_start).update(effective_from=new_start):
                self.tally("rules", "updated")

    def conferring_authorities(self) -> None:
        """Give every version of the mapped awards its conferring authorities, unless an
        administrator already chose some for that version."""
        authorities = dict(Authority.objects.values_list("code", "pk"))
        rules = AwardRule.objects.filter(award__code__in=CONFERRING_AUTHORITIES).select_related(
            "award"
        )
        chosen = set(
            AwardRule.conferring_authorities.through.objects.filter(
                awardrule__in=rules
            ).values_list("awardrule_id", flat=True)
        )
        for rule in rules:
            if rule.pk in chosen:
                self.tally("conferring_authorities", "unchanged")
                continue
            rule.conferring_authorities.set(
                [authorities[code] for code in CONFERRING_AUTHORITIES[rule.award.code]]
            )
            self.tally("conferring_authorities", "updated")


@transaction.atomic
def seed_catalogue() -> dict:
    """Seed the legal registry, authorities, awards and rule versions; return counts.

    The result maps "legal_documents", "authorities", "awards", "rules" and
    "prerequisites" to ``{"created", "updated", "unchanged", "skipped"}`` counts, and
    "warnings" to the seeded versions skipped because they overlap one entered by hand.
    """
    seeder = _Seeder()
    documents = seeder.documents()
    awards = seeder.awards()
    seeder.move_starts(awards)
    for spec in RULES:
        seeder.rule(spec, awards, documents)
    seeder.conferring_authorities()
    seed_base_salaries()
    return seeder.result()
