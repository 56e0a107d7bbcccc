"""Setup helpers shared by the browser journeys (files the user uploads)."""

import io

import openpyxl

from campaigns.imports import COLUMNS


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
