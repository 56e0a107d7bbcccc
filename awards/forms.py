"""Forms of the proposal, council and decision pages: they parse input, services decide."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.catalogue.choices import AwardChoiceField, award_label
from awards.catalogue.conferring import awards_conferrable_by
from awards.catalogue.models import Authority, Award, LegalDocument
from awards.models import Ballot, Decision, DossierFile, Proposal, SignerAuthority
from thidua.core.choices import EMPTY_FILTER, searchable, use_empty_label, with_empty
from thidua.core.forms import YearForm, bad_value
from thidua.core.text import ACHIEVEMENT_MAX, NOTE_MAX, SUMMARY_MAX
from units.access import under
from units.choices import PersonChoiceField, UnitChoiceField
from units.models import AgencyType, Person, Unit

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


def _control(form: forms.Form) -> None:
    use_empty_label(form)
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs.setdefault("class", "form-control")


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _control(self)


def _award_filter() -> forms.ModelChoiceField:
    return AwardChoiceField(
        label=_("Danh hiệu / hình thức"),
        required=False,
        queryset=Award.objects.all(),
        empty_label=EMPTY_FILTER,
        error_messages=bad_value(_("Danh hiệu / hình thức không có trong danh mục.")),
    )


class ProposalFilterForm(StyledForm, YearForm):
    """The proposals list's filters. ``units``: the units whose proposals the user may pick
    from (those that proposed something the user sees)."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=with_empty(
            [("pending", _("Đang đề nghị")), *Proposal.Status.choices], EMPTY_FILTER
        ),
        error_messages=bad_value(_("Trạng thái không hợp lệ.")),
    )
    direction = forms.ChoiceField(
        label=_("Chiều"),
        required=False,
        choices=with_empty(
            [("out", _("Đơn vị gửi đi")), ("in", _("Gửi đến đơn vị"))], EMPTY_FILTER
        ),
        error_messages=bad_value(_("Chiều không hợp lệ.")),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị đề nghị"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=EMPTY_FILTER,
        error_messages=bad_value(_("Đơn vị không có trong danh sách.")),
    )
    award = _award_filter()
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)

    field_order = ("status", "year", "direction", "unit", "award", "q")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class DecisionFilterForm(StyledForm, YearForm):
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=50)
    authority = forms.ModelChoiceField(
        label=_("Cấp khen thưởng"),
        required=False,
        queryset=Authority.objects.all(),
        empty_label=EMPTY_FILTER,
        error_messages=bad_value(_("Cấp khen thưởng không có trong danh mục.")),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=with_empty(Decision.Status.choices, EMPTY_FILTER),
        error_messages=bad_value(_("Trạng thái không hợp lệ.")),
    )
    issuer = UnitChoiceField(
        label=_("Cơ quan ban hành"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=EMPTY_FILTER,
        error_messages=bad_value(_("Cơ quan ban hành không có trong danh sách.")),
    )
    award = _award_filter()

    field_order = ("number", "year", "authority", "issuer", "status", "award")

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers if issuers is not None else Unit.objects.none()


class ProposalCreateForm(StyledForm):
    proposing_unit = UnitChoiceField(label=_("Đơn vị đề nghị"))
    authority = forms.ModelChoiceField(label=_("Cấp khen thưởng"), queryset=Authority.objects.all())
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Trích yếu"), max_length=255)
    summary = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    simplified = forms.BooleanField(label=_("Thủ tục đơn giản"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = units
        self.fields["year"].initial = timezone.localdate().year


class NomineeForm(StyledForm):
    """A person of the proposing unit's subtree, or a collective of it, for one award."""

    award = AwardChoiceField(label=_("Danh hiệu / hình thức"))
    person = PersonChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    unit = UnitChoiceField(label=_("hoặc tập thể"), required=False)
    achievement = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        max_length=ACHIEVEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        path = proposal.proposing_unit.path
        self.fields["award"].queryset = (
            awards_conferrable_by(proposal.authority, on=proposal.reference_date)
            .filter(is_active=True)
            .order_by("order", "name")
        )
        self.fields["person"].queryset = (
            Person.objects.filter(under([path], "unit__path"))
            .select_related("unit")
            .order_by("search_key", "pk")
        )
        self.fields["unit"].queryset = Unit.objects.filter(under([path])).order_by("path")

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Chọn đúng một cá nhân hoặc một tập thể."))
        return data


class ProposalEditForm(StyledForm):
    """The fields of a draft or returned proposal that may change (not unit, authority, year:
    its nominees and their verdicts depend on them)."""

    title = forms.CharField(label=_("Trích yếu"), max_length=255)
    summary = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    simplified = forms.BooleanField(label=_("Thủ tục đơn giản"), required=False)


class AchievementForm(StyledForm):
    achievement = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        max_length=ACHIEVEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ForwardUpForm(StyledForm):
    """Where a State-level proposal goes after the ministry's council (the Government …)."""

    to_unit = UnitChoiceField(
        label=_("Trình lên"),
        error_messages={"required": _("Chọn cơ quan nhận đề nghị.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = targets


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Lý do"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class DossierForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DossierFile.Kind.choices)
    nominee = forms.ModelChoiceField(label=_("Của đề cử"), queryset=None, required=False)
    file = forms.FileField(label=_("Tệp (PDF, DOC, DOCX, XLS, XLSX, JPG, PNG)"))

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = proposal.nominees.select_related(
            "award", "person", "unit"
        )
        self.fields["nominee"].label_from_instance = lambda n: (
            f"{n.subject} – {award_label(n.award)}"
        )
        searchable(self.fields["nominee"].widget)


class SessionVoteForm(forms.Form):
    nominee = forms.IntegerField()
    vote = forms.ChoiceField(choices=Ballot.Vote.choices)
    member = forms.IntegerField(required=False)


class DecisionForm(StyledForm):
    """A draft decision. ``units`` are where the user works (they may handle decisions);
    the issuing body is one of them or a body outside the sector (the Government …), in
    which case one of ``units`` enters and handles it (``handling_unit``)."""

    authority = forms.ModelChoiceField(label=_("Cấp khen thưởng"), queryset=Authority.objects.all())
    issuing_unit = UnitChoiceField(label=_("Cơ quan ban hành"))
    handling_unit = UnitChoiceField(
        label=_("Đơn vị nhập, quản lý quyết định"),
        required=False,
        help_text=_(
            "Chỉ chọn khi quyết định do cơ quan khác ban hành, ví dụ Bộ Tư pháp nhập quyết "
            "định của Thủ tướng Chính phủ; để trống nếu đơn vị mình ban hành."
        ),
    )
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=50, help_text=_("Ví dụ: 123/QĐ-BTP")
    )
    signed_on = forms.DateField(label=_("Ngày ký (dd/mm/yyyy)"), input_formats=DATE_INPUT)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=150,
        help_text=_('Chức vụ của chính người ký, ví dụ "Thứ trưởng", "Phó Chủ tịch".'),
    )
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        choices=SignerAuthority.choices,
        required=False,
        help_text=_(
            "Ví dụ Thứ trưởng ký thay Bộ trưởng: chọn KT.; quyết định in "
            "“KT. BỘ TRƯỞNG / THỨ TRƯỞNG”."
        ),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=100, initial="Hà Nội")
    proposed_by = forms.CharField(
        label=_("Theo đề nghị của"),
        max_length=200,
        required=False,
        help_text=_(
            'Ví dụ "Vụ trưởng Vụ Thi đua - Khen thưởng"; để trống để dùng thông tin ban hành '
            "của cơ quan (hoặc tên Hội đồng Thi đua - Khen thưởng)."
        ),
    )
    summary = forms.CharField(
        label=_("Trích yếu / lý do"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    legal_bases = forms.ModelMultipleChoiceField(
        label=_("Căn cứ bổ sung"),
        queryset=LegalDocument.objects.order_by("-issued_on"),
        required=False,
        widget=searchable(forms.SelectMultiple(attrs={"size": 6})),
        help_text=_(
            "Quyết định tự ghi căn cứ: văn bản quy định thẩm quyền của cơ quan ban hành và "
            "văn bản quy định các hình thức được tặng. Chỉ chọn thêm văn bản khác nếu cần."
        ),
    )
    confirm_date = forms.BooleanField(
        label=_("Tôi xác nhận ngày ký sau ngày hôm nay là đúng"),
        required=False,
        help_text=_("Chỉ cần khi ngày ký quyết định sau ngày hôm nay."),
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Danh sách được khen thưởng"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["issuing_unit"].queryset = Unit.objects.filter(
            Q(pk__in=units.values("pk")) | Q(agency_type=AgencyType.EXTERNAL)
        ).order_by("agency_type", "path")
        self.fields["handling_unit"].queryset = units
        self.fields["recipients"].queryset = recipients
        self.fields["recipients"].label_from_instance = lambda n: (
            f"{n.subject} – {award_label(n.award)} ({n.proposal.proposing_unit})"
        )
        self.fields["signed_on"].initial = timezone.localdate().strftime("%d/%m/%Y")
        self.fields["legal_bases"].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        confirmed = data.pop("confirm_date", False)
        signed_on = data.get("signed_on")
        if signed_on and signed_on > timezone.localdate() and not confirmed:
            self.add_error("confirm_date", future_date_message(signed_on))
        issuing, handling = data.get("issuing_unit"), data.get("handling_unit")
        if issuing is None:
            return data
        if handling is not None and handling.pk == issuing.pk:
            data["handling_unit"] = handling = None
        own = self.units.filter(pk=issuing.pk).exists()
        if handling is None and not own:
            self.add_error(
                "handling_unit",
                _(
                    "Quyết định do %(issuer)s ban hành: chọn đơn vị của mình nhập, quản lý "
                    "quyết định này."
                )
                % {"issuer": issuing},
            )
        return data


class CorrectionForm(StyledForm):
    """A decision that amends or revokes an issued one."""

    action = forms.ChoiceField(
        label=_("Loại"), choices=[("revoke", _("Hủy bỏ")), ("amend", _("Sửa đổi, bổ sung"))]
    )
    number = forms.CharField(label=_("Số quyết định mới"), max_length=50)
    signed_on = forms.DateField(label=_("Ngày ký (dd/mm/yyyy)"), input_formats=DATE_INPUT)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    reason = forms.CharField(
        label=_("Lý do"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_date = forms.BooleanField(
        label=_("Tôi xác nhận ngày ký sau ngày hôm nay là đúng"), required=False
    )

    def clean(self):
        data = super().clean()
        confirmed = data.pop("confirm_date", False)
        signed_on = data.get("signed_on")
        if signed_on and signed_on > timezone.localdate() and not confirmed:
            self.add_error("confirm_date", future_date_message(signed_on))
        return data


def future_date_message(day: datetime.date) -> str:
    """Why a decision dated after today needs a tick (a typo in the year is common)."""
    return _(
        "Ngày ký %(day)s sau ngày hôm nay (%(today)s): quyết định được ghi ngày sau ngày ban "
        "hành. Kiểm tra lại ngày ký, hoặc đánh dấu ô xác nhận nếu đúng."
    ) % {"day": f"{day:%d/%m/%Y}", "today": f"{timezone.localdate():%d/%m/%Y}"}


def today() -> datetime.date:
    return timezone.localdate()
