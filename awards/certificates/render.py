"""Certificates as HTML and PDF: one A4 landscape page per recipient.

The page is a fixed box (overflow hidden), so a certificate never spills onto a second
page; long names and unit names get a smaller font, chosen here from the text's length
(``fit``), and wrap inside their box. On a pre-printed blank (``blank=True``) only the
placed fields are printed, each at its millimetre position. The HTML is written in Python
(no template engine per page): 500 certificates cost the same few milliseconds as one.
"""

import base64
import datetime
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from awards import documents
from awards.certificates.fields import FIELDS, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, PT_TO_MM
from awards.certificates.models import Certificate, CertificateTemplate
from awards.certificates.wording import fill
from awards.models import Conferment, Decision, SignedDocument
from awards.reports import weasy
from thidua.core.documents import MOTTO, NATION, place_date

# (longest text, font size in pt) per part of the certificate: the first that fits wins.
SIZES = {
    "heading": ((48, 17), (70, 15), (110, 13), (None, 11)),
    "title": ((30, 30), (50, 24), (None, 19)),
    "recipient": ((26, 27), (36, 23), (50, 19), (80, 16), (None, 13)),
    "details": ((80, 16), (140, 14), (220, 12.5), (330, 11), (None, 9.5)),
    "body": ((120, 15), (260, 13.5), (420, 12), (None, 10.5)),
    "reference": ((None, 11.5),),
    "signature": ((None, 13),),
}


# On plain paper the certificate carries the Quốc hiệu and Tiêu ngữ itself (a scanned blank
# shown behind the text has them printed).
NATION_HTML = (
    f'<div class="c-nation">{NATION}</div><div class="c-motto">{MOTTO}</div>'
    '<div class="c-motto-rule"></div>'
)


def fit(part: str, text: str) -> float:
    """The font size (pt) for ``text`` in ``part``: smaller the longer it is."""
    length = len(text)
    for limit, size in SIZES[part]:
        if limit is None or length <= limit:
            return size
    return SIZES[part][-1][1]


def size_class(part: str, size: float) -> str:
    steps = [s for _limit, s in SIZES[part]]
    return f"fit-{steps.index(size)}"


def _date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def authority_heading(decision: Decision) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN": the signer's office and the issuing body.

    Words the office ends with and the body's name starts with are said once ("Giám đốc
    Sở" + "Sở Tư pháp tỉnh Long An" → "GIÁM ĐỐC SỞ TƯ PHÁP TỈNH LONG AN"); a position that
    already names the body is used alone; "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" names the office.
    """
    position = decision.signer_position.strip()
    if decision.signer_authority:  # a deputy (KT.), an acting head (Q.) …: the head's office
        position = documents.head_title(decision.issuing_unit, decision.authority)
    body = decision.issuing_unit.name.strip()
    if not position:
        return body.upper()
    office = position.splitlines()[0]
    for prefix in ("KT.", "TM.", "TL.", "Q."):
        if office.upper().startswith(prefix):
            office = office[len(prefix) :]
    if body.lower() in position.lower():
        return position.upper()
    return documents.office_of(office.strip(), body).upper()


def values_for(
    conferment: Conferment, decision: Decision, certificate: Certificate | None
) -> dict[str, str]:
    """The named fields of one certificate."""
    person = conferment.person
    position = conferment.position if person else ""
    unit = conferment.unit.name if person else ""
    return {
        "authority_heading": authority_heading(decision),
        "award_name": conferment.award.name,
        "honorific": person.honorific if person else "",
        "recipient_name": person.full_name if person else conferment.unit.name,
        "position": position,
        "unit_name": unit,
        "position_unit": ", ".join(part for part in (position, unit) if part),
        "achievement": conferment.achievement
        or _("Đã có thành tích xuất sắc trong phong trào thi đua năm %(y)s")
        % {"y": conferment.year},
        "year": str(conferment.year),
        "decision_number": decision.number,
        "decision_date": _date(decision.signed_on),
        "register_number": certificate.register_number if certificate else "",
        "place_date": place_date(decision.place, decision.signed_on),
        "signer_position": "\n".join(documents.decision_signature(decision).lines),
        "signer_name": decision.signer_name,
        "digital_signature": signed_line(decision),
    }


def signed_line(decision: Decision) -> str:
    """ "Quyết định số … đã được ký số (…)" when the decision's signed PDF is verified and
    stored (``awards.models.SignedDocument``), else "". One query per decision."""
    try:
        signed = decision.signed_document
    except SignedDocument.DoesNotExist:
        return ""
    return _(
        "Quyết định số %(number)s đã được ký số bởi %(signer)s ngày %(day)s; bản điện tử có "
        "giá trị pháp lý như bản giấy."
    ) % {
        "number": decision.number,
        "signer": signed.signer_name or signed.signer_subject,
        "day": f"{timezone.localtime(signed.signed_at):%d/%m/%Y}",
    }


def sample_values() -> dict[str, str]:
    """The issue's example, for previews of a template."""
    day = datetime.date(2026, 1, 15)
    return {
        "authority_heading": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN",
        "award_name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "honorific": "Bà",
        "recipient_name": "Nguyễn Thị Thanh Hương",
        "position": "Chấp hành viên",
        "unit_name": "Phòng Thi hành án dân sự khu vực 1",
        "position_unit": "Chấp hành viên, Phòng Thi hành án dân sự khu vực 1",
        "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        "year": "2025",
        "decision_number": "12/QĐ-UBND",
        "decision_date": _date(day),
        "register_number": "0012",
        "place_date": place_date("Long An", day),
        "signer_position": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Út",
    }


