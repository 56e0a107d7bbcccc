"""Drafted documents: a proposal's tờ trình and, after its council's vote, the dự thảo quyết
định, filled from the proposal into its ``DocumentTemplate`` and laid out in the form of
Decree 30/2020/NĐ-CP (masthead, number, place and date, subject, căn cứ, body, signature,
recipients, then the list of nominees).

``draft()`` gathers the named fields' values and the list; ``fill()`` turns a template and
those values into a ``Filled`` document, which ``html()`` (preview and PDF) and
``awards.certificates.docx`` (Word) both print. The text is Vietnamese, whatever the
interface language.
"""

import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from awards import documents
from awards.catalogue.models import Authority, Award
from awards.certificates.models import DocumentTemplate
from awards.certificates.services import document_template_for
from awards.certificates.wording import fill as fill_text
from awards.models import Council, Nominee, Proposal
from awards.reports import weasy
from thidua.core import documents as doc
from units.models import Unit

SUBMISSION = DocumentTemplate.Document.SUBMISSION
DECISION = DocumentTemplate.Document.DECISION
PASSED = (Nominee.Result.PASSED, Nominee.Result.CONFERRED)
HEADINGS = {SUBMISSION: "TỜ TRÌNH", DECISION: "QUYẾT ĐỊNH"}
BLANKS = re.compile(r" {2,}")
ARTICLE = re.compile(r"^(Điều\s+\d+\.)\s*(.*)$")
CSS = ("css/official.css", "css/proposals.css")


@dataclass
class Paragraph:
    text: str
    label: str = ""  # "Điều 1.", printed bold before the text


@dataclass
class Filled:
    """A document ready to print: every part filled in."""

    document: str
    heading: str
    masthead: documents.Masthead
    subject: str
    lead: str
    bases: list[str]
    body: list[Paragraph]
    sign: documents.Signature
    annex_title: str
    annex_lines: list[str]
    rows: list[dict]
    is_draft: bool = False  # the decision carries "DỰ THẢO" until it is issued

    @property
    def decides(self) -> str:
        return "QUYẾT ĐỊNH:" if self.document == DECISION else ""

    @property
    def text(self) -> str:
        """Every printed line, for tests and searches."""
        parts = [
            self.masthead.parent,
            self.masthead.issuer,
            self.masthead.number,
            self.masthead.place_date,
            self.heading,
            self.subject,
            self.lead,
            *self.bases,
            *(f"{p.label} {p.text}".strip() for p in self.body),
            *self.sign.lines,
            self.sign.name,
            *self.sign.recipients,
            self.annex_title,
            *self.annex_lines,
        ]
        return "\n".join(part for part in parts if part)


@dataclass
class Draft:
    """What a proposal's document is made of: its template, its fields' values, its list."""

    document: str
    proposal: Proposal
    template: DocumentTemplate
    values: dict[str, str]
    rows: list[dict] = field(default_factory=list)
    issuer: Unit | None = None


def _initials(name: str) -> str:
    """ "Thi hành án dân sự tỉnh Lào Cai" → "THADSTLC" (tone marks dropped, Đ kept): the
    ký hiệu of a body without a short name, for the office to correct."""
    letters = [word[0] for word in name.split() if word[:1].isalpha()]
    bare = unicodedata.normalize("NFD", "".join(letters).upper())
    return "".join(c for c in bare if not unicodedata.combining(c))


def _place(unit: Unit) -> str:
    return unit.province.name if unit.province_id else "Hà Nội"


def _row(nominee: Nominee) -> dict:
    person = nominee.person
    return {
        "name": person.full_name if person else nominee.unit.name,
        "position": person.position if person else "",
        "unit": (person.unit.name if person.unit_id else "") if person else "",
        "award": documents.award_words(nominee.award),
        "award_obj": nominee.award,
        "subject": nominee.award.subject,
    }


def _join(words: list[str]) -> str:
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " và " + words[-1]


