"""Every spreadsheet and CSV we write goes through here: no text cell is ever a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
taken for a formula by Excel, LibreOffice or Google Sheets when the file is a CSV/TSV, and
written as a live formula by openpyxl when it starts with ``=``. Following the OWASP
CSV-injection guidance, such text is prefixed with a single quote (``'=HYPERLINK(…)``): the
cell shows exactly what was typed and computes nothing. A plain number written as text
(``-5``, ``+84``) is left alone; it cannot call anything.

- ``safe_text(value)``: one string, also stripped of the characters XML refuses.
- ``safe_row(values)``: the values of one openpyxl row; strings and cells holding a formula
  become strings (data type ``s``); numbers, dates and ``Formula`` values we wrote ourselves
  stay what they are.
- ``SafeResource``: the base of every django-import-export resource; its export path runs
  every value through ``safe_text`` whatever the format (CSV, TSV, XLSX, …). On import it
  reports errors in Vietnamese and without a traceback (server paths), whatever ``DEBUG``
  is; the file itself is read by ``thidua.core.admin_imports``.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from import_export import exceptions, resources
from import_export.results import Error
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class Formula(str):
    """A formula the application writes on purpose (a lookup in our own template)."""


def safe_text(value: str) -> str:
    """``value`` as a spreadsheet shows it written: never a formula, no illegal characters."""
    if isinstance(value, Formula):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if value.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return f"'{value}"
    return value


def safe_value(value):
    """A value for an openpyxl row: text neutralised, our own formulas and numbers as is."""
    if isinstance(value, Formula):
        return value
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Cell) and (value.data_type == "f" or isinstance(value.value, str)):
        text = value.value
        if text is not None and not isinstance(text, Formula):
            value.value = safe_text(str(text))
            value.data_type = "s"
    return value


def safe_row(values) -> list:
    """The values of one row, each through ``safe_value``."""
    return [safe_value(value) for value in values]


class SafeResource(resources.ModelResource):
    """Base of every import-export resource: exported text cannot become a formula."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return safe_text(value) if isinstance(value, str) else value

    def get_error_result_class(self):
        return QuietError

    def _check_import_id_fields(self, headers):
        names = [self.fields[name] for name in self.get_import_id_fields() if name in self.fields]
        missing = [field.column_name for field in names if field.column_name not in (headers or ())]
        if missing:
            raise ValidationError(
                _(
                    "Tệp thiếu cột khóa %(missing)s: dòng đầu tiên phải có các cột %(columns)s "
                    "(xuất một tệp từ hệ thống để có mẫu)."
                )
                % {
                    "missing": ", ".join(f"“{name}”" for name in missing),
                    "columns": ", ".join(f"“{name}”" for name in self.get_export_headers()),
                }
            )
        super()._check_import_id_fields(headers)


class ImportRefusal(Exception):
    """What an import error shows: one Vietnamese sentence."""


class QuietError(Error):
    """An import error shown as a Vietnamese message, never with its traceback."""

    def __init__(self, error, row=None, number=None):
        if isinstance(error, ValidationError):
            message = " ".join(error.messages)
        elif isinstance(error, ObjectDoesNotExist):
            message = _("Không tìm thấy đối tượng mà dòng này tham chiếu (mã sai).")
        elif isinstance(error, exceptions.FieldError):
            message = _("Tệp thiếu cột bắt buộc; hãy dùng tệp xuất từ hệ thống.")
        else:
            message = _("Dòng này không nhập được (%(reason)s).") % {"reason": type(error).__name__}
        super().__init__(ImportRefusal(message), row=row, number=number)

    @property
    def traceback(self):
        return ""
