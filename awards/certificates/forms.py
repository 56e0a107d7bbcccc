from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from awards.catalogue.choices import AwardChoiceField
from awards.catalogue.models import Authority, Award
from awards.certificates.models import CertificateTemplate, DocumentTemplate, FieldPlacement
from awards.certificates.wording import placement_error, text_errors
from thidua.core.choices import use_empty_label
from thidua.core.forms import InlineFormSet


class WordingForm(forms.ModelForm):
    """A template with named fields: its wording in monospace boxes, each checked against the
    template's field list (``Meta.model.WORDING`` and ``FIELDS``); ``SELECTS`` are its
    choices of what the template is for."""

    SELECTS: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_empty_label(self)
        for name in self._meta.model.WORDING:
            self.fields[name].widget.attrs["class"] = "form-control font-monospace"
        for name in self.SELECTS:
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        for name in model.WORDING:
            if name in cleaned:
                for error in text_errors(cleaned[name], model.FIELDS):
                    self.add_error(name, error)
        return cleaned


class TemplateForm(WordingForm):
    SELECTS = ("kind", "award")

    class Meta:
        model = CertificateTemplate
        fields = ["kind", "award", *CertificateTemplate.WORDING]
        field_classes = {"award": AwardChoiceField}
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in CertificateTemplate.WORDING}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = Award.objects.order_by("authority__order", "order", "name")


class DocumentTemplateForm(WordingForm):
    SELECTS = ("document", "authority", "award_kind")

    class Meta:
        model = DocumentTemplate
        fields = ["document", "authority", "award_kind", *DocumentTemplate.WORDING]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6 if name in ("body", "bases") else 2})
            for name in DocumentTemplate.WORDING
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = Authority.objects.order_by("order", "name")


class BackgroundForm(forms.Form):
    background = forms.FileField(
        label=_("Ảnh quét phôi (JPG, PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".jpg,.jpeg,.png"}
        ),
    )


PLACEMENT_FIELDS = ("field", "x_mm", "y_mm", "width_mm", "font_size", "align")


class PlacementForm(forms.ModelForm):
    class Meta:
        model = FieldPlacement
        fields = list(PLACEMENT_FIELDS)  # the inline formset appends "template" to it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_empty_label(self)
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name in ("field", "align") else "form-control"
            field.widget.attrs["class"] = css if "select" in css else f"{css} form-control-sm"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("field") and not cleaned.get("DELETE"):
            error = placement_error(
                cleaned.get("field"),
                cleaned.get("x_mm"),
                cleaned.get("y_mm"),
                cleaned.get("width_mm"),
                cleaned.get("font_size"),
            )
            if error:
                raise forms.ValidationError(error)
        return cleaned


PlacementFormSet = inlineformset_factory(
    CertificateTemplate,
    FieldPlacement,
    form=PlacementForm,
    formset=InlineFormSet,
    extra=3,
    can_delete=True,
    max_num=60,
    absolute_max=60,  # a forged TOTAL_FORMS builds no more forms than this
    validate_max=True,
)


class PrintForm(forms.Form):
    MODES = [
        ("full", _("In đầy đủ trên giấy trắng")),
        ("blank", _("In trên phôi (chỉ phần chữ thay đổi)")),
    ]
    mode = forms.ChoiceField(
        label=_("Cách in"),
        choices=MODES,
        initial="full",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label=_("Lý do in lại"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("Bắt buộc khi có bằng đã in: số vào sổ giữ nguyên, lần in được ghi lại."),
    )
