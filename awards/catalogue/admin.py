"""Admin of the legal registry, the award catalogue and its rule versions.

A new decree is new data: close the current rule version (set "áp dụng đến"), then open
it again and use "Lưu mới" (save as new) with the new dates and legal bases. Overlapping
versions of one award are refused by ``AwardRule.clean``.
"""

import datetime

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from awards.catalogue.models import (
    Authority,
    Award,
    AwardRule,
    BaseSalary,
    LegalDocument,
    RulePrerequisite,
)
from awards.catalogue.resources import AwardResource
from awards.catalogue.selectors import legal_bases_prefetch
from thidua.core.admin import HistoryAdmin
from thidua.core.admin_imports import BoundedImportMixin
from thidua.core.ids import parse_id


def _award_label(award: Award) -> str:
    # Individual and collective forms share a name ("Bằng khen của Bộ trưởng …").
    return f"{award.name} – {award.get_subject_display()} ({award.authority.name})"


class AwardChoiceMixin:
    """Award drop-downs say whom an award is for and who confers it."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Award:
            kwargs.setdefault("queryset", Award.objects.select_related("authority"))
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = _award_label
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AwardListFilter(admin.SimpleListFilter):
    title = _("danh hiệu / hình thức")
    parameter_name = "award"

    def lookups(self, request, model_admin):
        return [(a.pk, _award_label(a)) for a in Award.objects.select_related("authority")]

    def queryset(self, request, queryset):
        award = parse_id(self.value())
        return queryset if award is None else queryset.filter(award_id=award)


def _span(start: datetime.date, end: datetime.date | None) -> str:
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" if end else f"{start:%d/%m/%Y} – …"


def _bases(rule: AwardRule) -> str:
    return "; ".join(doc.number for doc in rule.legal_bases.all())


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "title", "issuer", "issued_on", "span", "replaced_by")
    list_filter = ("kind", "issuer")
    search_fields = ("number", "title")
    list_select_related = ("replaced_by",)
    date_hierarchy = "effective_from"

    @admin.display(description=_("hiệu lực"), ordering="effective_from")
    def span(self, obj):
        return _span(obj.effective_from, obj.effective_to)


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "report_name", "level", "order")
    list_editable = ("order",)
    list_filter = ("level",)
    search_fields = ("name", "code", "report_name")
    prepopulated_fields = {"code": ("name",)}


class AwardRuleSummaryInline(admin.TabularInline):
    """The award's rule versions, read-only; each links to its own edit page."""

    model = AwardRule
    fk_name = "award"
    fields = ("effective_from", "effective_to", "bases", "unverified", "summary")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("các phiên bản tiêu chuẩn (sửa từng phiên bản ở trang riêng)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(legal_bases_prefetch())

    @admin.display(description=_("căn cứ pháp lý"))
    def bases(self, obj):
        return _bases(obj)


@admin.register(Award)
class AwardAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [AwardResource]
    list_display = (
        "name",
        "short_name",
        "code",
        "kind",
        "subject",
        "authority",
        "reward_type",
        "rule_count",
        "is_active",
    )
    list_filter = ("kind", "subject", "authority", "reward_type", "is_active")
    search_fields = ("name", "short_name", "code", "form_name")
    list_select_related = ("authority",)
    inlines = [AwardRuleSummaryInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "code", "form_name", "authority")}),
        (_("Phân loại"), {"fields": ("kind", "subject", "reward_type", "order", "is_active")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rule_count=Count("rules"))

    @admin.display(description=_("số phiên bản"), ordering="rule_count")
    def rule_count(self, obj):
        url = reverse("admin:catalogue_awardrule_changelist") + f"?award={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.rule_count)


class RulePrerequisiteInline(AwardChoiceMixin, admin.TabularInline):
    model = RulePrerequisite
    extra = 0
    fields = ("required_award", "count", "window_years", "consecutive", "blocking")


class EffectiveFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "effective"

    def lookups(self, request, model_admin):
        return [
            ("current", _("Đang áp dụng")),
            ("past", _("Đã hết hiệu lực")),
            ("future", _("Chưa áp dụng")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.filter(
                Q(effective_to__isnull=True) | Q(effective_to__gte=today),
                effective_from__lte=today,
            )
        if self.value() == "past":
            return queryset.filter(effective_to__lt=today)
        if self.value() == "future":
            return queryset.filter(effective_from__gt=today)
        return queryset


@admin.register(AwardRule)
class AwardRuleAdmin(AwardChoiceMixin, HistoryAdmin):
    list_display = ("award", "subject", "authority", "span", "bases", "unverified")
    list_filter = (
        EffectiveFilter,
        "award__authority",
        AwardListFilter,
        "unverified",
        "legal_bases",
    )
    search_fields = ("award__name", "award__short_name", "award__code", "summary")
    list_select_related = ("award__authority",)
    filter_horizontal = ("legal_bases", "conferring_authorities")
    inlines = [RulePrerequisiteInline]
    save_as = True
    save_on_top = True
    fieldsets = (
        (
            _("Phạm vi áp dụng"),
            {
                "fields": (
                    "award",
                    ("effective_from", "effective_to"),
                    "legal_bases",
                    "conferring_authorities",
                    "summary",
                    "unverified",
                ),
                "description": _(
                    "Khi có văn bản mới: đặt “áp dụng đến” cho phiên bản cũ, rồi mở lại phiên "
                    "bản đó, sửa ngày và căn cứ, bấm “Lưu mới”."
                ),
            },
        ),
        (
            _("Hội đồng xét"),
            {"fields": ("vote_threshold_percent", "quorum_percent", "public_notice_days")},
        ),
        (
            _("Tiêu chuẩn cá nhân"),
            {
                "fields": (
                    "min_rating",
                    ("initiative_level", "initiatives_required", "initiative_window_years"),
                    "initiative_or_min_rating",
                    "min_service_years",
                )
            },
        ),
        (
            _("Tiêu chuẩn tập thể"),
            {
                "fields": (
                    "member_award",
                    ("member_share_percent", "member_share_strict"),
                    "all_members_completed",
                    ("min_members_with_award", "min_members_count"),
                    "max_member_discipline",
                )
            },
        ),
        (
            _("Số lượng và tiền thưởng"),
            {
                "fields": (
                    ("quota_percent", "quota_base"),
                    ("quota_include_subunits", "quota_enforcement"),
                    "per_cluster_limit",
                    "once_per_subject",
                    "cash_multiplier",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(legal_bases_prefetch())

    @admin.display(description=_("đối tượng"), ordering="award__subject")
    def subject(self, obj):
        return obj.award.get_subject_display()

    @admin.display(description=_("cấp khen thưởng"), ordering="award__authority__order")
    def authority(self, obj):
        return obj.award.authority

    @admin.display(description=_("áp dụng"), ordering="effective_from")
    def span(self, obj):
        return _span(obj.effective_from, obj.effective_to)

    @admin.display(description=_("căn cứ pháp lý"))
    def bases(self, obj):
        return _bases(obj)


@admin.register(BaseSalary)
class BaseSalaryAdmin(HistoryAdmin):
    list_display = ("effective_from", "amount", "legal_basis", "unverified")
    list_filter = ("unverified",)
    date_hierarchy = "effective_from"
