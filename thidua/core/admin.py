"""Admin pieces every app shares: diacritic-insensitive search and the validity filter.

Scoping (``ScopedAdminMixin``, ``BaseAdmin``) needs the unit roles: it is in ``units.admin``.
"""

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.text import search_key


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
