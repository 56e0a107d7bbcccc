"""Setup helpers shared by the browser journeys (files the user uploads, rows they find)."""

import io

import openpyxl
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns.imports import COLUMNS
from campaigns.models import Registration
from tests.awards.history_builders import decision_row, history_workbook
from tests.factories import AwardFactory, CampaignFactory, RegistrationFactory


def registration_workbook(rows) -> bytes:
    """An .xlsx like the template: sheet "Đăng ký", its header, then ``rows`` given as
    (staff code, full name, unit code, award code)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Đăng ký"
    sheet.append(list(COLUMNS.values()))
    for code, name, unit_code, award in rows:
        sheet.append([code, name, unit_code, "", award, "", ""])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def xlsx_upload(name: str, content: bytes) -> dict:
    """A file for Playwright's ``set_input_files``."""
    return {
        "name": name,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": content,
    }


def decade_of_decisions(people, office_code: str, *, bad_row: bool = False) -> bytes:
    """A province's ten years of history (2015–2024) in the history template: each year the
    office's own decision (LĐTT to each person, TT LĐTT to the office) and the Minister's
    Bằng khen to the first person; ``bad_row`` adds a row naming a unit that never existed."""
    rows = []
    for year in range(2015, 2025):
        own = {
            "number": f"{year - 2000}/QĐ-THADS",
            "signed_on": f"15/01/{year + 1}",
            "authority": "thu-truong-don-vi",
            "issuer_code": office_code,
            "signer_name": "Trần Văn Bình",
            "signer_position": "Cục trưởng",
            "year": year,
        }
        rows += [{**own, "award": "ldtt", "person_code": p.code} for p in people]
        rows.append({**own, "award": "tt-ldtt", "unit_code": office_code})
        rows.append(
            decision_row(
                number=f"{year - 2000}0/QĐ-BTP",
                signed_on=f"20/01/{year + 1}",
                person_code=people[0].code,
                unit_code=office_code,
                year=year,
            )
        )
        if bad_row and year == 2016:
            rows.append({**own, "award": "tt-ldtt", "unit_name": "Chi cục Thi hành án Không Có"})
    return history_workbook(decisions=rows)


def sent_registrations(sector, people):
    """A campaign of the THADS headquarters over Long An, with a "Lao động tiên tiến" line
    sent by the district office for each of ``people``: (campaign, lines)."""
    ldtt = AwardFactory(code="ldtt", name="Lao động tiên tiến", kind=Award.Kind.TITLE)
    campaign = CampaignFactory(
        name="Thi đua hoàn thành xuất sắc nhiệm vụ năm",
        launched_by=sector.hq,
        scope_units=[sector.thads_long_an],
        awards=[ldtt],
    )
    lines = [
        RegistrationFactory(
            campaign=campaign,
            award=ldtt,
            unit=sector.district,
            person=person,
            status=Registration.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for person in people
    ]
    return campaign, lines
