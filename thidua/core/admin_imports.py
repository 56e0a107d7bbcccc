"""The admin's import-export forms read files through the kernel's bounded reader.

``BoundedImportMixin`` goes before ``ImportExportModelAdmin`` (or ``ImportMixin``) on every
admin that imports: its formats (CSV, TSV, XLSX; the unbounded readers of XLS, ODS, JSON,
YAML and HTML are not offered) read the file with ``thidua.core.spreadsheets`` (size, raw
rows, inflated bytes, XML elements), strip zero-width characters from every text cell, and
refuse with a Vietnamese message; a file the reader cannot read shows that message, never an
exception's English name nor a traceback, whatever ``DEBUG`` is. Its CSV export starts with
a byte order mark, so Excel opens it as UTF-8 with the diacritics intact (the import reads
it with or without one).
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from thidua.core import spreadsheets
from thidua.core.text import strip_invisible


def _clean(value):
    return strip_invisible(value).strip() if isinstance(value, str) else value


def _dataset(rows) -> tablib.Dataset:
    """A dataset from (header, *rows); blank rows dropped (they were counted already)."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None or not any(cell not in (None, "") for cell in header):
        raise spreadsheets.SpreadsheetError(
            _("Tệp không có dòng tiêu đề: dòng đầu tiên phải là tên các cột.")
        )
    width = len(header)
    dataset = tablib.Dataset(headers=[str(_clean(cell) or "") for cell in header])
    for values in rows:
        values = [_clean(value) for value in values][:width]
        if all(value in (None, "") for value in values):
            continue
        dataset.append(values + [None] * (width - len(values)))
    if not dataset:
        raise spreadsheets.SpreadsheetError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return dataset


def _limit() -> int:
    return spreadsheets.max_rows() + spreadsheets.HEADER_ROWS


def _check_size(data) -> None:
    limit = spreadsheets.max_bytes()
    if len(data) > limit:
        raise spreadsheets.SpreadsheetError(
            _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s. Hãy chia thành nhiều tệp.")
            % {
                "size": spreadsheets.format_size(len(data)),
                "limit": spreadsheets.format_size(limit),
            }
        )
    if not data:
        raise spreadsheets.SpreadsheetError(_("Tệp rỗng: không có dữ liệu nào."))


class BoundedXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        _check_size(in_stream)
        workbook = spreadsheets.open_workbook(in_stream, rows=_limit())
        try:
            return _dataset(spreadsheets.bounded_rows(workbook.active, limit=_limit()))
        except ValidationError:
            raise
        except Exception:
            raise spreadsheets.SpreadsheetError(spreadsheets.not_excel()) from None
        finally:
            workbook.close()


class _BoundedText:
    delimiter = ","

    def create_dataset(self, in_stream, **kwargs):
        data = in_stream.encode() if isinstance(in_stream, str) else in_stream
        _check_size(data)
        rows = spreadsheets.read_text_table(data, delimiter=self.delimiter, limit=_limit())
        return _dataset(rows)


class BoundedCSV(_BoundedText, base_formats.CSV):
    delimiter = ","


class BoundedTSV(_BoundedText, base_formats.TSV):
    delimiter = "\t"


class ExcelCSV(base_formats.CSV):
    """CSV for Excel: UTF-8 with a byte order mark, without which Excel reads the file in
    the machine's ANSI code page and "Thi hành án" becomes "Thi hÃ nh Ã¡n"."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


class BoundedImportMixin:
    """Put first on an import-export admin: bounded formats, Vietnamese refusals, a CSV
    export that Excel opens with its diacritics."""

    import_formats = [BoundedCSV, BoundedTSV, BoundedXLSX]

    @property
    def export_formats(self):
        return [
            ExcelCSV if fmt is base_formats.CSV else fmt for fmt in base_formats.DEFAULT_FORMATS
        ]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ValidationError):
            for message in e.messages:
                form.add_error("import_file", message)
        else:
            form.add_error(
                "import_file",
                _(
                    "Không đọc được tệp. Hãy chọn đúng định dạng (CSV, TSV hoặc Excel .xlsx) "
                    "và dùng tệp xuất từ hệ thống làm mẫu."
                ),
            )