def _bases(issuer: Unit | None, awards: list[Award], day: datetime.date, *, own: bool) -> list[str]:
    """The căn cứ, one line each ending ";": the legal bases of each award's rule version in
    force on ``day``, and (``own``) the documents giving the issuer its power."""
    found = []
    for award in awards:
        rule = award.rule_on(day)
        if rule is not None:
            found += [_basis(d) for d in rule.legal_bases.all()]
    profile = documents.profile_of(issuer) if issuer is not None else None
    if own and profile is not None:
        found += [
            _basis(d, authority=True) for d in profile.authority_bases.all() if d.in_force_on(day)
        ]
    return [f"{basis.line};" for basis in doc.ordered(found)]


def _basis(document, *, authority: bool = False) -> doc.Basis:
    return doc.Basis(
        kind=document.kind,
        number=document.number,
        issued_on=document.issued_on,
        issuer=document.issuer,
        title=document.title,
        authority=authority,
    )


def _proposer(unit: Unit, *, is_issuer: bool = True) -> str:
    """Whose proposal a decision follows: the issuer's setting, else its council; a State
    award's, the head of the ministry that sends it up ("Bộ trưởng Bộ Tư pháp")."""
    if not is_issuer:
        return documents.office_of(documents.head_title(unit), unit.name)
    profile = documents.profile_of(unit)
    if profile is not None and profile.proposer:
        return profile.proposer
    council = Council.objects.filter(unit=unit).order_by("pk").first()
    return council.name if council else f"Hội đồng Thi đua - Khen thưởng {unit.name}"


def _counts(rows: list[dict]) -> Counter:
    return Counter(row["subject"] for row in rows)


def _council(nominees: list[Nominee], passed: list[Nominee]) -> dict[str, str]:
    """The council's result: the last session that voted on the nominees, what passed."""
    voted = [n for n in nominees if n.session_id and n.result != Nominee.Result.PENDING]
    if not voted:
        return dict.fromkeys(
            ("council_name", "session_date", "council_result", "passed_count", "failed_count"),
            "",
        )
    session = max((n.session for n in voted), key=lambda s: (s.date, s.pk))
    failed = [n for n in voted if n.result not in PASSED and n.result != Nominee.Result.WITHDRAWN]
    passed_words = documents.count_words(_counts([_row(n) for n in passed]))
    failed_words = documents.count_words(_counts([_row(n) for n in failed])) if failed else ""
    result = (
        f"{session.council.name} họp ngày {session.date:%d/%m/%Y}, bỏ phiếu kín: "
        f"{passed_words} đạt tỷ lệ phiếu đồng ý theo quy định"
    )
    result += f", {failed_words} không đạt." if failed else "."
    return {
        "council_name": session.council.name,
        "session_date": f"{session.date:%d/%m/%Y}",
        "council_result": result,
        "passed_count": passed_words,
        "failed_count": failed_words,
    }


def nominees_of(proposal: Proposal) -> list[Nominee]:
    return list(
        proposal.nominees.select_related(
            "award__authority", "person__unit", "unit", "session__council"
        ).order_by("award__order", "pk")
    )


def award_kind(rows: list[dict]) -> str:
    """The award kind all rows share (a title, a reward form), or "" when they mix."""
    kinds = {row["award_obj"].kind for row in rows}
    return kinds.pop() if len(kinds) == 1 else ""


def _decision_issuer(proposal: Proposal) -> tuple[Unit | None, str, str]:
    """Who issues the decision: its unit (None for a State award), name and head's title.

    A State award is decided in the President's or the Prime Minister's own name ("THỦ
    TƯỚNG CHÍNH PHỦ" in the masthead, "THỦ TƯỚNG" signs), drafted by the ministry; any
    other by the authority's unit ("BỘ TƯ PHÁP", "BỘ TRƯỞNG")."""
    authority = proposal.authority
    if authority.level == Authority.Level.STATE:
        return None, authority.name, authority.name.removesuffix(" Chính phủ")
    unit = proposal.authority_unit
    return unit, unit.name, documents.head_title(unit, authority)


