"""Form pieces every app shares: date formats, the year range, filters read from a query string.

A bad filter value never fails a page: it is reported as a message and its default is used.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core import ids
from thidua.core.choices import with_empty

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MIN_YEAR, MAX_YEAR = 1990, 2100
# Larger ids cannot be primary keys and would overflow SQLite or PostgreSQL bigint.
MAX_ID = ids.MAX_ID


def bad_value(message) -> dict:
    return dict.fromkeys(("invalid", "min_value", "max_value", "invalid_choice"), message)


_BAD_YEAR = bad_value(_("Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026."))


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages=_BAD_YEAR,
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


class VietnameseFormSetMixin:
    """Formset errors in Vietnamese: Django has no Vietnamese for them, so a forged or
    oversized management form (TOTAL_FORMS over the cap) answered in English."""

    default_error_messages = {
        "missing_management_form": _(
            "Dữ liệu biểu mẫu bị thiếu hoặc đã bị sửa; hãy tải lại trang và nhập lại."
        ),
        "too_many_forms": _("Chỉ được gửi tối đa %(num)d dòng."),
        "too_few_forms": _("Cần gửi ít nhất %(num)d dòng."),
    }


class FormSet(VietnameseFormSetMixin, forms.BaseFormSet):
    """The base of every formset of the app (``formset_factory(..., formset=FormSet)``)."""


class InlineFormSet(VietnameseFormSetMixin, forms.BaseInlineFormSet):
    """The base of every inline formset of the app."""


XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_file_field(label) -> forms.FileField:
    """The upload field of every Excel import: one wording for a missing, empty or unreadable
    file, and a file picker that offers .xlsx files."""
    return forms.FileField(
        label=label,
        error_messages={
            "required": _("Hãy chọn tệp Excel để tải lên."),
            "empty": _("Tệp rỗng: không có dữ liệu nào."),
            "invalid": _("Không đọc được tệp tải lên; hãy chọn lại tệp."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}),
    )


# What an attachment's file picker offers: the types ``thidua.core.uploads`` accepts.
DOCUMENT_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"


class AttachmentForm(forms.Form):
    """A paper kept beside a record: its kind (one of ``kinds``), a title and the file (and,
    for yearly papers, the year). The file's content is judged by the service
    (``thidua.core.attachments``)."""

    kind = forms.ChoiceField(
        label=_("Loại tài liệu"),
        error_messages={
            "required": _("Chọn loại tài liệu."),
            "invalid_choice": _("Chọn loại tài liệu trong danh sách."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=255,
        help_text=_("Ví dụ: Quyết định số 12/QĐ-UBND ngày 15/01/2026."),
        error_messages={
            "required": _("Nhập tiêu đề của tài liệu."),
            "max_length": _("Tiêu đề dài tối đa %(limit_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    file = forms.FileField(
        label=_("Tệp (PDF, DOC, DOCX, XLS, XLSX, JPG, PNG)"),
        error_messages={
            "required": _("Chọn tệp để tải lên."),
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp tải lên; hãy chọn lại tệp."),
        },
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": DOCUMENT_ACCEPT}),
    )

    def __init__(self, *args, kinds, yearly: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = with_empty(kinds.choices)
        if yearly:  # a paper of the year the page shows (a grouping's pledge)
            self.fields["year"] = forms.IntegerField(
                min_value=MIN_YEAR,
                max_value=MAX_YEAR,
                widget=forms.HiddenInput,
                error_messages={"required": _BAD_YEAR["invalid"], **_BAD_YEAR},
            )
