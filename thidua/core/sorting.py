"""Sorting a list by one of its columns, chosen with ``?sort=key`` or ``?sort=-key``.

A view declares the columns it may be sorted by, a whitelist ``{key: Column}`` whose
orderings are written in code; the query string only picks a key. An unknown key is reported
and the default order is used: a request value never reaches ``order_by``. Every order ends
with the primary key, in the same direction, so equal rows keep one order and descending is the
exact reverse of ascending.

The header of a sortable column is ``core/sort_th.html`` (``{% include "core/sort_th.html"
with column=sort.headers.number %}``): a link that sorts by the column (ascending first, then
toggling), ``aria-sort`` on the current column and a visually-hidden hint of what the link does.
The link keeps the other query parameters (filters) and goes back to the first page; a filter
form keeps the order with ``<input type="hidden" name="sort" value="{{ sort.value }}">``.
"""

from dataclasses import dataclass, field

from django.db.models import F, OrderBy
from django.utils.translation import gettext as _

PARAM = "sort"


@dataclass(frozen=True)
class Nullable:
    """An ordering by a field that may be empty: empty values come first when ascending and
    last when descending, on every database (SQLite and PostgreSQL disagree otherwise)."""

    name: str


@dataclass(frozen=True)
class Column:
    """A sortable column: its header text and what it orders by (field names or
    ``Nullable``), the first one deciding."""

    label: str
    ordering: tuple
    css: str = ""

    def __post_init__(self):
        if isinstance(self.ordering, str | Nullable):
            object.__setattr__(self, "ordering", (self.ordering,))


@dataclass(frozen=True)
class Header:
    """What ``core/sort_th.html`` shows for one column."""

    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "" (not the current order)
    hint: str
    css: str = ""

    @property
    def arrow(self) -> str:
        return {"ascending": "▲", "descending": "▼"}.get(self.aria_sort, "")


@dataclass
class Sort:
    key: str
    descending: bool
    explicit: bool  # chosen in the query string (not the default)
    columns: dict
    headers: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def value(self) -> str:
        """The ``sort`` parameter to keep in a filter form ("" for the default order)."""
        if not self.explicit:
            return ""
        return f"-{self.key}" if self.descending else self.key

    def order_by(self) -> list[OrderBy]:
        expressions = [*self.columns[self.key].ordering, "pk"]
        return [_direction(expression, self.descending) for expression in expressions]

    def apply(self, queryset):
        return queryset.order_by(*self.order_by())


def _direction(expression, descending: bool) -> OrderBy:
    if isinstance(expression, Nullable):
        column = F(expression.name)
        return column.desc(nulls_last=True) if descending else column.asc(nulls_first=True)
    column = F(expression)
    return column.desc() if descending else column.asc()


def _parse(value: str, columns: dict) -> tuple[str, bool] | None:
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in columns:
        return None
    return key, descending


def read_sort(request, columns: dict[str, Column], default: str) -> Sort:
    """The order a list asks for: ``?sort=`` when it names a column, else ``default``
    (``"key"`` or ``"-key"``, a key of ``columns``); a rejected value is in ``problems``."""
    chosen = _parse(default, columns)
    if chosen is None:
        raise ValueError(f"The default order {default!r} is not one of the columns.")
    raw = request.GET.get(PARAM, "").strip()
    problems = []
    parsed = _parse(raw, columns) if raw else None
    if raw and parsed is None:
        problems.append(
            _("Không sắp xếp được theo “%(value)s”; đang dùng thứ tự mặc định.")
            % {"value": raw[:50]}
        )
    key, descending = parsed or chosen
    sort = Sort(key, descending, parsed is not None, columns, problems=problems)
    sort.headers = {name: _header(request, sort, name) for name in columns}
    return sort


def _header(request, sort: Sort, name: str) -> Header:
    column = sort.columns[name]
    current = name == sort.key
    # The current column toggles; another starts ascending.
    descending_next = current and not sort.descending
    params = request.GET.copy()
    params.pop("page", None)
    params[PARAM] = f"-{name}" if descending_next else name
    if descending_next:
        hint = _("(đang sắp xếp tăng dần; bấm để sắp xếp giảm dần)")
    elif current:
        hint = _("(đang sắp xếp giảm dần; bấm để sắp xếp tăng dần)")
    else:
        hint = _("(bấm để sắp xếp tăng dần)")
    aria = ""
    if current:
        aria = "descending" if sort.descending else "ascending"
    return Header(str(column.label), "?" + params.urlencode(), aria, hint, column.css)
