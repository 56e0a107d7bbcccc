"""Plain helpers of the certificate tests: a decision of Long An's People's Committee, its
recipients, and the text of a PDF's pages. No fixtures here (``ubnd`` is in ``fixtures.py``)."""

import datetime
import io

from pypdf import PdfReader

from awards.models import Decision
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory

ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace folded (wrapped lines joined by one space)."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def make_decision(sector, ubnd, *, number="12/QĐ-UBND", day=None, status=None, **extra):
    day = day or datetime.date(2026, 1, 15)
    extra.setdefault("issuing_unit", ubnd.unit)
    return DecisionFactory(
        authority=ubnd.authority,
        handling_unit=sector.thads_long_an,
        number=number,
        year=day.year,
        signed_on=day,
        place="Long An",
        signer_name="Nguyễn Văn Út",
        signer_position="Chủ tịch",
        status=status or Decision.Status.ISSUED,
        **extra,
    )


def confer_people(decision, award, unit, names, position="Chấp hành viên"):
    made = []
    for name in names:
        person = PersonFactory(full_name=name, gender="F", assigned_to=unit)
        made.append(
            ConfermentFactory(
                decision=decision,
                award=award,
                person=person,
                unit=unit,
                position=position,
                year=decision.year - 1,
                achievement=ACHIEVEMENT,
            )
        )
    return made
