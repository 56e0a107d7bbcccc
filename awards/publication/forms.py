"""The public list's search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms import StyledForm


class PublicSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Tìm theo tên cá nhân, tập thể"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Nhập tối đa %(limit_value)d ký tự.")},
    )
