"""Award pickers: every award a select lists says whom it is for, grouped by its authority.

``award_label`` is the one label of an award in a choice ("Lao động tiên tiến (cá nhân)",
"Tập thể lao động tiên tiến (tập thể)"): two awards of the same name for individuals and
collectives cannot be confused. Every form that lists awards uses it, or one of the fields.
"""

from django import forms

from awards.catalogue.models import Award
from thidua.core.choices import GroupedModelChoiceField, searchable


def award_label(award: Award) -> str:
    return f"{award.name} ({award.get_subject_display().lower()})"


def award_group(award: Award) -> tuple[tuple, str]:
    """Awards are listed under their authority (needs ``authority`` loaded)."""
    return (award.authority.order, award.authority.name), award.authority.name


def grouped_award_choices(awards) -> list[tuple]:
    """Choices of a plain ``ChoiceField`` (ids as values), grouped like ``AwardChoiceField``:
    ``awards`` is a list or queryset with ``authority`` loaded."""
    groups: dict[str, tuple[tuple, list]] = {}
    for award in awards:
        rank, label = award_group(award)
        groups.setdefault(str(label), (rank, []))[1].append((award.pk, award_label(award)))
    ordered = sorted(groups.items(), key=lambda group: group[1][0])
    return [(label, choices) for label, (_rank, choices) in ordered]


class _AwardQueryset:
    """The authority comes with the awards (labels and groups read it)."""

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("authority")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj) -> str:
        return award_label(obj)


class AwardChoiceField(_AwardQueryset, GroupedModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        queryset = Award.objects.none() if queryset is None else queryset
        super().__init__(queryset, group_by=award_group, **kwargs)


class AwardMultipleChoiceField(_AwardQueryset, forms.ModelMultipleChoiceField):
    """Awards as a list of boxes or a multiple select, each labelled by ``award_label``."""

    def __init__(self, queryset=None, **kwargs):
        super().__init__(Award.objects.none() if queryset is None else queryset, **kwargs)
        if isinstance(self.widget, forms.SelectMultiple):
            searchable(self.widget)
