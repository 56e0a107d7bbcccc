"""Template wording: which fields it names, filling them in, and where fields may be placed.

The same check and fill serve every template with named fields: a certificate's
(``FIELDS``) and a drafted document's (``DOCUMENT_FIELDS``); a template class says which
by its ``FIELDS`` attribute."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from awards.certificates.fields import FIELDS, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, PT_TO_MM

FIELD = re.compile(r"\{([^{}]*)\}")


def named_fields(text: str) -> list[str]:
    return FIELD.findall(text or "")


def text_errors(text: str, fields=FIELDS) -> list[str]:
    """Why a piece of wording cannot be used: unknown fields, unbalanced braces."""
    errors = []
    unknown = [name for name in named_fields(text) if name.strip() not in fields]
    if unknown:
        errors.append(
            _("Trường không có trong danh sách: %(fields)s. Các trường dùng được: %(known)s.")
            % {
                "fields": ", ".join(f"{{{name}}}" for name in dict.fromkeys(unknown)),
                "known": ", ".join(f"{{{name}}}" for name in fields),
            }
        )
    leftover = FIELD.sub("", text or "")
    if "{" in leftover or "}" in leftover:
        example = "recipient_name" if "recipient_name" in fields else next(iter(fields))
        message = _("Dấu ngoặc { } không khớp: mỗi trường viết dạng {%(example)s}.")
        errors.append(message % {"example": example})
    return errors


def wording_errors(template) -> dict[str, list[str]]:
    """Errors per wording field of a template (empty when all are valid)."""
    errors = {}
    fields = getattr(template, "FIELDS", FIELDS)
    for name in template.WORDING:
        found = text_errors(getattr(template, name), fields)
        if found:
            errors[name] = found
    return errors


def fill(text: str, values: dict[str, str]) -> str:
    """The wording with every field replaced (unknown ones are refused before saving)."""
    return FIELD.sub(lambda m: values.get(m.group(1).strip(), ""), text or "")


def placement_error(field, x_mm, y_mm, width_mm, font_size) -> str | None:
    """Why a field placed at (x, y) with this width and font size leaves the page, or None."""
    if field not in FIELDS:
        return _("Trường “%(field)s” không có trong danh sách trường.") % {"field": field}
    if None in (x_mm, y_mm, width_mm, font_size):
        return None  # the form reports the missing number itself
    x, y, width, size = (Decimal(str(v)) for v in (x_mm, y_mm, width_mm, font_size))
    if x < 0 or y < 0 or width <= 0 or size <= 0:
        return _("Trường {%(field)s}: tọa độ, độ rộng và cỡ chữ phải là số dương.") % {
            "field": field
        }
    line = size * Decimal(str(PT_TO_MM)) * Decimal("1.3")
    if x + width > PAGE_WIDTH_MM or y + line > PAGE_HEIGHT_MM:
        return _(
            "Trường {%(field)s} nằm ngoài trang: ô chữ từ (%(x)s; %(y)s) mm rộng %(w)s mm, "
            "cao %(h)s mm vượt khổ A4 ngang %(pw)s × %(ph)s mm."
        ) % {
            "field": field,
            "x": x,
            "y": y,
            "w": width,
            "h": f"{line:.1f}",
            "pw": PAGE_WIDTH_MM,
            "ph": PAGE_HEIGHT_MM,
        }
    return None
