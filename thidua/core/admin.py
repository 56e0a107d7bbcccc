"""Admin pieces every app shares: diacritic-insensitive search, the validity filter and the
field history view.

Scoping (``ScopedAdminMixin``, ``BaseAdmin``) needs the unit roles: it is in ``units.admin``.
"""

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates, unquote
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.ids import parse_id
from thidua.core.text import search_key


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin's "Lịch sử" page lists every field change (django-simple-history).

    Only of an object the user's admin list holds (``get_queryset`` is scoped): the library
    would otherwise show the history of any id, even a deleted or out-of-scope object.
    Reverting to an old version is off (``SIMPLE_HISTORY_REVERT_DISABLED``): it would skip
    the services' rules.
    """

    def _check_visible(self, request, object_id):
        pk = parse_id(unquote(str(object_id)))
        if pk is None or not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404
        return str(pk)

    def history_view(self, request, object_id, extra_context=None):
        object_id = self._check_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        object_id = self._check_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class FoldedSearchMixin:
    """Search that ignores Vietnamese diacritics: "nguyen van an" finds "Nguyễn Văn An".

    The term is folded like the stored keys (``thidua.core.text.search_key``) and each word is
    matched against ``search_key_fields``; the ordinary ``search_fields`` (codes, numbers)
    are still searched with the term as typed, and either match counts.
    """

    search_key_fields: tuple[str, ...] = ("search_key",)

    def get_search_results(self, request, queryset, search_term):
        matched, duplicates = super().get_search_results(request, queryset, search_term)
        words = search_key(search_term).split()
        if not words:
            return matched, duplicates
        lookups = [f"{name}__icontains" for name in self.search_key_fields]
        folded = Q.create(
            [Q.create([(lookup, word) for lookup in lookups], connector=Q.OR) for word in words]
        )
        duplicates = duplicates or any(lookup_spawns_duplicates(self.opts, lk) for lk in lookups)
        return matched | queryset.filter(folded), duplicates


class ValidityFilter(admin.SimpleListFilter):
    """Rows with ``valid_from``/``valid_to``, by their state today."""

    title = _("hiệu lực")
    parameter_name = "valid"

    def lookups(self, request, model_admin):
        return [
            ("now", _("Đang hoạt động")),
            ("ended", _("Đã ngừng hoạt động")),
            ("future", _("Chưa có hiệu lực")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "now":
            return queryset.valid_on(today)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset
