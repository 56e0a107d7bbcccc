"""Input validation of the campaign, registration and pledge pages.

Forms only parse and check the shape of the input; the business rules (scope, catalogue,
roles, deadlines) are the services', whose errors ``attach_errors`` puts on the form.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from awards.catalogue.choices import AwardMultipleChoiceField, grouped_award_choices
from campaigns.imports import read_sheet
from campaigns.models import Campaign, CampaignTarget, Registration
from thidua.core.choices import (
    EMPTY_CHOICE,
    EMPTY_FILTER,
    searchable,
    use_empty_label,
    with_empty,
)
from thidua.core.forms import DATE_INPUT_FORMATS, MAX_ID, FormSet, YearForm, xlsx_file_field
from thidua.core.ids import parse_id
from thidua.core.text import DOCUMENT_MAX
from units.choices import (
    ClusterChoiceField,
    ClusterMultipleChoiceField,
    UnitChoiceField,
    UnitMultipleChoiceField,
)

BAD_DATE = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")}
BAD_ID = dict.fromkeys(["invalid", "min_value", "max_value"], _("Mã không hợp lệ."))


def date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=BAD_DATE,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_empty_label(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: on a field when it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def award_choices(awards) -> list[tuple]:
    """The empty option, then the awards grouped by authority, each saying whom it is for
    (``awards`` with ``authority`` loaded)."""
    return with_empty(grouped_award_choices(awards), EMPTY_CHOICE)


# --- Campaigns -----------------------------------------------------------------------------


class CampaignForm(BootstrapMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên phong trào"),
        max_length=500,
        help_text=_("Thường là khẩu hiệu của phong trào."),
    )
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=Campaign.Kind.choices)
    launched_by = UnitChoiceField(label=_("Đơn vị phát động"), required=False)
    authority_name = forms.CharField(
        label=_("Cơ quan phát động (ghi rõ)"),
        max_length=255,
        required=False,
        help_text=_("Khi cơ quan phát động không phải là một đơn vị trong hệ thống."),
    )
    description = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=DOCUMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))
    registration_deadline = date_field(_("Hạn đăng ký"), required=False)
    scope_units = UnitMultipleChoiceField(
        label=_("Đơn vị trong phạm vi"),
        required=False,
        help_text=_("Mỗi đơn vị gồm cả các đơn vị trực thuộc. Giữ Ctrl để chọn nhiều."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    scope_clusters = ClusterMultipleChoiceField(
        label=_("Khối/cụm thi đua trong phạm vi"),
        required=False,
        help_text=_("Các đơn vị là thành viên của khối/cụm trong từng năm."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    awards = AwardMultipleChoiceField(
        label=_("Danh hiệu, hình thức được đăng ký"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, launchers, clusters, units=None, awards, shown=None, **kwargs):
        """``units`` is None for grouping leaders: they launch for their groupings only.

        ``launchers``, ``units`` and ``clusters`` are what the form accepts; ``shown`` maps
        some of those names to the narrower choices listed (the units and groupings of the
        campaign's year), so that another unit is refused by the service with its reason
        ("không còn trong năm …") rather than as an unknown choice.
        """
        super().__init__(*args, **kwargs)
        self.fields["launched_by"].queryset = launchers
        self.fields["scope_clusters"].queryset = clusters
        self.fields["awards"].queryset = awards
        if units is None:
            del self.fields["scope_units"]
            self.fields["launched_by"].required = True
        else:
            self.fields["scope_units"].queryset = units
        for name, queryset in (shown or {}).items():
            if name in self.fields:
                listed = copy.copy(self.fields[name])
                listed.queryset = queryset
                self.fields[name].widget.choices = listed.choices


class PhaseForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên đợt"), max_length=100)
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))


class TargetForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=255)
    comparator = forms.ChoiceField(
        label=_("So sánh"),
        choices=CampaignTarget.Comparator.choices,
        initial=CampaignTarget.Comparator.AT_LEAST,
    )
    threshold = forms.DecimalField(
        label=_("Mức"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={"invalid": _("Nhập một số, ví dụ 80 hoặc 62,5.")},
    )
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=30, required=False)


# absolute_max = max_num: otherwise Django builds (and re-renders) up to max_num + 1,000 forms
# for a forged TOTAL_FORMS, seconds of CPU per request.
PhaseFormSet = formset_factory(
    PhaseForm,
    formset=FormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    absolute_max=20,
    validate_max=True,
)
TargetFormSet = formset_factory(
    TargetForm,
    formset=FormSet,
    extra=1,
    can_delete=True,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)


def formset_rows(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class CampaignFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên phong trào"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=with_empty(Campaign.Status.choices, EMPTY_FILTER),
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        choices=with_empty(Campaign.Kind.choices, EMPTY_FILTER),
        error_messages={"invalid_choice": _("Loại phong trào không hợp lệ.")},
    )


class ReviewFilterForm(YearForm):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=with_empty(Registration.Status.choices, EMPTY_FILTER),
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ.")},
    )
    unit = forms.IntegerField(
        label=_("Đơn vị"), required=False, min_value=1, max_value=MAX_ID, error_messages=BAD_ID
    )


class RegistrationFilterForm(BootstrapMixin, forms.Form):
    """The filters of a unit's registration lines: a state and one of the campaign's awards."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), *Registration.Status.choices],
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ.")},
    )
    award = forms.TypedChoiceField(
        label=_("Danh hiệu / hình thức"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Danh hiệu không có trong danh mục của phong trào.")},
    )

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [("", _("Tất cả")), *[(a.pk, a.name) for a in awards]]


# --- Registrations -------------------------------------------------------------------------


class CollectiveRegistrationForm(BootstrapMixin, forms.Form):
    award = forms.TypedChoiceField(
        label=_("Danh hiệu / hình thức cho tập thể"),
        coerce=int,
        error_messages={"invalid_choice": _("Danh hiệu không có trong danh mục của phong trào.")},
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.TextInput
    )

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_choices(awards)
        searchable(self.fields["award"].widget)


class RegistrationEditForm(CollectiveRegistrationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].label = _("Danh hiệu / hình thức")
        self.fields["note"].widget = forms.Textarea(attrs={"rows": 3, "class": "form-control"})


class PersonLineForm(BootstrapMixin, forms.Form):
    """One row of the people table; ``person`` is checked against the unit by the formset."""

    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    award = forms.TypedChoiceField(
        label=_("Đăng ký"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Danh hiệu không có trong danh mục của phong trào.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = choices


class BasePeopleFormSet(FormSet):
    """One form per person of the unit; ``people`` maps their ids to the Person rows.

    Every form gets ``form.employee`` (the Person; ``form.person`` is the hidden field) and
    an id that is not one of the unit's people is an error, so a forged id never reaches
    the service.
    """

    def __init__(self, *args, people: dict, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.employee = self.people.get(parse_id(form["person"].value()))
        return form

    def clean(self):
        for form in self.forms:
            if form.cleaned_data.get("person") and form.employee is None:
                form.add_error(None, _("Cán bộ này không thuộc đơn vị."))

    def rows(self) -> list[tuple[int, object, int, str]]:
        """(form index, person, award id, note) of the rows where an award was chosen."""
        return [
            (i, form.employee, form.cleaned_data["award"], form.cleaned_data.get("note", ""))
            for i, form in enumerate(self.forms)
            if form.cleaned_data.get("award")
        ]


def people_formset(*, people: list, awards, data=None):
    by_id = {person.pk: person for person in people}
    formset_class = formset_factory(
        PersonLineForm,
        formset=BasePeopleFormSet,
        extra=0,
        max_num=len(people),
        absolute_max=max(len(people), 1),
        validate_max=True,
    )
    return formset_class(
        data,
        prefix="people",
        people=by_id,
        initial=[{"person": person.pk} for person in people],
        form_kwargs={"choices": award_choices(awards)},
    )


class TransitionForm(forms.Form):
    transition = forms.CharField(max_length=20)
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, max_length=2000, widget=forms.Textarea
    )


class BulkReviewForm(forms.Form):
    """The review page's action on the ticked lines (the ids are read apart: ``parse_ids``)."""

    action = forms.ChoiceField(
        choices=[("accept", _("Đồng ý")), ("return", _("Trả lại"))],
        error_messages={
            "required": _("Thao tác không hợp lệ."),
            "invalid_choice": _("Thao tác không hợp lệ."),
        },
    )
    comment = forms.CharField(
        label=_("Lý do trả lại các dòng đã chọn"),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Lý do trả lại dài quá %(limit_value)s ký tự.")},
    )


class SendForm(TransitionForm):
    """Sending a line; an admin entering an earlier year may give the day it was sent."""

    sent_on = date_field(_("Ngày gửi thực tế"), required=False)


# --- Pledges -------------------------------------------------------------------------------


class PledgeForm(BootstrapMixin, YearForm):
    cluster = ClusterChoiceField(label=_("Khối/cụm thi đua"))
    campaign = forms.ModelChoiceField(
        label=_("Thực hiện phong trào"),
        queryset=None,
        required=False,
        empty_label=EMPTY_CHOICE,
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(
        label=_("Nội dung"), max_length=DOCUMENT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    commitments = forms.CharField(
        label=_("Các cam kết"),
        required=False,
        max_length=DOCUMENT_MAX,
        help_text=_("Mỗi cam kết một dòng."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    place = forms.CharField(label=_("Địa điểm ký kết"), max_length=100, required=False)
    signing_date = date_field(_("Ngày ký kết"), required=False)

    field_order = ["cluster", "year"]

    def __init__(self, *args, clusters, campaigns, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        if editing:
            del self.fields["cluster"]
            del self.fields["year"]
        else:
            self.fields["cluster"].queryset = clusters
            self.fields["year"].required = True


class PledgeSignForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(
        label=_("Ký thay mặt đơn vị"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Đơn vị này không thể ký (đã ký hoặc không có quyền).")
        },
    )
    signer_name = forms.CharField(
        label=_("Người ký"),
        max_length=150,
        required=False,
        help_text=_("Để trống: tên của bạn."),
    )
    signer_position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    signed_on = date_field(_("Ngày ký"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        searchable(self.fields["unit"].widget)


# --- Excel import --------------------------------------------------------------------------


class RegistrationImportForm(BootstrapMixin, forms.Form):
    """The upload; ``cleaned_data["file"]`` is the list of the sheet's rows.

    Reading the file is this form's shape check: a file that is not a usable registration
    sheet is an error on the field, with the reason, and goes no further.
    """

    file = xlsx_file_field(_("Tệp Excel đăng ký (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.filename = upload.name[:200]
        return read_sheet(upload)
