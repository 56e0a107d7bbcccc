"""Filters of the admins' audit log, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DATE_INPUT_FORMATS, MAX_YEAR, MIN_YEAR

_BAD_DATE = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")}


class AuditLogFilterForm(forms.Form):
    unit = forms.SlugField(label=_("Mã đơn vị"), required=False, max_length=50)
    user = forms.CharField(label=_("Tên đăng nhập"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=_BAD_DATE,
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=_BAD_DATE,
    )

    def _in_range(self, name):
        value = self.cleaned_data.get(name)
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Năm phải trong khoảng %(min)s–%(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value

    def clean_date_from(self):
        return self._in_range("date_from")

    def clean_date_to(self):
        return self._in_range("date_to")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data
