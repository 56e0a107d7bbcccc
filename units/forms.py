"""Filters read from the query string of the organisation pages.

A bad value never fails the page: it is reported as a message and its default is used.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.models import Cluster

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MIN_YEAR, MAX_YEAR = 1990, 2100
# Larger ids cannot be primary keys and would overflow SQLite or PostgreSQL bigint.
MAX_ID = 2**63 - 1


def _bad(message) -> dict:
    return dict.fromkeys(("invalid", "min_value", "max_value", "invalid_choice"), message)


_BAD_YEAR = _bad(_("Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026."))


class TreeFilterForm(forms.Form):
    on = forms.DateField(
        label=_("Ngày"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=_bad(_("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")),
    )
    root = forms.IntegerField(
        label=_("Đơn vị gốc"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=_bad(_("Mã đơn vị gốc không hợp lệ.")),
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Họ tên hoặc mã cán bộ"), required=False, max_length=100)
    unit = forms.IntegerField(
        label=_("Đơn vị"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=_bad(_("Mã đơn vị không hợp lệ.")),
    )
    sub = forms.TypedChoiceField(
        label=_("Phạm vi"),
        required=False,
        choices=[("1", _("Gồm cả đơn vị cấp dưới")), ("0", _("Chỉ đơn vị này"))],
        coerce=lambda value: value == "1",
        empty_value=True,
        error_messages=_bad(_("Phạm vi không hợp lệ.")),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages=_BAD_YEAR,
    )


class ClusterFilterForm(YearForm):
    kind = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        choices=[("", _("Tất cả")), *Cluster.Kind.choices],
        error_messages=_bad(_("Loại khối/cụm không hợp lệ.")),
    )


def read_filters(form: forms.Form) -> tuple[dict, list[str]]:
    """The valid values of a bound GET form, and one message per rejected value.

    ``cleaned_data`` keeps only the fields that validated, so callers fall back to their
    defaults for the others.
    """
    form.is_valid()
    problems = [
        _("%(error)s Giá trị đã nhập: “%(value)s”; đang dùng giá trị mặc định.")
        % {"error": " ".join(errors), "value": form.data.get(name, "")[:50]}
        for name, errors in form.errors.items()
    ]
    values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return values, problems
