"""Spreadsheet import/export (django-import-export) of the award catalogue."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget

from awards.catalogue.models import Authority, Award
from thidua.core.exports import SafeResource


class AwardResource(SafeResource):
    """Catalogue entries keyed by ``code``; the authority is given by its code."""

    authority = fields.Field(
        attribute="authority",
        column_name="authority",
        widget=ForeignKeyWidget(Authority, field="code"),
    )

    class Meta:
        model = Award
        import_id_fields = ("code",)
        fields = (
            "code",
            "name",
            "short_name",
            "form_name",
            "kind",
            "subject",
            "authority",
            "reward_type",
            "order",
            "is_active",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = False

    def get_queryset(self):
        return super().get_queryset().select_related("authority")
