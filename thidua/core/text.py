"""Vietnamese text helpers shared by every app."""

import unicodedata


def search_key(text: str | None) -> str:
    """Fold Vietnamese text for diacritic-insensitive search.

    "Nguyễn Văn Ánh" -> "nguyen van anh", "Đồng Tháp" -> "dong thap". The same key is
    stored on rows and computed from the query, so SQLite and PostgreSQL behave alike.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def two_digits(n: int) -> str:
    """Counts in administrative reports are written with at least two digits: 01, 08, 12."""
    return f"{n:02d}"


# Zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible in a cell,
# but "CB001\u200d" is not "CB001".
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters (U+200B–U+200D, U+2060, U+FEFF)."""
    return text.translate(INVISIBLE)


def normalise_code(text: str | None) -> str:
    """An imported code as it is meant: NFC, no zero-width characters, single spaces."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", strip_invisible(str(text))).split())


# Free-text limits, in characters (README, "Giới hạn dữ liệu nhập"). A form refuses longer
# text with Django's message; the models carry the same ``max_length`` (admin, full_clean).
NOTE_MAX = 2_000  # notes, reasons, opinions, comments
SUMMARY_MAX = 5_000  # summaries, descriptions, guidance, certificate wording
ACHIEVEMENT_MAX = 10_000  # a nominee's achievement summary (the full report is a file)
DOCUMENT_MAX = 20_000  # a pledge's content and commitments, council minutes
