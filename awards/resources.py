"""Spreadsheet export (django-import-export) of the award records."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import DateWidget

from awards.models import Conferment


class ConfermentResource(resources.ModelResource):
    """Award records as a flat table: decision, award, recipient (export only)."""

    decision_number = fields.Field(attribute="decision__number", column_name=_("Số quyết định"))
    signed_on = fields.Field(
        attribute="decision__signed_on", column_name=_("Ngày ký"), widget=DateWidget("%d/%m/%Y")
    )
    authority = fields.Field(attribute="decision__authority__name", column_name=_("Cấp khen"))
    award = fields.Field(attribute="award__name", column_name=_("Danh hiệu / hình thức"))
    subject = fields.Field(column_name=_("Đối tượng"))
    person = fields.Field(attribute="person__full_name", column_name=_("Cá nhân"))
    person_code = fields.Field(attribute="person__code", column_name=_("Mã cán bộ"))
    unit = fields.Field(attribute="unit__name", column_name=_("Tập thể / đơn vị"))
    position = fields.Field(attribute="position", column_name=_("Chức vụ"))
    year = fields.Field(attribute="year", column_name=_("Năm thành tích"))
    achievement = fields.Field(attribute="achievement", column_name=_("Thành tích"))
    revoked = fields.Field(column_name=_("Đã bị hủy"))

    class Meta:
        model = Conferment
        fields = (
            "decision_number",
            "signed_on",
            "authority",
            "award",
            "subject",
            "person",
            "person_code",
            "unit",
            "position",
            "year",
            "achievement",
            "revoked",
        )
        export_order = fields

    def get_queryset(self):
        return (
            super().get_queryset().select_related("decision__authority", "award", "person", "unit")
        )

    def dehydrate_subject(self, conferment):
        return conferment.award.get_subject_display()

    def dehydrate_revoked(self, conferment):
        return _("Có") if conferment.revoked else ""
