"""Excel/CSV import and export of units and people (django-import-export).

Rows are matched by code. A person's unit and position are never written directly: a row
whose unit or position differs from the current one moves the person with
``units.services.person_assign``, so the assignment history stays complete.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from thidua.core.exports import SafeResource
from thidua.core.text import search_key
from units.models import AgencyType, Person, Province, TdktBody, Unit
from units.services import person_assign


class DayMonthYearWidget(widgets.DateWidget):
    """Dates as offices write them (dd/mm/yyyy), or ISO; never the US month-first order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formats = ("%d/%m/%Y", "%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("Ngày “%(value)s” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy.") % {"value": value}
            ) from None


class CodeWidget(widgets.ForeignKeyWidget):
    """A row by its code (or name); an unknown one is refused in Vietnamese, naming it.

    ``missing`` is the message, with ``%(value)s`` for what the cell says."""

    def __init__(self, model, field, missing, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.missing = missing

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (self.model.DoesNotExist, self.model.MultipleObjectsReturned):
            raise ValueError(self.missing % {"value": value}) from None


class AgencyTypeWidget(widgets.CharWidget):
    """The agency type by its code (as exported) or its Vietnamese name."""

    def clean(self, value, row=None, **kwargs):
        text = (super().clean(value, row, **kwargs) or "").strip()
        if not text or text in AgencyType.values:
            return text
        folded = search_key(text)
        for code, label in AgencyType.choices:
            if search_key(str(label)) == folded:
                return code
        raise ValueError(
            _("Loại cơ quan “%(value)s” không có; hãy ghi một trong các mã: %(codes)s.")
            % {"value": text, "codes": ", ".join(AgencyType.values)}
        )


class ChoiceWidget(widgets.CharWidget):
    """An optional choice by its code (as exported) or its Vietnamese label; empty stays
    empty. ``label`` names the column in the refusal."""

    def __init__(self, choices, label, **kwargs):
        super().__init__(**kwargs)
        self.choices, self.label = choices, label

    def clean(self, value, row=None, **kwargs):
        text = (super().clean(value, row, **kwargs) or "").strip()
        codes = [code for code, _label in self.choices]
        if not text or text in codes:
            return text
        folded = search_key(text)
        for code, label in self.choices:
            if search_key(str(label)) == folded:
                return code
        raise ValueError(
            _("%(field)s “%(value)s” không có; hãy ghi một trong: %(choices)s.")
            % {
                "field": self.label,
                "value": text,
                "choices": ", ".join(str(label) for _code, label in self.choices),
            }
        )


def choice_field(name: str, choices, label) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=ChoiceWidget(choices, label))


class VietnameseResource(SafeResource):
    WIDGETS_MAP = {**SafeResource.WIDGETS_MAP, "DateField": DayMonthYearWidget}


class UnitResource(VietnameseResource):
    parent = fields.Field(
        attribute="parent",
        column_name="parent_code",
        widget=CodeWidget(
            Unit, field="code", missing=gettext_lazy("Không có đơn vị cấp trên mã “%(value)s”.")
        ),
    )
    province = fields.Field(
        attribute="province",
        column_name="province",
        widget=CodeWidget(
            Province, field="name", missing=gettext_lazy("Không có tỉnh/thành phố “%(value)s”.")
        ),
    )
    agency_type = fields.Field(
        attribute="agency_type", column_name="agency_type", widget=AgencyTypeWidget()
    )
    tdkt_body = choice_field(
        "tdkt_body", TdktBody.choices, gettext_lazy("Bộ máy làm công tác thi đua, khen thưởng")
    )

    class Meta:
        model = Unit
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "short_name",
            "agency_type",
            "parent",
            "province",
            "valid_from",
            "valid_to",
            "tdkt_body",
        ]
        skip_unchanged = True
        clean_model_instances = True


class PersonResource(VietnameseResource):
    unit = fields.Field(
        attribute="unit",
        column_name="unit_code",
        widget=widgets.ForeignKeyWidget(Unit, field="code"),
        readonly=True,
    )
    unit_name = fields.Field(attribute="unit__name", column_name="unit_name", readonly=True)
    position = fields.Field(attribute="position", column_name="position", readonly=True)
    assignment_start = fields.Field(
        column_name="assignment_start", widget=DayMonthYearWidget(), readonly=True
    )
    training_level = choice_field(
        "training_level", Person.TrainingLevel.choices, gettext_lazy("Trình độ đào tạo")
    )
    tdkt_role = choice_field(
        "tdkt_role", Person.TdktRole.choices, gettext_lazy("Làm công tác thi đua, khen thưởng")
    )

    class Meta:
        model = Person
        import_id_fields = ["code"]
        fields = [
            "code",
            "full_name",
            "gender",
            "birth_date",
            "category",
            "joined_on",
            "training_level",
            "tdkt_role",
            "tdkt_since",
            "unit",
            "unit_name",
            "position",
            "assignment_start",
        ]
        clean_model_instances = True

    def get_queryset(self):
        return Person.objects.select_related("unit").prefetch_related("assignments")

    def dehydrate_assignment_start(self, person: Person) -> str:
        # The start of the open assignment, so an exported file re-imports unchanged.
        current = max(
            (a for a in person.assignments.all() if a.end is None),
            key=lambda a: a.start,
            default=None,
        )
        return current.start.strftime("%d/%m/%Y") if current else ""

    def after_save_instance(self, instance: Person, row, **kwargs):
        """Move the person when the row names another unit or position."""
        code = (row.get("unit_code") or "").strip()
        if not code:
            return
        position = (row.get("position") or "").strip()
        try:
            unit = Unit.objects.get(code=code)
        except Unit.DoesNotExist:
            raise ValidationError(
                {"unit": _("Không có đơn vị mã “%(code)s”.") % {"code": code}}
            ) from None
        if unit.pk == instance.unit_id and position == instance.position:
            return
        if not position:
            raise ValidationError({"position": _("Hãy ghi chức vụ tại đơn vị mới.")})
        try:
            person_assign(person=instance, unit=unit, position=position, start=self._start(row))
        except ValidationError as error:
            raise ValidationError({"unit": error.messages}) from None

    @staticmethod
    def _start(row) -> datetime.date:
        value = row.get("assignment_start")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if value and str(value).strip():
            try:
                return DayMonthYearWidget().clean(str(value).strip())
            except ValueError:
                raise ValidationError(
                    {"assignment_start": _("Ngày bắt đầu không hợp lệ (dd/mm/yyyy).")}
                ) from None
        return timezone.localdate()
