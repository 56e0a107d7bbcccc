"""Django admin of campaigns, pledges and registrations (TĐKT office).

States change only through the services (actions below), never by editing the field, so
every change is audited like on the site. Lists are scoped and searched like the rest.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from campaigns import services
from campaigns.models import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    Pledge,
    PledgeSignature,
    Registration,
)
from campaigns.resources import RegistrationResource
from units.admin import BaseAdmin


def _run(model_admin, request, queryset, action, done_message):
    """Apply a service to each selected row; report refusals row by row."""
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except ValidationError as error:
            model_admin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            done += 1
    if done:
        model_admin.message_user(request, done_message(done), messages.SUCCESS)


class PhaseInline(admin.TabularInline):
    model = CampaignPhase
    extra = 0


class TargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(BaseAdmin):
    list_display = ["name", "kind", "launched_by", "start_date", "end_date", "status"]
    list_select_related = ["launched_by"]
    list_filter = ["status", "kind"]
    search_fields = ["authority_name"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["launched_by", "scope_units", "scope_clusters"]
    filter_horizontal = ["awards"]
    readonly_fields = ["status", "created_by", "created_at"]
    inlines = [PhaseInline, TargetInline]
    actions = ["open_campaigns", "close_campaigns"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(permissions=["change"], description=_("Phát động các phong trào đã chọn"))
    def open_campaigns(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda c: services.campaign_open(by=request.user, campaign=c),
            lambda n: (
                ngettext("Đã phát động %(n)d phong trào.", "Đã phát động %(n)d phong trào.", n)
                % {"n": n}
            ),
        )

    @admin.action(permissions=["change"], description=_("Đóng các phong trào đã chọn"))
    def close_campaigns(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda c: services.campaign_close(by=request.user, campaign=c),
            lambda n: (
                ngettext("Đã đóng %(n)d phong trào.", "Đã đóng %(n)d phong trào.", n) % {"n": n}
            ),
        )


class SignatureInline(admin.TabularInline):
    """Signatures are made on the pledge page (checks membership, audits); here an admin
    sees them and may delete a mistaken one."""

    model = PledgeSignature
    extra = 0
    fields = readonly_fields = [
        "unit",
        "signer_name",
        "signer_position",
        "signed_on",
        "signed_by",
        "recorded_by",
        "recorded_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(BaseAdmin):
    list_display = ["title", "cluster", "year", "signature_count"]
    list_select_related = ["cluster"]
    list_filter = ["year", "cluster__kind"]
    search_fields = ["title"]
    search_key_fields = ("cluster__search_key",)
    autocomplete_fields = ["cluster", "campaign"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [SignatureInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(signatures_n=Count("signatures"))

    @admin.display(description=_("số đơn vị đã ký"), ordering="signatures_n")
    def signature_count(self, pledge: Pledge) -> int:
        return pledge.signatures_n


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, BaseAdmin):
    """Registrations are created on the site or by the import (which validate them); here
    they are looked up, their note corrected, accepted in bulk, deleted or exported (the
    list as filtered, within the user's scope). There is no admin import: it would bypass
    the checks of ``campaigns.services``."""

    resource_classes = [RegistrationResource]

    list_display = ["__str__", "campaign", "year", "award", "unit", "status", "submitted_at"]
    list_select_related = ["campaign", "award", "unit", "person"]
    list_filter = ["status", "year", "campaign", "award"]
    search_fields = ["person__code", "unit__code"]
    search_key_fields = ("person__search_key", "unit__search_key")
    readonly_fields = [
        "campaign",
        "year",
        "award",
        "unit",
        "person",
        "status",
        "created_by",
        "created_at",
        "submitted_at",
    ]
    actions = ["accept_registrations"]

    def has_add_permission(self, request):
        return False

    @admin.action(permissions=["change"], description=_("Duyệt các đăng ký đã chọn"))
    def accept_registrations(self, request, queryset):
        _run(
            self,
            request,
            queryset.select_related("campaign", "unit"),
            lambda r: services.registration_accept(by=request.user, registration=r),
            lambda n: gettext("Đã duyệt %(n)d đăng ký.") % {"n": n},
        )


from campaigns.scoring import admin as scoring_admin  # noqa: E402, F401
