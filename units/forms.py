"""Filters read from the query string of the organisation pages.

A bad value never fails the page: it is reported as a message and its default is used.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.choices import EMPTY_FILTER, with_empty
from thidua.core.forms import DATE_INPUT_FORMATS, MAX_ID, YearForm, bad_value
from units.models import Cluster


class TreeFilterForm(forms.Form):
    on = forms.DateField(
        label=_("Ngày"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=bad_value(_("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")),
    )
    root = forms.IntegerField(
        label=_("Đơn vị gốc"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=bad_value(_("Mã đơn vị gốc không hợp lệ.")),
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Họ tên hoặc mã cán bộ"), required=False, max_length=100)
    unit_name = forms.CharField(label=_("Tên đơn vị"), required=False, max_length=100)
    unit = forms.IntegerField(
        label=_("Đơn vị"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=bad_value(_("Mã đơn vị không hợp lệ.")),
    )
    sub = forms.TypedChoiceField(
        label=_("Phạm vi"),
        required=False,
        choices=[("1", _("Gồm cả đơn vị cấp dưới")), ("0", _("Chỉ đơn vị này"))],
        coerce=lambda value: value == "1",
        empty_value=True,
        error_messages=bad_value(_("Phạm vi không hợp lệ.")),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)


class ClusterFilterForm(YearForm):
    kind = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        choices=with_empty(Cluster.Kind.choices, EMPTY_FILTER),
        error_messages=bad_value(_("Loại khối/cụm không hợp lệ.")),
    )
