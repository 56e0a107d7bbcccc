"""One wording for the empty option: "— Chọn —" in entry forms, "Tất cả" in filters."""

import importlib
import inspect
import re
from pathlib import Path

from django import forms
from django.conf import settings

from awards.forms import StyledForm
from campaigns.forms import BootstrapMixin
from tests.awards.catalogue.test_choices import FORM_MODULES
from thidua.core.choices import (
    DJANGO_EMPTY,
    EMPTY_CHOICE,
    EMPTY_FILTER,
    GroupedModelChoiceField,
    use_empty_label,
)
from units.models import Unit

# Fields whose "" is a value of their own, not an empty option.
EMPTY_IS_A_VALUE = {"DecisionForm.signer_authority"}
EMPTY_LABELS = {str(EMPTY_CHOICE), str(EMPTY_FILTER)}


def _forms():
    for name in FORM_MODULES:
        for _name, form in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            abstract = issubclass(form, forms.BaseModelForm) and form._meta.model is None
            if issubclass(form, forms.BaseForm) and form.__module__ == name and not abstract:
                yield form


def test_the_two_empty_labels():
    assert (str(EMPTY_CHOICE), str(EMPTY_FILTER)) == ("— Chọn —", "Tất cả")


def _fields(form):
    """The fields as a user gets them when the form needs no arguments, else as declared."""
    try:
        return form().fields
    except TypeError:
        return form.base_fields


def test_every_empty_option_of_every_form_reads_one_of_the_two(db):
    styled = (StyledForm, BootstrapMixin)
    checked = 0
    for form in _forms():
        for name, field in _fields(form).items():
            where = f"{form.__name__}.{name}"
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if isinstance(field, forms.ModelChoiceField):
                label = field.empty_label
                if label == DJANGO_EMPTY:
                    assert issubclass(form, styled), f"{where} keeps Django's “---------”"
                    continue
                assert label is None or str(label) in EMPTY_LABELS, where
                checked += 1
            elif isinstance(field, forms.ChoiceField) and where not in EMPTY_IS_A_VALUE:
                for value, label in field.choices:
                    if value == "":
                        assert str(label) in EMPTY_LABELS, (where, label)
                        checked += 1
    assert checked >= 10


def test_django_dashes_become_the_entry_label():
    class Form(forms.Form):
        unit = forms.ModelChoiceField(queryset=Unit.objects.none())

    form = Form()
    use_empty_label(form)
    assert form.fields["unit"].empty_label == EMPTY_CHOICE


def test_hand_written_empty_options_in_templates_read_one_of_the_two():
    pattern = re.compile(r'<option value="">\{% translate "([^"]*)" %\}</option>')
    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert text.count('<option value="">') == len(pattern.findall(text)), path
        found += pattern.findall(text)
    assert found and set(found) <= EMPTY_LABELS, found


def test_groups_come_in_rank_order_rows_in_queryset_order(sector):
    field = GroupedModelChoiceField(
        Unit.objects.order_by("code"), group_by=lambda u: (-u.depth, f"Cấp {u.depth}")
    )
    groups = [(str(label), [str(o) for _v, o in options]) for label, options in field.choices[1:]]
    assert groups == [
        ("Cấp 3", ["Phòng Thi hành án dân sự khu vực 1 – Long An"]),
        ("Cấp 2", ["Thi hành án dân sự tỉnh Lào Cai", "Thi hành án dân sự tỉnh Long An"]),
        ("Cấp 1", ["Cục Quản lý thi hành án dân sự"]),
        ("Cấp 0", ["Bộ Tư pháp"]),
    ]
    assert field.choices[0] == ("", EMPTY_CHOICE)
