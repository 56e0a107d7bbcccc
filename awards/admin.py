"""Admin of the award records: decisions and conferments (the catalogue: ``awards.catalogue``)."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionModelAdmin

from awards.catalogue.admin import AwardChoiceMixin, AwardListFilter
from awards.models import Conferment, Decision, IssuerProfile
from awards.resources import ConfermentResource
from thidua.core.admin import FoldedSearchMixin, HistoryAdmin
from units.admin import ScopedAdminMixin


@admin.register(Decision)
class DecisionAdmin(ScopedAdminMixin, FoldedSearchMixin, HistoryAdmin):
    list_display = (
        "number",
        "signed_on",
        "authority",
        "issuing_unit",
        "signer_name",
        "status",
        "conferment_count",
    )
    list_filter = ("year", "authority", "status")
    search_fields = ("number", "signer_name")
    search_key_fields = ("issuing_unit__search_key",)
    list_select_related = ("authority", "issuing_unit")
    date_hierarchy = "signed_on"
    autocomplete_fields = ("issuing_unit",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(conferment_count=Count("conferments"))

    @admin.display(description=_("số khen thưởng"), ordering="conferment_count")
    def conferment_count(self, obj):
        url = reverse("admin:awards_conferment_changelist") + f"?decision__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.conferment_count)


@admin.register(Conferment)
class ConfermentAdmin(
    ScopedAdminMixin, FoldedSearchMixin, AwardChoiceMixin, HistoryAdmin, ExportActionModelAdmin
):
    resource_classes = [ConfermentResource]
    list_display = ("recipient_name", "award", "subject", "year", "decision", "unit", "revoked")
    list_filter = ("year", "decision__authority", AwardListFilter, "award__subject", "revoked")
    search_fields = ("decision__number", "person__code")
    search_key_fields = ("person__search_key", "unit__search_key")
    search_help_text = _("Tìm theo số quyết định, mã cán bộ, tên cán bộ hoặc tên tập thể.")
    list_select_related = ("award", "person", "unit", "decision")
    autocomplete_fields = ("decision", "person", "unit")
    # Ids, not a select of every conferment and initiative of the sector.
    raw_id_fields = ("relied_on", "relied_on_initiatives")

    @admin.display(description=_("người / tập thể được khen"))
    def recipient_name(self, obj):
        return obj.person or obj.unit

    @admin.display(description=_("đối tượng"), ordering="award__subject")
    def subject(self, obj):
        return obj.award.get_subject_display()


@admin.register(IssuerProfile)
class IssuerProfileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """How a body heads and signs its documents, and the documents giving it its power
    (cited in its decisions): filled in by the TĐKT office."""

    list_display = ("unit", "parent_name", "head_title", "collective_name", "proposer")
    list_select_related = ("unit",)
    search_fields = ("unit__name", "head_title")
    autocomplete_fields = ("unit",)
    filter_horizontal = ("authority_bases",)