def draft(proposal: Proposal, document: str, today: datetime.date | None = None) -> Draft:
    """The values and list of ``proposal``'s ``document``: a tờ trình lists every nominee
    not withdrawn, issued by the proposing unit to the authority; a dự thảo quyết định lists
    those the council passed, issued by the authority (``_decision_issuer``)."""
    today = today or timezone.localdate()
    nominees = nominees_of(proposal)
    passed = [n for n in nominees if n.result in PASSED]
    if document == DECISION:
        chosen = passed
        issuer, name, head = _decision_issuer(proposal)
        proposer = _proposer(proposal.authority_unit, is_issuer=issuer is not None)
    else:
        chosen = [n for n in nominees if n.result != Nominee.Result.WITHDRAWN]
        issuer, name = proposal.proposing_unit, proposal.proposing_unit.name
        head = documents.head_title(issuer)
        proposer = _proposer(issuer)
    rows = [_row(n) for n in chosen]
    counts = documents.award_counts(rows)
    awards = list(dict.fromkeys(row["award_obj"] for row in rows))
    values = {
        "issuer": name,
        "issuer_code": (issuer.short_name if issuer else "") or _initials(name),
        "place": _place(issuer) if issuer else "Hà Nội",
        "today": doc.date_words(today),
        "current_year": str(today.year),
        "proposing_unit": proposal.proposing_unit.name,
        "authority": proposal.authority.name,
        "authority_unit": proposal.authority_unit.name,
        "signer_office": documents.office_of(head, name).upper(),
        "signer_title": head.upper(),
        "proposal_title": proposal.title,
        "summary": proposal.summary,
        "year": str(proposal.year),
        "award_words": _join(list(counts)),
        "award_counts": "; tặng ".join(
            f"{words} cho {documents.count_words(c)}" for words, c in counts.items()
        ),
        "count_words": documents.count_words(_counts(rows)),
        "nominee_names": ", ".join(row["name"] for row in rows),
        "bases": "\n".join(
            _bases(issuer, awards, proposal.reference_date, own=document == DECISION)
        ),
        "proposer": proposer,
        **_council(nominees, passed),
    }
    template = document_template_for(
        document=document, authority=proposal.authority, award_kind=award_kind(rows)
    )
    return Draft(document, proposal, template, values, rows, issuer)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def fill(template: DocumentTemplate, values: dict[str, str], rows: list[dict]) -> Filled:
    """The template's wording with the values in, cut into the document's parts."""

    def part(name: str) -> str:
        # Runs of spaces are blanks to fill in by hand ("ngày      tháng"): kept as typed.
        text = fill_text(getattr(template, name), values).strip()
        return BLANKS.sub(lambda m: "\u00a0" * len(m[0]), text)

    body = []
    for line in _lines(part("body")):
        article = ARTICLE.match(line)
        body.append(Paragraph(article[2], article[1]) if article else Paragraph(line))
    recipients = tuple(line.rstrip(";.").lstrip("- ") for line in _lines(part("recipients")))
    annex = _lines(part("annex_title"))
    number = fill_text(template.number, values).rstrip()  # leading spaces: the blank number
    return Filled(
        document=template.document,
        heading=HEADINGS.get(template.document, ""),
        masthead=documents.Masthead(
            issuer=values.get("issuer", ""),
            parent=values.get("issuer_parent", ""),
            number=number,
            place_date=part("place_date"),
        ),
        subject=part("subject"),
        lead=part("lead"),
        bases=_lines(part("bases")),
        body=body,
        sign=documents.Signature(
            lines=[line.upper() for line in _lines(part("signature"))],
            name=part("signer_name"),
            recipients=recipients,
        ),
        annex_title=annex[0] if annex else "",
        annex_lines=annex[1:],
        rows=rows,
        is_draft=template.document == DECISION,
    )


