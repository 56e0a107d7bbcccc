"""Admin of the award records: decisions and conferments (the catalogue: ``awards.catalogue``)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionModelAdmin

from awards import selectors, services
from awards.catalogue.admin import AwardChoiceMixin, AwardListFilter
from awards.models import Conferment, Decision, Fund, FundAllocation, FundEntry, IssuerProfile
from awards.publication.services import decisions_publish
from awards.resources import ConfermentResource
from thidua.core.admin import FoldedSearchMixin, HistoryAdmin
from thidua.core.uploads import validate_image
from units.access import is_admin
from units.admin import ScopedAdminMixin


class SyncFilter(admin.SimpleListFilter):
    """Issued decisions by their sending to the national database of cadres."""

    title = _("đồng bộ CSDL quốc gia")
    parameter_name = "synced"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Đã đồng bộ")),
            ("no", _("Chưa đồng bộ")),
            ("late", _("Chưa đồng bộ, quá 3 ngày làm việc")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(synced_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(status=Decision.Status.ISSUED, synced_on__isnull=True)
        if self.value() == "late":
            late = selectors.decisions_not_synchronised(
                user=request.user, today=timezone.localdate()
            )
            return queryset.filter(pk__in=late.values("pk"))
        return queryset


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
        "synced_on",
        "published",
    )
    list_filter = ("year", "authority", "status", SyncFilter, "published")
    actions = ["mark_synchronised", "publish", "unpublish"]
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

    @admin.action(description=_("Ghi nhận đã đồng bộ CSDL cán bộ quốc gia hôm nay"))
    def mark_synchronised(self, request, queryset):
        try:
            count = services.decisions_mark_synchronised(
                decisions=queryset, by=request.user, on=timezone.localdate()
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            _("Đã ghi nhận đồng bộ %(count)d quyết định (đã ban hành, chưa đồng bộ).")
            % {"count": count},
            messages.SUCCESS,
        )

    def _publish(self, request, queryset, published: bool, done: str):
        try:
            count = decisions_publish(decisions=queryset, by=request.user, published=published)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Công khai danh sách khen thưởng (quyết định đã ban hành)"))
    def publish(self, request, queryset):
        self._publish(request, queryset, True, _("Đã công khai %(count)d quyết định."))

    @admin.action(description=_("Thôi công khai danh sách khen thưởng"))
    def unpublish(self, request, queryset):
        self._publish(request, queryset, False, _("Đã thôi công khai %(count)d quyết định."))


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


class IssuerProfileForm(forms.ModelForm):
    """The signature and seal images go through the project's image check (type by content,
    size, pixel limits) like every upload."""

    class Meta:
        model = IssuerProfile
        fields = "__all__"  # noqa: DJ007 - the admin lists the fields

    def _image(self, name):
        value = self.cleaned_data.get(name)
        if isinstance(value, UploadedFile):
            validate_image(value)
        return value

    def clean_signature_image(self):
        return self._image("signature_image")

    def clean_seal_image(self):
        return self._image("seal_image")


@admin.register(IssuerProfile)
class IssuerProfileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """How a body heads and signs its documents, and the documents giving it its power
    (cited in its decisions): filled in by the TĐKT office."""

    form = IssuerProfileForm

    list_display = ("unit", "parent_name", "head_title", "collective_name", "proposer")
    list_select_related = ("unit",)
    search_fields = ("unit__name", "head_title")
    autocomplete_fields = ("unit",)
    filter_horizontal = ("authority_bases",)


# --- The award fund ---------------------------------------------------------------------


class AdminOnlyMixin:
    """The fund's books are written by the TĐKT office (admins) only."""

    def has_add_permission(self, request, obj=None):
        return is_admin(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Fund)
class FundAdmin(AdminOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("unit", "authority")
    list_filter = ("authority",)
    list_select_related = ("unit", "authority")
    search_fields = ("unit__name",)
    autocomplete_fields = ("unit",)

    def get_readonly_fields(self, request, obj=None):
        return ("unit", "authority") if obj else ()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = services.fund_open(by=request.user, unit=obj.unit, authority=obj.authority).pk


@admin.register(FundAllocation)
class FundAllocationAdmin(AdminOnlyMixin, ScopedAdminMixin, HistoryAdmin):
    """Allocations: entered here or on the ledger page, corrected here (field history);
    both go through ``awards.services`` (the year follows the date)."""

    list_display = ("fund", "received_on", "amount", "source", "created_by")
    list_filter = ("year", "fund__authority")
    list_select_related = ("fund__unit", "fund__authority", "created_by")
    search_fields = ("source", "fund__unit__name")
    autocomplete_fields = ("fund",)
    fields = ("fund", "received_on", "amount", "source")

    def get_readonly_fields(self, request, obj=None):
        return ("fund",) if obj else ()

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in ("amount", "received_on", "source")}
        # The form's validators (amount ≥ 1, a source) match the service's checks.
        if change:
            services.fund_allocation_update(by=request.user, allocation=obj, **values)
        else:
            obj.pk = services.fund_allocation_add(by=request.user, fund=obj.fund, **values).pk


@admin.register(FundEntry)
class FundEntryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Spending booked by decisions: read-only (a correction is a decision's reversal)."""

    list_display = ("fund", "booked_on", "decision", "conferment", "amount", "reverses")
    list_filter = ("year", "fund__authority")
    list_select_related = ("fund__unit", "fund__authority", "decision", "conferment__award")
    search_fields = ("decision__number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
