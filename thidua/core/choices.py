"""Long selects, once for every form: the empty option's wording, groups, type-to-filter.

- ``EMPTY_CHOICE`` is the empty option of every entry form ("— Chọn —", required or not;
  what leaving a field empty means is the field's help text), ``EMPTY_FILTER`` the empty
  option of every filter ("Tất cả"). No form writes its own.
- ``GroupedModelChoiceField`` / ``GroupedModelMultipleChoiceField`` list their rows in
  ``<optgroup>``s: ``group_by(row)`` gives ``(rank, label)``; groups come in ``rank`` order,
  rows within a group in the queryset's order. It costs the queryset's one query.
- Such a select is marked ``data-searchable``: with more than ``SEARCHABLE_MIN`` options,
  static/js/select-search.js puts a type-to-filter box above it. Without the script the
  plain grouped select works.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

EMPTY_CHOICE = _("— Chọn —")
EMPTY_FILTER = _("Tất cả")
DJANGO_EMPTY = "---------"
# A select with more options than this gets the type-to-filter box (the script reads it).
SEARCHABLE_MIN = 15

GroupBy = Callable[[Any], tuple[Any, str]]


def searchable(widget: forms.Widget) -> forms.Widget:
    """Mark a select for the type-to-filter box (used when it is long); the script's words
    come with it, translated when the page is rendered."""
    widget.attrs.update(
        {
            "data-searchable": str(SEARCHABLE_MIN),
            "data-search-label": _("Lọc danh sách"),
            "data-search-placeholder": _("Gõ vài chữ để lọc…"),
            "data-search-count": _("{shown} trên {total} lựa chọn phù hợp"),
        }
    )
    return widget


def with_empty(choices, empty=EMPTY_CHOICE) -> list:
    """``choices`` after the one empty option."""
    return [("", empty), *choices]


def use_empty_label(form: forms.Form) -> None:
    """Django's "---------" becomes ``EMPTY_CHOICE``: on every single-choice model field,
    and on the blank choice a model field with ``choices`` gives its form field."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_EMPTY:
                field.empty_label = EMPTY_CHOICE
        elif isinstance(field, forms.ChoiceField) and (("", DJANGO_EMPTY) in field.choices):
            field.choices = [
                ("", EMPTY_CHOICE) if choice == ("", DJANGO_EMPTY) else choice
                for choice in field.choices
            ]


class GroupedChoiceIterator(ModelChoiceIterator):
    """The empty option, then one ``(group label, [choices])`` per group, in rank order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        groups: dict[str, tuple[Any, list]] = {}
        for row in queryset:
            rank, label = self.field.group_by(row)
            groups.setdefault(str(label), (rank, []))[1].append(self.choice(row))
        for label, (_rank, choices) in sorted(groups.items(), key=lambda item: item[1][0]):
            yield (label, choices)


class GroupedModelChoiceField(forms.ModelChoiceField):
    iterator = GroupedChoiceIterator

    def __init__(self, queryset, *, group_by: GroupBy, empty_label=EMPTY_CHOICE, **kwargs):
        self.group_by = group_by
        super().__init__(queryset, empty_label=empty_label, **kwargs)
        searchable(self.widget)


class GroupedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = GroupedChoiceIterator

    def __init__(self, queryset, *, group_by: GroupBy, **kwargs):
        self.group_by = group_by
        super().__init__(queryset, **kwargs)
        searchable(self.widget)
