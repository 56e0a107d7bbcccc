from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=100,
        help_text=_("Hệ thống nào dùng khóa này, ví dụ “Cổng dịch vụ công tỉnh”."),
        error_messages={
            "required": _("Hãy đặt tên cho khóa để sau này biết khóa dùng ở đâu."),
            "max_length": _("Tên khóa dài tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name