@dataclass
class Part:
    name: str
    text: str
    size: float

    @property
    def css_class(self) -> str:
        return size_class(self.name, self.size)

    @property
    def html(self) -> str:
        lines = [escape(line) for line in self.text.splitlines()]
        if self.name in ("heading", "title"):
            lines = [line.upper() for line in lines]
        if self.name == "signature" and lines:
            # The place and date line is italic and light; blank lines leave room to sign,
            # as a margin rather than empty lines (each line box costs layout time).
            lines[0] = f'<i class="c-place">{lines[0]}</i>'
            groups, gap = [[]], False
            for line in lines:
                if not line:
                    gap = True
                    continue
                if gap and groups[-1]:
                    groups.append([])
                gap = False
                groups[-1].append(line)
            return "".join(
                f'<div class="{"c-sign-gap" if i else "c-sign"}">{"<br>".join(g)}</div>'
                for i, g in enumerate(groups)
            )
        return "<br>".join(line or "&nbsp;" for line in lines)


def parts(template: CertificateTemplate, values: dict[str, str]) -> dict[str, Part]:
    """Each wording part filled in, with the font size its length calls for."""
    found = {}
    for name in template.WORDING:
        text = fill(getattr(template, name), values).strip()
        longest = max((len(line) for line in text.splitlines()), default=0)
        found[name] = Part(name, text, fit(name, text if name != "title" else "x" * longest))
    return found


def page_html(template: CertificateTemplate, values: dict[str, str], background: str = "") -> str:
    """One certificate; font sizes are classes (``fit-N``) so the web preview, under the
    site's Content-Security-Policy, uses the same stylesheet as the PDF."""
    p = parts(template, values)

    def block(name: str) -> str:
        part = p[name]
        if not part.text:
            return ""
        return f'<div class="c-{name} {part.css_class}">{part.html}</div>'

    image = f'<img class="cert-bg" src="{background}" alt="">' if background else ""
    return (
        f'<section class="cert">{image}<div class="frame">'
        + ("" if background else NATION_HTML)
        + block("heading")
        + '<div class="c-rule"></div>'
        + block("title")
        + block("recipient")
        + block("details")
        + block("body")
        + '<div class="c-foot">'
        + block("reference")
        + block("signature")
        + _signed_html(values)
        + "</div></div></section>"
    )


def _signed_html(values: dict[str, str]) -> str:
    line = values.get("digital_signature", "")
    return f'<div class="c-signed">{escape(line)}</div>' if line else ""


def fit_css() -> str:
    """The ``fit-N`` font sizes of ``SIZES`` as CSS (kept in certificates-print.css)."""
    return "\n".join(
        f".c-{part}.fit-{i} {{ font-size: {size}pt; }}"
        for part, steps in SIZES.items()
        for i, (_limit, size) in enumerate(steps)
    )


