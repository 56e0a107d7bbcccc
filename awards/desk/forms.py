"""The desk's filter (by holder) and its assignment form (ticked proposals → a specialist)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.desk.selectors import UNASSIGNED
from awards.desk.services import person_name
from awards.forms import StyledForm
from thidua.core.choices import EMPTY_CHOICE, EMPTY_FILTER
from thidua.core.forms import bad_value
from thidua.core.ids import parse_ids


def _people(people) -> list[tuple[str, str]]:
    return [(str(user.pk), person_name(user)) for user in people]


class DeskFilterForm(StyledForm):
    """``people``: the office's specialists, read once by the view for both forms."""

    holder = forms.ChoiceField(
        label=_("Chuyên viên thụ lý"),
        required=False,
        error_messages=bad_value(_("Chuyên viên không có trong danh sách.")),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = [
            ("", EMPTY_FILTER),
            (UNASSIGNED, _("Chưa giao")),
            *_people(people),
        ]


class IdsField(forms.Field):
    """Ticked rows' ids (checkboxes of the table), kept if they are ids at all."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return parse_ids(value if isinstance(value, list | tuple) else [value] if value else [])


class AssignForm(StyledForm):
    assignee = forms.TypedChoiceField(
        label=_("Giao cho chuyên viên"),
        coerce=int,
        error_messages={
            "required": _("Chọn chuyên viên thụ lý."),
            **bad_value(_("Chuyên viên không có trong danh sách.")),
        },
    )
    proposals = IdsField(
        error_messages={"required": _("Chọn ít nhất một đề nghị để giao.")},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", EMPTY_CHOICE), *_people(people)]
