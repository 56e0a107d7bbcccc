"""The one rule for a number that comes from a request (an id, a year): parse it here.

A view never hands a raw POST or GET value to the ORM. ``parse_id("12")`` is 12; anything
that is not a plain run of ASCII digits naming a positive integer a database column can hold
(``"abc"``, ``"1.5"``, ``"-3"``, ``" 7 "`` is fine once stripped, ``"²"`` and ``"٣"`` are not
— ``str.isdigit`` accepts those but ``int`` refuses the first) is ``None``, which the caller
treats as "no such object". ``parse_ids`` keeps the valid ids of a list, in order, once each.
"""

from collections.abc import Iterable

MAX_ID = 2**63 - 1  # the largest value of a BigAutoField (and of a PostgreSQL bigint)
_MAX_DIGITS = len(str(MAX_ID))


def parse_int(raw, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """``raw`` as an int in [minimum, maximum], or None."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not text or len(text) > _MAX_DIGITS or not (text.isascii() and text.isdigit()):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def parse_id(raw) -> int | None:
    """A primary key from a request, or None."""
    return parse_int(raw)


def parse_ids(raws: Iterable) -> list[int]:
    """The valid primary keys of ``raws`` (``request.POST.getlist(...)``), in order, once each."""
    ids = (parse_id(raw) for raw in raws)
    return list(dict.fromkeys(pk for pk in ids if pk is not None))
