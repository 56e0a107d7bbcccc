"""Workbooks for the history import, written the way an office fills the template."""

import io

import openpyxl

from awards.history.sheets import COLUMNS, DECISIONS, INITIATIVES, RATINGS, SHEETS


def decision_row(**cells) -> dict:
    """A conferment row of a Bằng khen of the Minister to a person known by code."""
    return {
        "number": "125/QĐ-BTP",
        "signed_on": "15/01/2016",
        "authority": "bo-truong-btp",
        "issuer_code": "btp",
        "signer_name": "Lê Thành Long",
        "signer_position": "Bộ trưởng",
        "award": "bk-bo-ca-nhan",
        "year": 2015,
        **cells,
    }


def history_workbook(*, decisions=(), ratings=(), initiatives=()) -> bytes:
    """One sheet per kind of row given; each row a dict of column keys → cell values."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind, rows in ((DECISIONS, decisions), (RATINGS, ratings), (INITIATIVES, initiatives)):
        if not rows:
            continue
        sheet = book.create_sheet(SHEETS[kind])
        keys = list(COLUMNS[kind])
        sheet.append([COLUMNS[kind][key] for key in keys])
        for row in rows:
            sheet.append([row.get(key) for key in keys])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
