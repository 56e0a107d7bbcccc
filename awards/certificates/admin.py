from django.contrib import admin

from awards.certificates.models import (
    Certificate,
    CertificatePrint,
    CertificateTemplate,
    DocumentTemplate,
)
from thidua.core.admin import HistoryAdmin


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "award", "updated_at"]
    list_filter = ["kind"]
    # Wording is edited on the site (with the field check and the live preview).
    readonly_fields = [*CertificateTemplate.WORDING, "kind", "award", "background", "updated_by"]

    def has_add_permission(self, request):
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(HistoryAdmin):
    list_display = ["__str__", "document", "authority", "award_kind", "updated_at"]
    list_filter = ["document", "award_kind"]
    # Wording is edited on the site (with the field check and the live preview).
    readonly_fields = [
        *DocumentTemplate.WORDING, "document", "authority", "award_kind", "updated_by"
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False


class PrintInline(admin.TabularInline):
    model = CertificatePrint
    extra = 0
    can_delete = False
    readonly_fields = ["printed_at", "printed_by", "reprint", "reason", "on_blank"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """The register is written only by printing; here it is read."""

    list_display = ["register_number", "authority", "issuing_unit", "year", "conferment"]
    list_filter = ["year", "authority"]
    list_select_related = ["authority", "issuing_unit", "conferment__award", "conferment__person"]
    inlines = [PrintInline]
    readonly_fields = [
        "conferment", "authority", "issuing_unit", "year", "number", "created_at", "created_by"
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
