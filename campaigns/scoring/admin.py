"""Django admin of score sheets, rounds, scorecards and award suggestions (TĐKT office).

Sheets are written on the scoring pages (the whole tree at once, checked and versioned);
here they are looked up, published, revised or copied to next year by actions that call
the same services. A round's panel (tổ chấm điểm) is named here. Scores are read-only:
they change only through self-scoring and review.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    AwardPlace,
    AwardSuggestion,
    GradeRule,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringRound,
)
from campaigns.scoring.access import leader_unit
from campaigns.scoring.services import sheets
from thidua.core import audit
from units.admin import BaseAdmin


def _each(model_admin, request, queryset, action, done: str) -> None:
    count = 0
    for obj in queryset:
        try:
            action(obj)
        except ValidationError as error:
            model_admin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            count += 1
    if count:
        model_admin.message_user(request, done % {"n": count}, messages.SUCCESS)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ItemInline(ReadOnlyInline):
    model = ScoreItem
    fields = ["code", "parent", "kind", "name", "max_score", "formula", "target", "measure"]
    ordering = ["order", "pk"]


class RuleInline(ReadOnlyInline):
    model = GradeRule
    fields = ["grade", "label", "min_score", "targets", "near_miss_margin", "cap"]


class PlaceInline(ReadOnlyInline):
    model = AwardPlace
    fields = ["first_place", "last_place", "award", "grades"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(BaseAdmin):
    list_display = ["name", "year", "cluster", "agency_type", "total", "version", "status"]
    list_select_related = ["cluster"]
    list_filter = ["status", "year", "agency_type"]
    search_fields = ["name"]
    search_key_fields = ("cluster__search_key",)
    readonly_fields = [
        "status",
        "version",
        "previous",
        "copied_from",
        "created_by",
        "created_at",
        "published_at",
    ]
    autocomplete_fields = ["cluster", "campaign"]
    inlines = [ItemInline, RuleInline, PlaceInline]
    actions = ["publish", "revise", "copy_next_year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == ScoreSheet.Status.DRAFT

    @admin.action(description=_("Ban hành các bảng điểm đã chọn"))
    def publish(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: sheets.sheet_publish(by=request.user, sheet=s),
            gettext("Đã ban hành %(n)d bảng điểm."),
        )

    @admin.action(description=_("Sửa (chuyển về dự thảo, hoặc tạo phiên bản mới nếu đã có điểm)"))
    def revise(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: sheets.sheet_revise(by=request.user, sheet=s),
            gettext("Đã tạo %(n)d bản sửa (dự thảo)."),
        )

    @admin.action(description=_("Sao chép sang năm sau (dự thảo)"))
    def copy_next_year(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda s: sheets.sheet_copy(by=request.user, source=s),
            gettext("Đã sao chép %(n)d bảng điểm."),
        )


@admin.register(ScoringRound)
class ScoringRoundAdmin(BaseAdmin):
    """The panel and the deadline are edited here; states move on the round's page,
    which also lists the scorecards."""

    list_display = ["__str__", "year", "kind", "cluster", "sheet", "status"]
    list_select_related = ["cluster", "sheet"]
    list_filter = ["status", "kind", "year"]
    search_key_fields = ("cluster__search_key",)
    search_fields = ["sheet__name"]
    fields = ["cluster", "sheet", "year", "kind", "status", "deadline", "panel", "finalised_at"]
    readonly_fields = ["cluster", "sheet", "year", "kind", "status", "finalised_at"]
    filter_horizontal = ["panel"]

    def has_add_permission(self, request):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "panel" in form.changed_data:
            names = ", ".join(u.get_full_name() or u.username for u in form.instance.panel.all())
            audit.record(
                obj=form.instance,
                by=request.user,
                action="panel",
                from_state=form.instance.status,
                to_state=form.instance.status,
                comment=gettext("Tổ chấm điểm: %(names)s") % {"names": names or "—"},
                unit=leader_unit(form.instance),
            )


class EntryInline(ReadOnlyInline):
    model = ScoreEntry
    fields = ["item", "actual", "self_score", "evidence", "agreed_actual", "agreed", "comment"]


@admin.register(Scorecard)
class ScorecardAdmin(BaseAdmin):
    list_display = ["unit", "round", "status", "submitted_at", "reviewed_at"]
    list_select_related = ["unit", "round__cluster"]
    list_filter = ["status", "round__year", "round__kind"]
    search_key_fields = ("unit__search_key",)
    search_fields = ["unit__code"]
    readonly_fields = ["round", "unit", "status", "submitted_at", "reviewed_at"]
    inlines = [EntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AwardSuggestion)
class AwardSuggestionAdmin(BaseAdmin):
    list_display = ["unit", "award", "place", "total", "round", "status", "nominee"]
    list_select_related = ["unit", "award", "round__cluster"]
    list_filter = ["status", "round__year", "award"]
    search_key_fields = ("unit__search_key",)
    search_fields = ["unit__code"]
    readonly_fields = [
        "round",
        "unit",
        "award",
        "place",
        "total",
        "status",
        "nominee",
        "decided_by",
        "decided_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
