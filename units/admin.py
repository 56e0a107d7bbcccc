"""Django admin of the organisation: units, groupings, people and their records.

Search ignores diacritics (stored ``search_key``); lists and autocompletes are scoped like
the rest of the site. Units with history are never deleted, only deactivated.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from thidua.core.admin import FoldedSearchMixin, HistoryAdmin, ValidityFilter
from thidua.core.admin_imports import BoundedImportMixin
from thidua.core.forms import MAX_YEAR, MIN_YEAR
from units import memberships
from units.access import is_admin, restrict
from units.models import (
    Assignment,
    Cluster,
    ClusterMembership,
    ClusterName,
    Discipline,
    Initiative,
    Leave,
    Person,
    Province,
    QualityRating,
    Review,
    Unit,
    UnitRole,
)
from units.resources import PersonResource, UnitResource
from units.services import person_sync_current, unit_deactivate


class ScopedAdminMixin:
    """Admin lists, forms and autocompletes show only what the user may see.

    Models without a ``scope_lookup`` are for admins (TĐKT office) only.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset.model, "scope_lookup"):
            return restrict(queryset, request.user)
        return queryset if is_admin(request.user) else queryset.none()


class BaseAdmin(ScopedAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_per_page = 50


# --- Provinces and units -------------------------------------------------------------------


@admin.register(Province)
class ProvinceAdmin(BaseAdmin):
    list_display = ["name", "valid_from", "valid_to", "merged_into"]
    list_select_related = ["merged_into"]
    list_filter = [ValidityFilter]
    search_fields = ["name"]
    autocomplete_fields = ["merged_into"]


def refusal_message(units) -> str:
    names = ", ".join(f"“{unit}”" for unit in units[:5])
    more = len(units) - 5
    if more > 0:
        names += gettext(" và %(n)d đơn vị khác") % {"n": more}
    return ngettext(
        "Không xóa được đơn vị %(names)s vì đơn vị đã có dữ liệu lịch sử (cán bộ, khối thi "
        "đua, khen thưởng, đơn vị trực thuộc hoặc tiền thân…). Hãy dùng thao tác "
        "“Ngừng hoạt động” để đặt ngày hết hiệu lực thay vì xóa.",
        "Không xóa được các đơn vị %(names)s vì đã có dữ liệu lịch sử (cán bộ, khối thi "
        "đua, khen thưởng, đơn vị trực thuộc hoặc tiền thân…). Không đơn vị nào bị xóa. Hãy "
        "dùng thao tác “Ngừng hoạt động” để đặt ngày hết hiệu lực thay vì xóa.",
        len(units),
    ) % {"names": names}


@admin.register(Unit)
class UnitAdmin(BoundedImportMixin, BaseAdmin, HistoryAdmin, ImportExportModelAdmin):
    resource_classes = [UnitResource]
    list_display = [
        "name",
        "code",
        "agency_type",
        "province",
        "parent",
        "valid_from",
        "valid_to",
        "active",
    ]
    list_select_related = ["province", "parent"]
    list_filter = [ValidityFilter, "agency_type", "tdkt_body", "province", "depth"]
    search_fields = ["code"]
    autocomplete_fields = ["parent", "province", "predecessors"]
    readonly_fields = ["path", "depth"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "agency_type", "province"]}),
        (_("Vị trí trong cây"), {"fields": ["parent", "path", "depth"]}),
        (_("Công tác thi đua, khen thưởng (biểu 0604.N)"), {"fields": ["tdkt_body"]}),
        (_("Hiệu lực và lịch sử"), {"fields": ["valid_from", "valid_to", "predecessors"]}),
    ]
    actions = ["deactivate", "delete_selected"]

    @admin.display(boolean=True, description=_("đang hoạt động"))
    def active(self, unit: Unit) -> bool:
        return unit.is_active

    def delete_view(self, request, object_id, extra_context=None):
        unit = self.get_object(request, unquote(object_id))
        if unit is not None and unit.has_history():
            self.message_user(request, refusal_message([unit]), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:units_unit_change", args=[unit.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, queryset):
        """Django's bulk delete, refused as a whole when any selected unit has history."""
        blocked = [unit for unit in queryset if unit.has_history()]
        if blocked:
            self.message_user(request, refusal_message(blocked), messages.ERROR)
            return None
        return django_delete_selected(self, request, queryset)

    @admin.action(permissions=["change"], description=_("Ngừng hoạt động (hiệu lực đến hôm nay)"))
    def deactivate(self, request, queryset):
        today = timezone.localdate()
        done = 0
        for unit in queryset:
            if unit.valid_to is not None and unit.valid_to <= today:
                continue
            try:
                unit_deactivate(unit=unit, on=today, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{unit}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.log_change(request, unit, gettext("Ngừng hoạt động từ %s") % f"{today:%d/%m/%Y}")
            done += 1
        self.message_user(
            request,
            ngettext(
                "Đã cho %(n)d đơn vị ngừng hoạt động từ %(day)s.",
                "Đã cho %(n)d đơn vị ngừng hoạt động từ %(day)s.",
                done,
            )
            % {"n": done, "day": f"{today:%d/%m/%Y}"},
            messages.SUCCESS if done else messages.WARNING,
        )
        self._warn_active_children(request, queryset, today)

    def _warn_active_children(self, request, queryset, today: datetime.date):
        active = (
            Unit.objects.valid_on(today)
            .filter(parent__in=queryset)
            .exclude(pk__in=queryset.values("pk"))
            .count()
        )
        if active:
            self.message_user(
                request,
                gettext(
                    "Lưu ý: còn %(n)d đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc cho "
                    "chúng ngừng hoạt động."
                )
                % {"n": active},
                messages.WARNING,
            )


# --- Groupings -----------------------------------------------------------------------------


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 1
    autocomplete_fields = ["unit"]
    ordering = ["-year", "role", "unit__name"]


class ClusterNameInline(admin.TabularInline):
    model = ClusterName
    extra = 0
    ordering = ["used_until"]


class MembershipYearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)


class MembershipCopyForm(forms.Form):
    from_year = forms.IntegerField(
        label=_("Sao chép từ năm"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    to_year = forms.IntegerField(label=_("Sang năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)


class MembershipImportForm(MembershipYearForm):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


@admin.register(Cluster)
class ClusterAdmin(BaseAdmin):
    list_display = ["name", "kind", "is_active", "members_this_year"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    search_key_fields = ("search_key", "memberships__unit__search_key")
    inlines = [ClusterNameInline, ClusterMembershipInline]
    change_form_template = "admin/units/cluster/change_form.html"

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/memberships/",
                self.admin_site.admin_view(self.memberships_view),
                name="units_cluster_memberships",
            )
        ]
        return urls + super().get_urls()

    def memberships_view(self, request, object_id):
        """Copy last year's members, import or export a year's members (Excel)."""
        cluster = self.get_object(request, unquote(object_id))
        if cluster is None or not self.has_change_permission(request, cluster):
            raise PermissionDenied
        year = timezone.localdate().year
        if request.method == "GET" and "export" in request.GET:
            form = MembershipYearForm({"year": request.GET.get("export")})
            if form.is_valid():
                data = memberships.memberships_workbook(
                    cluster=cluster, year=form.cleaned_data["year"]
                )
                response = HttpResponse(
                    data,
                    content_type=(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    ),
                )
                name = f"thanh-vien-{cluster.pk}-{form.cleaned_data['year']}.xlsx"
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
            messages.error(request, gettext("Năm không hợp lệ."))
        copy_form = MembershipCopyForm(
            request.POST if request.POST.get("action") == "copy" else None,
            initial={"from_year": year - 1, "to_year": year},
            prefix="copy",
        )
        import_form = MembershipImportForm(
            request.POST if request.POST.get("action") == "import" else None,
            request.FILES if request.POST.get("action") == "import" else None,
            initial={"year": year},
            prefix="import",
        )
        here = reverse("admin:units_cluster_memberships", args=[cluster.pk])
        if request.method == "POST" and copy_form.is_bound and copy_form.is_valid():
            try:
                result = memberships.memberships_copy(
                    by=request.user, cluster=cluster, **copy_form.cleaned_data
                )
            except ValidationError as error:
                copy_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext(
                        "Đã sao chép %(created)d thành viên sang năm %(year)s; %(kept)d đơn vị "
                        "đã có sẵn. Hãy kiểm tra và sửa danh sách năm đó."
                    )
                    % {
                        "created": len(result.created),
                        "kept": len(result.kept),
                        "year": copy_form.cleaned_data["to_year"],
                    },
                )
                for _unit, why in result.skipped:
                    messages.warning(request, gettext("Không sao chép: %(why)s") % {"why": why})
                return HttpResponseRedirect(here)
        if request.method == "POST" and import_form.is_bound and import_form.is_valid():
            try:
                counts = memberships.memberships_import(
                    by=request.user,
                    cluster=cluster,
                    year=import_form.cleaned_data["year"],
                    upload=import_form.cleaned_data["file"],
                )
            except ValidationError as error:
                import_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext(
                        "Đã nhập thành viên năm %(year)s: thêm %(added)d, đổi vai trò "
                        "%(changed)d, giữ nguyên %(unchanged)d."
                    )
                    % {"year": import_form.cleaned_data["year"], **counts},
                )
                return HttpResponseRedirect(here)
        years = list(
            cluster.memberships.order_by("-year").values_list("year", flat=True).distinct()
        )
        return TemplateResponse(
            request,
            "admin/units/cluster/memberships.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": cluster,
                "title": gettext("Thành viên theo năm: %(cluster)s") % {"cluster": cluster},
                "copy_form": copy_form,
                "import_form": import_form,
                "years": years,
                "this_year": year,
            },
        )

    def get_queryset(self, request):
        year = timezone.localdate().year
        return (
            super()
            .get_queryset(request)
            .annotate(members_now=Count("memberships", filter=Q(memberships__year=year)))
        )

    @admin.display(description=_("số thành viên năm nay"), ordering="members_now")
    def members_this_year(self, cluster: Cluster) -> int:
        return cluster.members_now


@admin.register(ClusterMembership)
class ClusterMembershipAdmin(BaseAdmin):
    list_display = ["cluster", "year", "unit", "role"]
    list_select_related = ["cluster", "unit"]
    list_filter = ["year", "role", "cluster__kind", "unit__agency_type"]
    search_fields = ["unit__code", "unit__name", "cluster__name"]
    search_key_fields = ("cluster__search_key", "unit__search_key")
    autocomplete_fields = ["cluster", "unit"]


# --- People --------------------------------------------------------------------------------


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["unit"]
    ordering = ["-start"]


class QualityRatingInline(admin.TabularInline):
    model = QualityRating
    extra = 1
    ordering = ["-year"]


class DisciplineInline(admin.TabularInline):
    model = Discipline
    extra = 0
    ordering = ["-decided_on"]


class ReviewInline(admin.TabularInline):
    model = Review
    fk_name = "person"
    exclude = ["unit"]
    extra = 0


class LeaveInline(admin.TabularInline):
    model = Leave
    extra = 0


@admin.register(Person)
class PersonAdmin(BoundedImportMixin, BaseAdmin, HistoryAdmin, ImportExportModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["full_name", "code", "gender", "category", "position", "unit"]
    list_select_related = ["unit"]
    list_filter = ["gender", "category", "tdkt_role", "unit__agency_type", "unit__province"]
    search_fields = ["code", "national_id"]
    readonly_fields = ["unit", "position"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "full_name",
                    "code",
                    "gender",
                    "birth_date",
                    "national_id",
                    "category",
                    "joined_on",
                    "training_level",
                    "unit",
                    "position",
                ]
            },
        ),
        (
            _("Công tác thi đua, khen thưởng (biểu 0605.N)"),
            {"fields": ["tdkt_role", "tdkt_since"]},
        ),
    ]
    inlines = [AssignmentInline, QualityRatingInline, DisciplineInline, ReviewInline, LeaveInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person_sync_current(form.instance)


class PersonRecordAdmin(BaseAdmin):
    """Records of one person, found by the person's name or code."""

    list_select_related = ["person"]
    search_fields = ["person__code"]
    search_key_fields = ("person__search_key",)
    autocomplete_fields = ["person"]


@admin.register(Assignment)
class AssignmentAdmin(PersonRecordAdmin, HistoryAdmin):
    list_display = ["person", "position", "unit", "start", "end"]
    list_select_related = ["person", "unit"]
    list_filter = ["unit__agency_type", "unit__province"]
    search_fields = ["person__code", "unit__code", "position"]
    search_key_fields = ("person__search_key", "unit__search_key")
    autocomplete_fields = ["person", "unit"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        person_sync_current(obj.person)

    def delete_model(self, request, obj):
        person = obj.person
        super().delete_model(request, obj)
        person_sync_current(person)

    def delete_queryset(self, request, queryset):
        people = list(Person.objects.filter(assignments__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for person in people:
            person_sync_current(person)


@admin.register(QualityRating)
class QualityRatingAdmin(PersonRecordAdmin):
    list_display = ["person", "year", "rating"]
    list_filter = ["year", "rating"]


@admin.register(Discipline)
class DisciplineAdmin(PersonRecordAdmin):
    list_display = ["person", "form", "decision_number", "decided_on", "ends_on"]
    list_filter = ["form"]
    search_fields = ["person__code", "decision_number"]
    date_hierarchy = "decided_on"


@admin.register(Review)
class ReviewAdmin(BaseAdmin):
    list_display = ["__str__", "kind", "start", "end"]
    list_select_related = ["person", "unit"]
    list_filter = ["kind"]
    search_fields = ["person__code", "unit__code"]
    search_key_fields = ("person__search_key", "unit__search_key")
    autocomplete_fields = ["person", "unit"]


@admin.register(Leave)
class LeaveAdmin(PersonRecordAdmin):
    list_display = ["person", "kind", "start", "end"]
    list_filter = ["kind"]


@admin.register(Initiative)
class InitiativeAdmin(BaseAdmin):
    list_display = ["title", "level", "year", "unit", "decision_number", "decision_date"]
    list_select_related = ["unit"]
    list_filter = ["level", "year"]
    search_fields = ["title", "decision_number", "unit__code"]
    search_key_fields = ("unit__search_key", "authors__search_key")
    autocomplete_fields = ["unit", "authors"]


# --- Users and their roles -----------------------------------------------------------------


@admin.register(UnitRole)
class UnitRoleAdmin(BaseAdmin):
    list_display = ["user", "role", "unit"]
    list_select_related = ["user", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_key_fields = ("unit__search_key",)
    autocomplete_fields = ["user", "unit"]


class UnitRoleInline(admin.TabularInline):
    model = UnitRole
    extra = 1
    autocomplete_fields = ["unit"]


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [*DjangoUserAdmin.inlines, UnitRoleInline]
