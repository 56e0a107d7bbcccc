"""Statistics table 0601.N: campaigns launched in a year, by launching level, kind, length
and scope. Built here because it reads campaigns; printed by ``awards.reports``.

Derivations (the model has no such fields, unverified against the official form):
- launching level from the launching unit's agency type (ministry and its units, the
  central enforcement body → central; provincial enforcement agencies and justice
  departments → provincial; district and regional offices → local; outside bodies, or an
  authority named only in text → other);
- length: a multi-year period ("giai đoạn"), a calendar year, or under a year (a drive);
- scope: the whole sector when the scope includes a root unit of the tree, groupings when it
  names only groupings, otherwise some units or localities.
Drafts are not counted; a campaign counts in the year it starts.
"""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from awards.reports.scope import Scope
from awards.reports.statistics import Column, StatRow, StatTable
from campaigns.models import Campaign
from units.access import under
from units.models import AgencyType, ClusterMembership, Unit

LEVELS = [
    ("central", (AgencyType.MINISTRY, AgencyType.MINISTRY_UNIT, AgencyType.THADS_HQ)),
    ("province", (AgencyType.THADS_PROVINCE, AgencyType.JUSTICE_DEPT)),
    ("local", (AgencyType.THADS_LOCAL,)),
    ("other", (AgencyType.EXTERNAL,)),
]


def _level_labels() -> dict[str, str]:
    return {
        "central": _("Cấp Bộ, ngành Trung ương"),
        "province": _("Cấp tỉnh"),
        "local": _("Cấp huyện, khu vực và cơ sở"),
        "other": _("Cơ quan, tổ chức khác"),
    }


def columns() -> list[Column]:
    kind, length, reach = _("Theo loại"), _("Theo thời gian"), _("Theo phạm vi")
    return [
        Column("total", _("Tổng số")),
        Column("regular", _("Thường xuyên"), kind),
        Column("themed", _("Chuyên đề"), kind),
        Column("peak", _("Đợt cao điểm"), kind),
        Column("short", _("Dưới 1 năm"), length),
        Column("year", _("Hằng năm (1 năm)"), length),
        Column("multi", _("Nhiều năm"), length),
        Column("sector", _("Toàn ngành"), reach),
        Column("units", _("Một số đơn vị, địa phương"), reach),
        Column("clusters", _("Khối, cụm thi đua"), reach),
    ]


def _level(campaign: Campaign) -> str:
    unit = campaign.launched_by
    if unit is None:
        return "other"
    for level, types in LEVELS:
        if unit.agency_type in types:
            return level
    return "other"


def _length(campaign: Campaign) -> str:
    if campaign.start_date.year != campaign.end_date.year:
        return "multi"
    days = (campaign.end_date - campaign.start_date).days + 1
    return "year" if days >= 300 else "short"


def _reach(campaign: Campaign) -> str:
    if any(unit.depth == 0 for unit in campaign.scope_units.all()):
        return "sector"
    if campaign.clusters and not campaign.scope_units.all():
        return "clusters"
    return "units"


def _in_scope(scope: Scope, year: int) -> Q:
    if scope.kind == Scope.SECTOR:
        return Q()
    if scope.kind == Scope.UNIT:
        return under([scope.path], "launched_by__path")
    members = ClusterMembership.objects.filter(cluster_id=scope.pk, year=year).values("unit_id")
    return Q(scope_clusters=scope.pk) | Q(launched_by__in=members)


def campaign_table(scope: Scope, year: int) -> StatTable:
    """0601.N for a scope and a year, in two queries."""
    campaigns = (
        Campaign.objects.filter(_in_scope(scope, year), start_date__year=year)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("launched_by")
        .prefetch_related(Prefetch("scope_units", queryset=Unit.objects.only("pk", "depth")))
        .annotate(clusters=Count("scope_clusters", distinct=True))
        .distinct()
    )
    labels = _level_labels()
    rows = {
        level: StatRow(f"{i:02d}", labels[level], indent=1)
        for i, level in enumerate(labels, start=2)
    }
    total = StatRow("01", _("Tổng số phong trào"), bold=True)
    for campaign in campaigns:
        for row in (total, rows[_level(campaign)]):
            row.values["total"] += 1
            row.values[campaign.kind] += 1
            row.values[_length(campaign)] += 1
            row.values[_reach(campaign)] += 1
    return StatTable(
        form="0601.N/BNV-TĐKT",
        title=_("SỐ PHONG TRÀO THI ĐUA"),
        issuer=scope.name,
        period_text=_("Năm %(year)s") % {"year": year},
        row_header=_("Cấp phát động"),
        columns=columns(),
        rows=[total, *rows.values()],
        notes=[
            _("Tính các phong trào bắt đầu trong năm, trừ phong trào còn ở dạng dự thảo."),
            _(
                "Cấp phát động suy từ loại cơ quan của đơn vị phát động; thời gian và phạm vi suy "
                "từ ngày bắt đầu, kết thúc và phạm vi của phong trào."
            ),
            _(
                "Cấu trúc dòng, cột của biểu được dựng lại theo chế độ báo cáo thống kê ngành "
                "Nội vụ, chưa đối chiếu với văn bản gốc: cần kiểm tra trước khi gửi."
            ),
        ],
    )
