"""Unit and person pickers: grouped by the kind of agency, the units that ended apart.

A current unit is listed under its kind of agency (Bộ, đơn vị thuộc Bộ, cơ quan THADS …,
cơ quan ngoài ngành) in the order ``AgencyType`` declares them; a unit whose ``valid_to`` has
passed (dissolved, merged) is listed last, in its own group ``ENDED``, so that nobody picks
it by mistake and history can still name it.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.choices import GroupedModelChoiceField, GroupedModelMultipleChoiceField
from units.models import AgencyType, Cluster, Unit

ENDED = _("Đơn vị đã giải thể/sáp nhập")
CLUSTERS_ENDED = _("Khối/cụm đã giải thể")
_CLUSTER_RANK = {value: rank for rank, value in enumerate(Cluster.Kind.values)}
_RANK = {value: rank for rank, value in enumerate(AgencyType.values)}
_ENDED_RANK = len(_RANK) + 1


def has_ended(unit: Unit, today: datetime.date | None = None) -> bool:
    return unit.valid_to is not None and unit.valid_to < (today or timezone.localdate())


def unit_group(unit: Unit) -> tuple[int, str]:
    """(rank, label) of the group a unit is listed in."""
    if has_ended(unit):
        return _ENDED_RANK, ENDED
    return _RANK.get(unit.agency_type, len(_RANK)), unit.get_agency_type_display()


def cluster_group(cluster: Cluster) -> tuple[int, str]:
    """Groupings under their kind (khu vực, cụm, khối); the dissolved ones last, apart."""
    if not cluster.is_active:
        return len(_CLUSTER_RANK) + 1, CLUSTERS_ENDED
    return _CLUSTER_RANK.get(cluster.kind, len(_CLUSTER_RANK)), cluster.get_kind_display()


def person_group(person) -> tuple[str, str]:
    """People are listed under their unit, the units in tree order (needs ``unit`` loaded)."""
    return person.unit.path, person.unit.name


def person_label(person) -> str:
    return f"{person.full_name} ({person.code})"


class UnitChoiceField(GroupedModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        queryset = Unit.objects.none() if queryset is None else queryset
        super().__init__(queryset, group_by=unit_group, **kwargs)


class UnitMultipleChoiceField(GroupedModelMultipleChoiceField):
    def __init__(self, queryset=None, **kwargs):
        queryset = Unit.objects.none() if queryset is None else queryset
        super().__init__(queryset, group_by=unit_group, **kwargs)


class PersonChoiceField(GroupedModelChoiceField):
    """Needs a queryset with ``select_related("unit")``."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, group_by=person_group, **kwargs)

    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class ClusterChoiceField(GroupedModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        queryset = Cluster.objects.none() if queryset is None else queryset
        super().__init__(queryset, group_by=cluster_group, **kwargs)


class ClusterMultipleChoiceField(GroupedModelMultipleChoiceField):
    def __init__(self, queryset=None, **kwargs):
        queryset = Cluster.objects.none() if queryset is None else queryset
        super().__init__(queryset, group_by=cluster_group, **kwargs)
