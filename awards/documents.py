"""The parts of an official document that come from awards' data: who issues and signs it,
its căn cứ, the counts and the title of a decision. The text rules are
``thidua.core.documents``; the partials are templates/core/official/.
"""

from collections import Counter
from dataclasses import dataclass

from awards.catalogue.models import Authority, Award, LegalDocument
from awards.models import Council, Decision, IssuerProfile, SignerAuthority
from thidua.core import documents as doc
from units.models import AgencyType, Unit

RECIPIENTS_DECISION = ("Như Điều 3", "Lưu: VT, TĐKT")
RECIPIENTS_REPORT = ("Như trên", "Lưu: VT, TĐKT")


@dataclass
class Masthead:
    issuer: str
    parent: str = ""
    number: str = ""
    place_date: str = ""


@dataclass
class Signature:
    lines: list[str]
    name: str = ""
    recipients: tuple[str, ...] = ()
    note: str = ""


@dataclass
class DecisionText:
    """What the decision PDF prints beyond its annex rows."""

    masthead: Masthead
    subject: str  # "Về việc tặng Bằng khen"
    signer_title: str  # the line above the căn cứ: "BỘ TRƯỞNG BỘ TƯ PHÁP"
    bases: list[str]
    article_1: str
    sign: Signature
    award_words: str = ""  # "Bằng khen của Bộ trưởng Bộ Tư pháp" (annex heading)


def profile_of(unit: Unit) -> IssuerProfile | None:
    if unit.pk is None:
        return None
    try:
        return unit.issuer_profile
    except IssuerProfile.DoesNotExist:
        return None


def masthead(unit: Unit, *, number: str = "", place: str = "", day=None) -> Masthead:
    """The issuing body under its parent (the profile's, else the unit tree's)."""
    profile = profile_of(unit)
    parent = profile.parent_name if profile and profile.parent_name else ""
    if not parent and unit.parent_id:
        parent = unit.parent.name
    dated = doc.place_date(place, day) if place and day else ""
    return Masthead(issuer=unit.name, parent=parent, number=number, place_date=dated)


def head_title(unit: Unit, authority: Authority | None = None) -> str:
    """The head's title ("Bộ trưởng"): the profile's, else the conferring authority's name
    without the body's ("Bộ trưởng Bộ Tư pháp" → "Bộ trưởng"), else the usual title of a
    body so named ("Cục …" → "Cục trưởng")."""
    profile = profile_of(unit)
    if profile and profile.head_title:
        return profile.head_title
    if authority is not None and authority.level != Authority.Level.UNIT:
        name = authority.name
        short = name[: -len(unit.name)].strip() if name.endswith(unit.name) else ""
        return short or name  # "Chủ tịch nước" is both the office and the body
    return doc.head_title_for(unit.name)


def office_of(title: str, body: str) -> str:
    """The head's office named with the body, words they share said once: "Bộ trưởng" +
    "Bộ Tư pháp" → "Bộ trưởng Bộ Tư pháp"; "Chủ tịch" + "Ủy ban nhân dân tỉnh Long An" →
    "Chủ tịch Ủy ban nhân dân tỉnh Long An"; "Trưởng Thi hành án dân sự tỉnh" + "Thi hành
    án dân sự tỉnh Long An" → "Trưởng Thi hành án dân sự tỉnh Long An"."""
    if body.lower() in title.lower():
        return title
    words, body_words = title.split(), body.split()
    lower = [w.lower() for w in words]
    for size in range(min(len(words), len(body_words)), 0, -1):
        if lower[-size:] == [w.lower() for w in body_words[:size]]:
            words = words[:-size]
            break
    return " ".join([*words, *body_words])


def unit_signature(unit: Unit, *, recipients=RECIPIENTS_REPORT, name: str = "") -> Signature:
    """A document the unit's head signs in their own name (a report, a statistics table)."""
    title = head_title(unit)
    return Signature(lines=[title.upper()], name=name, recipients=tuple(recipients))


def ministry() -> Unit | None:
    """The ministry (the root of the sector's tree), which signs sector-wide documents."""
    return (
        Unit.objects.filter(agency_type=AgencyType.MINISTRY, parent__isnull=True)
        .select_related("issuer_profile")
        .order_by("pk")
        .first()
    )


def scope_signature(kind: str, pk: int | None, name: str) -> Signature:
    """Who signs a report or table of a scope: the unit's head, the ministry's for the
    sector (never a generic "Thủ trưởng đơn vị"), the grouping's leader for a grouping."""
    if kind == "cluster":
        lower = name.lower()
        word = "KHU VỰC" if lower.startswith("khu vực") else (name.split(" ")[0] or "KHỐI").upper()
        return Signature(
            lines=[f"TM. {name.upper()}", f"TRƯỞNG {word}"], recipients=RECIPIENTS_REPORT
        )
    unit = ministry() if kind == "sector" else Unit.objects.filter(pk=pk).first()
    if unit is None:
        return Signature(lines=["BỘ TRƯỞNG"], recipients=RECIPIENTS_REPORT)
    return unit_signature(unit)


