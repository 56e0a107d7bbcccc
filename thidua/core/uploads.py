"""Uploaded files are accepted by what they contain, not by what they are called.

A file is accepted when its content is one of PDF, DOC, XLS (OLE2 with a Word or Excel
stream), DOCX, XLSX (an OOXML package for real: content types, main part, members that
inflate to at most ten times the size limit), JPEG or PNG, its extension
names the same type, and it is under ``settings.THIDUA_UPLOAD_MAX_BYTES`` (10 MB by
default). Dossier files (awards), score evidence (campaigns) and the papers kept beside
records (``thidua.core.attachments``) all go through here, and are stored under a random
name (``rename_safely``).
"""

import os
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from thidua.core import spreadsheets

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TEXT = "PDF, DOC, DOCX, XLS, XLSX, JPG, PNG"
MIME = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSIONS = {**{ext: ext for ext in MIME}, "jpeg": "jpg"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE2 directory are UTF-16LE.
OLE_STREAMS = {"doc": "WordDocument".encode("utf-16-le"), "xls": "Workbook".encode("utf-16-le")}
OLE_OLD_EXCEL = "Book".encode("utf-16-le") + b"\x00\x00"


@dataclass(frozen=True)
class Detected:
    kind: str  # a key of MIME
    size: int

    @property
    def content_type(self) -> str:
        return MIME[self.kind]


def max_bytes() -> int:
    return getattr(settings, "THIDUA_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def sniff(file) -> str | None:
    """The type of ``file`` judged by its bytes (a key of ``MIME``), or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(file)
    if head == OLE:
        return _sniff_ole(file)
    return None


# An OOXML package by its main part and the content type [Content_Types].xml must name.
PACKAGES = {
    "docx": ("word/document.xml", b"wordprocessingml"),
    "xlsx": ("xl/workbook.xml", spreadsheets.SPREADSHEET_TYPE),
}


def _sniff_zip(file) -> str | None:
    """DOCX or XLSX when the zip is such a package for real (``spreadsheets.check_package``):
    content types, main part, and every member inflated within ten times the size limit."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            for kind, (main_part, marker) in PACKAGES.items():
                if main_part in names:
                    budget = spreadsheets.check_package(
                        archive, main_part=main_part, marker=marker, limit=10 * max_bytes()
                    )
                    spreadsheets.inflate_all(archive, budget)
                    return kind
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, spreadsheets.SpreadsheetError):
        return None
    finally:
        file.seek(0)
    return None


def _sniff_ole(file) -> str | None:
    content = file.read()
    file.seek(0)
    if OLE_STREAMS["doc"] in content:
        return "doc"
    if OLE_STREAMS["xls"] in content or OLE_OLD_EXCEL in content:
        return "xls"
    return None


def validate_upload(file, *, kinds: tuple[str, ...] | None = None) -> Detected:
    """Raise a ``ValidationError`` naming the file and the reason, or return its type.

    ``kinds`` narrows the accepted types (keys of ``MIME``); the messages then list only
    those."""
    name = os.path.basename(getattr(file, "name", "") or "")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    accepted = kinds or tuple(MIME)
    allowed = ", ".join(kind.upper() for kind in accepted) if kinds else ALLOWED_TEXT
    if EXTENSIONS.get(extension) not in accepted:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận tệp %(allowed)s.")
            % {"name": name, "allowed": allowed},
            code="extension",
        )
    size = file.size
    if not size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt giới hạn %(limit)s.")
            % {"name": name, "size": _megabytes(size), "limit": _megabytes(limit)},
            code="size",
        )
    kind = sniff(file)
    if kind is None or kind not in accepted:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không phải là %(allowed)s; tệp không được nhận.")
            % {"name": name, "allowed": allowed},
            code="content",
        )
    if EXTENSIONS[extension] != kind:
        raise ValidationError(
            _(
                "Tệp “%(name)s” có đuôi .%(extension)s nhưng nội dung là tệp %(kind)s; "
                "hãy chọn đúng tệp."
            )
            % {"name": name, "extension": extension, "kind": kind.upper()},
            code="mismatch",
        )
    return Detected(kind=kind, size=size)


def rename_safely(file, detected: Detected) -> str:
    """Give an accepted upload a random name with its type's extension, the name it is
    stored under; return the user's file name, kept for display only (≤ 255 characters)."""
    original = os.path.basename(file.name or "")[:255]
    file.name = f"{uuid.uuid4().hex}.{detected.kind}"
    return original


DEFAULT_MAX_PIXELS = 40_000_000  # an A4 scan at 600 dpi is 35 million pixels
DEFAULT_MAX_SIDE = 12_000


def max_pixels() -> int:
    return getattr(settings, "THIDUA_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def max_side() -> int:
    return getattr(settings, "THIDUA_IMAGE_MAX_SIDE", DEFAULT_MAX_SIDE)


def validate_image(file) -> Detected:
    """A JPG or PNG whose pixel size is within ``THIDUA_IMAGE_MAX_PIXELS`` (40 million) and
    ``THIDUA_IMAGE_MAX_SIDE`` (12,000 px a side): a 1 MB PNG can hold 30,000 × 30,000 pixels
    that take gigabytes once decoded. Only the header is read; Pillow's decompression-bomb
    warning is an error here."""
    detected = validate_upload(file, kinds=("jpg", "png"))
    name = os.path.basename(getattr(file, "name", "") or "")
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        width = height = None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Không đọc được ảnh “%(name)s”; hãy quét lại và lưu dạng JPG hoặc PNG.")
            % {"name": name},
            code="content",
        ) from None
    finally:
        file.seek(0)
    if width is None or width * height > max_pixels() or max(width, height) > max_side():
        size = (
            _("%(width)s × %(height)s điểm ảnh") % {"width": width, "height": height}
            if width
            else _("quá lớn")
        )
        raise ValidationError(
            _(
                "Ảnh “%(name)s” có kích thước %(size)s, vượt giới hạn %(pixels)s triệu điểm "
                "ảnh (tối đa %(side)s điểm ảnh mỗi chiều). Hãy quét ở 300 dpi hoặc thu nhỏ ảnh."
            )
            % {
                "name": name,
                "size": size,
                "pixels": format(max_pixels() // 1_000_000),
                "side": f"{max_side():,}".replace(",", "."),
            },
            code="pixels",
        )
    return detected


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
