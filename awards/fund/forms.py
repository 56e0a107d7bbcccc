"""Forms of the fund pages: a fund to open, an allocation to record (the year shown is
``thidua.core.forms.YearForm``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Authority
from awards.forms import DATE_INPUT, StyledForm
from thidua.core.choices import searchable
from units.choices import UnitChoiceField
from units.models import AgencyType, Unit


class FundOpenForm(StyledForm):
    """An admin opens the fund of a unit for an authority (then records allocations)."""

    unit = UnitChoiceField(label=_("Đơn vị quản lý quỹ"))
    authority = forms.ModelChoiceField(label=_("Cấp khen thưởng"), queryset=Authority.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        unit.queryset = Unit.objects.exclude(agency_type=AgencyType.EXTERNAL).order_by("path")
        searchable(unit.widget)


class AllocationForm(StyledForm):
    received_on = forms.DateField(label=_("Ngày (dd/mm/yyyy)"), input_formats=DATE_INPUT)
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"),
        min_value=1,
        max_digits=15,
        decimal_places=0,
        help_text=_("Số nguyên, ví dụ 50000000 (năm mươi triệu đồng)."),
        error_messages={
            "invalid": _("Nhập số tiền bằng chữ số, không có dấu phân cách."),
            "min_value": _("Số tiền phải lớn hơn 0."),
            "max_digits": _("Số tiền quá lớn."),
            "max_decimal_places": _("Số tiền tính bằng đồng, không có phần lẻ."),
            "max_whole_digits": _("Số tiền quá lớn."),
        },
    )
    source = forms.CharField(
        label=_("Nguồn / nội dung"),
        max_length=255,
        help_text=_("Ví dụ: Dự toán ngân sách năm 2026 (Quyết định số 45/QĐ-BTP)."),
    )