def decision_signature(decision: Decision) -> Signature:
    """KT. BỘ TRƯỞNG / THỨ TRƯỞNG, TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, Q. …, or the head's
    own title, from how the decision is signed. A position typed with its authority words
    ("KT. BỘ TRƯỞNG" on one line, "THỨ TRƯỞNG" on the next) is printed as typed."""
    position = decision.signer_position.strip()
    lines = [line.strip().upper() for line in position.splitlines() if line.strip()]
    typed = lines and lines[0].split(" ")[0] in ("KT.", "TM.", "Q.", "TL.", "TUQ.")
    if not typed:
        profile = profile_of(decision.issuing_unit)
        lines = doc.signature_lines(
            mode=decision.signer_authority or SignerAuthority.OWN,
            position=position,
            head_title=head_title(decision.issuing_unit, decision.authority),
            collective=profile.collective_name if profile else "",
        )
    recipients = (
        ("Như Điều 2", *RECIPIENTS_DECISION[1:]) if decision.revokes_id else RECIPIENTS_DECISION
    )
    return Signature(lines=lines, name=decision.signer_name, recipients=recipients)


def _basis(document: LegalDocument, *, authority: bool = False) -> doc.Basis:
    return doc.Basis(
        kind=document.kind,
        number=document.number,
        issued_on=document.issued_on,
        issuer=document.issuer,
        title=document.title,
        authority=authority,
    )


def decision_bases(decision: Decision, awards: list[Award]) -> list[str]:
    """The căn cứ: the documents that give the issuing body its power (its profile; those
    in force on the signing day when it has one: the functions decree changes), the legal
    bases of the rule version in force on the signing day of each award conferred, and any
    the drafter added; ordered by legal rank; then "Theo đề nghị của …"."""
    profile = profile_of(decision.issuing_unit)
    bases = []
    if profile is not None:
        day = decision.signed_on
        bases += [
            _basis(d, authority=True)
            for d in profile.authority_bases.all()
            if day is None or d.in_force_on(day)
        ]
    for award in awards:
        rule = award.rule_on(decision.signed_on)
        if rule is not None:
            bases += [_basis(d) for d in rule.legal_bases.all()]
    bases += [_basis(d) for d in decision.legal_bases.all()]
    return doc.basis_lines(bases, proposer_of(decision, profile))


def proposer_of(decision: Decision, profile: IssuerProfile | None) -> str:
    """Whose proposal the decision follows: as typed on the decision, else the issuing
    body's setting, else its council."""
    if decision.proposed_by.strip():
        return decision.proposed_by
    if profile is not None and profile.proposer:
        return profile.proposer
    council = Council.objects.filter(unit=decision.issuing_unit).order_by("pk").first()
    if council is not None:
        return council.name
    return f"Hội đồng Thi đua - Khen thưởng {decision.issuing_unit.name}"


def award_words(award: Award) -> str:
    """How a decision names the award: a unit head's reward by its form ("Giấy khen", not
    the catalogue's "Giấy khen của Thủ trưởng đơn vị"), a title as "danh hiệu …"."""
    name = award.form_name if award.authority.level == Authority.Level.UNIT else award.name
    if award.kind == Award.Kind.TITLE and not name.lower().startswith("danh hiệu"):
        return f"danh hiệu {name}"
    return name


def award_counts(rows: list[dict]) -> dict[str, Counter]:
    """Per award as the decision names it (in the rows' order), how many individuals,
    collectives, households: a Bằng khen given to people and to collectives is one line."""
    counts: dict[str, Counter] = {}
    for row in rows:
        counts.setdefault(award_words(row["award_obj"]), Counter())[row["subject"]] += 1
    return counts


def count_words(counter: Counter) -> str:
    return doc.count_phrase(
        counter[Award.Subject.INDIVIDUAL],
        counter[Award.Subject.COLLECTIVE],
        counter[Award.Subject.HOUSEHOLD],
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " và " + words[-1]


def decision_text(decision: Decision, rows: list[dict]) -> DecisionText:
    counts = award_counts(rows)
    awards = list(dict.fromkeys(row["award_obj"] for row in rows))
    names = list(counts) or ["khen thưởng"]
    if decision.revokes_id:
        target = decision.revokes
        subject = f"Về việc hủy bỏ Quyết định số {target.number} {doc.date_words(target.signed_on)}"
    elif decision.amends_id:
        target = decision.amends
        subject = (
            f"Về việc sửa đổi, bổ sung Quyết định số {target.number} "
            f"{doc.date_words(target.signed_on)}"
        )
    else:
        subject = f"Về việc tặng {_join(names)}"
    given = "; tặng ".join(f"{words} cho {count_words(c)}" for words, c in counts.items())
    lead = ""
    if decision.amends_id:
        lead = f"Sửa đổi, bổ sung Quyết định số {decision.amends.number}: "
    article_1 = (
        f"{lead}Tặng {given} có tên trong danh sách kèm theo, "
        "đã có thành tích xuất sắc trong công tác."
    )
    signer_title = office_of(
        head_title(decision.issuing_unit, decision.authority), decision.issuing_unit.name
    )
    return DecisionText(
        masthead=masthead(
            decision.issuing_unit,
            number=decision.number,
            place=decision.place,
            day=decision.signed_on,
        ),
        subject=subject,
        signer_title=signer_title.upper(),
        bases=decision_bases(decision, awards),
        article_1=article_1,
        sign=decision_signature(decision),
        award_words=_join(names),
    )