def _blank_html(template: CertificateTemplate, values: dict[str, str]) -> str:
    fields = []
    for placement in _placements(template):
        text = values.get(placement.field, "")
        size = _shrink(text, float(placement.font_size), float(placement.width_mm))
        fields.append(
            f'<div class="b-field b-{placement.align}" style="left:{placement.x_mm}mm;'
            f"top:{placement.y_mm}mm;width:{placement.width_mm}mm;font-size:{size:.1f}pt"
            f'">{escape(text)}</div>'
        )
    return '<section class="cert blank">' + "".join(fields) + "</section>"


def _placements(template: CertificateTemplate) -> list:
    # An unsaved stock template (no default seeded for its kind) has no blank layout yet.
    return list(template.placements.all()) if template.pk else []


def _shrink(text: str, size: float, width_mm: float) -> float:
    """A size at which ``text`` fits on two lines of ``width_mm`` (never under 8 pt).

    Tinos averages about 0.5 em per character."""
    while size > 8 and len(text) * size * 0.55 * PT_TO_MM > 2 * width_mm:
        size -= 0.5
    return size


def stylesheet() -> str:
    with open(finders.find("css/certificates-print.css"), encoding="utf-8") as css:
        return css.read()


def document(pages: list[str]) -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(_('Bằng khen'))}</title></head><body>" + "".join(pages) + "</body></html>"
    )


def certificates_html(items, *, blank: bool = False, background: str = "") -> str:
    """``items``: (template, values) pairs, one page each."""
    if blank:
        return document([_blank_html(t, v) for t, v in items])
    return document([page_html(t, v, background) for t, v in items])


def render_pdf(html: str) -> bytes:
    return weasy.render(html, stylesheet())


def background_uri(template: CertificateTemplate) -> str:
    """The blank's scan as a data: URI (allowed by the site's CSP and read by WeasyPrint)."""
    if not template.background:
        return ""
    try:
        with template.background.open("rb") as file:
            data = file.read()
    except OSError:
        return ""
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(data).decode("ascii")


def calibration_html(template: CertificateTemplate) -> str:
    """A millimetre grid over the whole page, with each placed field's box and name."""
    lines = []
    for x in range(PAGE_WIDTH_MM + 1):
        weight = "major" if x % 10 == 0 else "mid" if x % 5 == 0 else "minor"
        lines.append(f'<line class="{weight}" x1="{x}" y1="0" x2="{x}" y2="{PAGE_HEIGHT_MM}"/>')
    for y in range(PAGE_HEIGHT_MM + 1):
        weight = "major" if y % 10 == 0 else "mid" if y % 5 == 0 else "minor"
        lines.append(f'<line class="{weight}" x1="0" y1="{y}" x2="{PAGE_WIDTH_MM}" y2="{y}"/>')
    labels = [f'<text x="{x + 0.5}" y="3">{x}</text>' for x in range(10, PAGE_WIDTH_MM, 10)] + [
        f'<text x="0.5" y="{y - 0.5}">{y}</text>' for y in range(10, PAGE_HEIGHT_MM, 10)
    ]
    svg = (
        f'<svg class="grid" xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH_MM}mm" '
        f'height="{PAGE_HEIGHT_MM}mm" viewBox="0 0 {PAGE_WIDTH_MM} {PAGE_HEIGHT_MM}">'
        "<style>line{stroke:#9ab;stroke-width:.05}line.mid{stroke-width:.12}"
        "line.major{stroke:#456;stroke-width:.2}text{font-size:2.2px;fill:#345;"
        "font-family:'Tinos'}</style>" + "".join(lines) + "".join(labels) + "</svg>"
    )
    boxes = []
    for placement in _placements(template):
        height = float(placement.font_size) * PT_TO_MM * 1.3
        boxes.append(
            f'<div class="cal-box" style="left:{placement.x_mm}mm;top:{placement.y_mm}mm;'
            f'width:{placement.width_mm}mm;height:{height:.1f}mm">'
            f"{{{escape(placement.field)}}} ({placement.x_mm}; {placement.y_mm})</div>"
        )
    title = escape(_("Trang căn chỉnh: lưới milimét, gốc tọa độ ở góc trên bên trái"))
    return document(
        [
            f'<section class="cert calibration">{svg}{"".join(boxes)}'
            f'<div class="cal-title">{title} – {escape(str(template))}</div></section>'
        ]
    )


def fields_legend() -> list[tuple[str, str]]:
    return [(name, str(label)) for name, label in FIELDS.items()]
