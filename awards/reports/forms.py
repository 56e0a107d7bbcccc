"""The report picker: a scope and a year or a period of years."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.reports.scope import FIRST_YEAR, LAST_YEAR, MAX_SPAN, Period, parse_value
from units.access import is_admin, user_roles
from units.models import Cluster, Unit, UnitRole

YEAR_ERRORS = {
    "invalid": gettext_lazy("Năm phải là một số, ví dụ 2025."),
    "min_value": gettext_lazy("Năm phải từ %(limit_value)s trở đi."),
    "max_value": gettext_lazy("Năm phải trước %(limit_value)s."),
}


def year_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
        **kwargs,
    )


STATISTICS_FORMS = [
    ("0601", gettext_lazy("0601.N – Số phong trào thi đua")),
    ("0602", gettext_lazy("0602.N – Khen thưởng cấp Nhà nước")),
    ("0603", gettext_lazy("0603.N – Khen thưởng cấp Bộ, ban, ngành, tỉnh")),
    ("0604", gettext_lazy("0604.N – Tổ chức làm công tác thi đua, khen thưởng")),
    ("0605", gettext_lazy("0605.N – Công chức làm công tác thi đua, khen thưởng")),
]


def default_year() -> int:
    """Last year: a year's awards are decided in the first months of the next."""
    return timezone.localdate().year - 1


def scope_choices(user) -> list[tuple[str, str]]:
    """Scopes offered in the picker; any other scope the user may see also works by URL."""
    if is_admin(user):
        choices = [("sector", _("Toàn ngành Tư pháp"))]
        units = Unit.objects.filter(depth__lte=2).order_by("path")
        # Every grouping, also those since dissolved: a past period may be reported on.
        clusters = Cluster.objects.order_by("-is_active", "name")
    else:
        led = [u for u, role in user_roles(user) if role == UnitRole.Role.LEADER]
        units = Unit.objects.filter(pk__in=[u.pk for u in led]) | Unit.objects.filter(
            parent__in=led
        )
        units = units.order_by("path")
        clusters, choices = Cluster.objects.none(), []
    base = min((u.depth for u in units), default=0)
    choices += [(f"unit:{u.pk}", "— " * (u.depth - base) + u.name) for u in units]
    choices += [
        (
            f"cluster:{c.pk}",
            c.name if c.is_active else _("%(name)s (đã giải thể)") % {"name": c.name},
        )
        for c in clusters
    ]
    return choices


class ReportForm(forms.Form):
    scope = forms.CharField(label=gettext_lazy("Phạm vi"), max_length=40)
    start = year_field(gettext_lazy("Năm"))
    end = year_field(gettext_lazy("đến năm"), required=False)
    subunits = forms.BooleanField(
        label=gettext_lazy("Khối, cụm: tính cả đơn vị trực thuộc của thành viên"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = scope_choices(user)

    def clean_scope(self):
        value = self.cleaned_data["scope"]
        try:
            parse_value(value)
        except ValueError:
            raise forms.ValidationError(_("Phạm vi báo cáo không hợp lệ.")) from None
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None:
            return data
        end = start if end is None else end
        if end < start:
            self.add_error("end", _("Năm kết thúc phải từ năm bắt đầu trở đi."))
        elif end - start >= MAX_SPAN:
            self.add_error("end", _("Mỗi báo cáo tối đa %(n)s năm.") % {"n": MAX_SPAN})
        else:
            data["period"] = Period(start, end)
        return data


class StatisticsForm(forms.Form):
    scope = forms.CharField(label=gettext_lazy("Phạm vi"), max_length=40)
    year = year_field(gettext_lazy("Năm"))
    form = forms.ChoiceField(label=gettext_lazy("Biểu"), choices=STATISTICS_FORMS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = scope_choices(user)

    clean_scope = ReportForm.clean_scope