def filled(made: Draft) -> Filled:
    """A proposal's document as printed: its issuer under its parent body."""
    result = fill(made.template, made.values, made.rows)
    if made.issuer is not None:
        result.masthead.parent = documents.masthead(made.issuer).parent
    return result


def sample(document: str) -> tuple[dict[str, str], list[dict]]:
    """An example proposal's values and list, for the template editor's preview."""
    bk = "Bằng khen của Bộ trưởng Bộ Tư pháp"
    rows = [
        {"name": "Nguyễn Thị Thanh Hương", "position": "Chấp hành viên", "award": bk,
         "unit": "Phòng Thi hành án dân sự khu vực 1"},
        {"name": "Lê Văn Tám", "position": "Thẩm tra viên", "award": bk,
         "unit": "Phòng Thi hành án dân sự khu vực 2"},
        {"name": "Phòng Thi hành án dân sự khu vực 1", "position": "", "unit": "", "award": bk},
    ]  # fmt: skip
    decision = document == DECISION
    issuer = "Bộ Tư pháp" if decision else "Thi hành án dân sự tỉnh Lào Cai"
    values = {
        "issuer": issuer,
        "issuer_parent": "" if decision else "BỘ TƯ PHÁP",
        "issuer_code": "BTP" if decision else "THADS",
        "place": "Hà Nội" if decision else "Lào Cai",
        "today": doc.date_words(datetime.date(2026, 1, 15)),
        "current_year": "2026",
        "proposing_unit": "Thi hành án dân sự tỉnh Lào Cai",
        "authority": "Bộ trưởng Bộ Tư pháp",
        "authority_unit": "Bộ Tư pháp",
        "signer_office": "BỘ TRƯỞNG BỘ TƯ PHÁP" if decision else "TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH",
        "signer_title": "BỘ TRƯỞNG" if decision else "TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH",
        "proposal_title": "Đề nghị khen thưởng năm 2025",
        "summary": "",
        "year": "2025",
        "award_words": bk,
        "award_counts": f"{bk} cho 02 cá nhân và 01 tập thể",
        "count_words": "02 cá nhân và 01 tập thể",
        "nominee_names": ", ".join(row["name"] for row in rows),
        "bases": (
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy "
            "định chi tiết một số điều của Luật Thi đua, khen thưởng;"
        ),
        "proposer": "Vụ trưởng Vụ Thi đua - Khen thưởng",
        "council_name": "Hội đồng Thi đua - Khen thưởng Bộ Tư pháp",
        "session_date": "10/01/2026",
        "council_result": (
            "Hội đồng Thi đua - Khen thưởng Bộ Tư pháp họp ngày 10/01/2026, bỏ phiếu kín: "
            "02 cá nhân và 01 tập thể đạt tỷ lệ phiếu đồng ý theo quy định."
        ),
        "passed_count": "02 cá nhân và 01 tập thể",
        "failed_count": "",
    }
    return values, rows


def html(document: Filled) -> str:
    """The whole document as HTML, for WeasyPrint."""
    with translation.override("vi"):
        return render_to_string("certificates/document_pdf.html", {"doc": document})


def preview_html(document: Filled) -> str:
    """The document's body, for the template editor's preview (the site's stylesheet)."""
    with translation.override("vi"):
        return render_to_string("certificates/_document.html", {"doc": document})


def pdf(document: Filled) -> bytes:
    css = ""
    for name in CSS:
        with open(finders.find(name), encoding="utf-8") as sheet:
            css += sheet.read()
    return weasy.render(html(document), css)


def filename(made: Draft, extension: str) -> str:
    stem = "to-trinh" if made.document == SUBMISSION else "du-thao-quyet-dinh"
    return f"{stem}-de-nghi-{made.proposal.pk}.{extension}"
