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
