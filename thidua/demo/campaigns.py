"""The demo's campaign of 2026 and its grouping pledge, built through the services.

Cục Quản lý THADS launches the year's campaign for the whole THADS system (two phases,
three targets, a registration deadline still ahead); the Long An office of the demo staff
user registers its collective and five people, and the lines are left in every state of
the workflow (draft, submitted, accepted, returned with a reason); the office's grouping
signs its 2026 pledge, the leader and deputies first, the rest still to sign. Going through
``campaigns.services`` as the demo users would, the pages show real audit history.
"""

import datetime
import time
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns import services
from campaigns.models import Campaign, Registration
from thidua.demo.accounts import ADMIN_USERNAME, DemoAccount
from thidua.demo.groupings import Season
from thidua.demo.org import Org
from units.models import ClusterMembership, Person, Unit

YEAR = 2026
NAME = (
    "Phong trào thi đua “Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ thi hành "
    "án dân sự” năm 2026"
)
AWARDS = ["tt-ldxs", "tt-ldtt", "bk-bo-tap-the", "ldtt", "cstdcs", "bk-bo-ca-nhan"]
TARGETS = [
    ("Tỷ lệ việc thi hành xong trên số việc có điều kiện thi hành", "80"),
    ("Tỷ lệ tiền thi hành xong trên số tiền có điều kiện thi hành", "60"),
    ("Giảm số việc chuyển sang năm sau so với năm 2025", "5"),
]
SIGNING_DAY = datetime.date(YEAR, 1, 20)
RETURN_REASON = "Đề nghị bổ sung sáng kiến được công nhận năm 2026 trước khi xét CSTĐCS."


def deadline(today: datetime.date) -> datetime.date | None:
    """15/12/2026, or two weeks ahead if that has passed; none once 2026 is over."""
    day = max(datetime.date(YEAR, 12, 15), today + datetime.timedelta(days=14))
    day = min(day, datetime.date(YEAR, 12, 31))
    return day if day >= today else None


def build_campaigns(
    org: Org, seasons: list[Season], accounts: list[DemoAccount], report: Callable[[str], None]
) -> dict[str, int]:
    started = time.perf_counter()
    users = get_user_model().objects.in_bulk([a.username for a in accounts], field_name="username")
    admin = users.get(ADMIN_USERNAME)
    if admin is None:
        return {}
    campaign = _launch(admin, org)
    staff = next((a for a in accounts if a.username == "staff_long_an"), None)
    # The org's in-memory units predate their paths (set in SQL): role checks need the rows.
    office = Unit.objects.get(pk=staff.node.unit.pk) if staff else None
    lines = _register(campaign, users[staff.username], office, admin) if staff else 0
    season = next(
        (s for s in seasons if s.year == YEAR and (staff is None or staff.node in s.members)),
        next((s for s in seasons if s.year == YEAR), None),
    )
    signed, members = _pledge(campaign, season, admin) if season else (0, 0)
    elapsed = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    report(
        f"  Phong trào thi đua: 1 phong trào năm {YEAR}, {lines} đăng ký, giao ước "
        f"{signed}/{members} đơn vị đã ký ({elapsed} giây)"
    )
    return {"campaigns": 1, "registrations": lines, "pledge_signatures": signed}


def _launch(admin, org: Org) -> Campaign:
    campaign = services.campaign_create(
        by=admin,
        name=NAME,
        kind=Campaign.Kind.REGULAR,
        launched_by=Unit.objects.get(pk=org.hq_new.unit.pk),
        authority_name="",
        description=(
            "Thi đua thực hiện thắng lợi chỉ tiêu, nhiệm vụ thi hành án dân sự năm 2026; sơ "
            "kết 6 tháng vào tháng 7, tổng kết và bình xét danh hiệu vào tháng 12."
        ),
        start_date=datetime.date(YEAR, 1, 1),
        end_date=datetime.date(YEAR, 12, 31),
        registration_deadline=deadline(timezone.localdate()),
        scope_units=[org.hq_new.unit],
        awards=list(Award.objects.filter(code__in=AWARDS)),
        phases=[
            {
                "name": "Đợt 1 (sơ kết 6 tháng)",
                "start_date": datetime.date(YEAR, 1, 1),
                "end_date": datetime.date(YEAR, 6, 30),
            },
            {
                "name": "Đợt 2 (tổng kết năm)",
                "start_date": datetime.date(YEAR, 7, 1),
                "end_date": datetime.date(YEAR, 12, 31),
            },
        ],
        targets=[
            {"name": name, "comparator": "gte", "threshold": Decimal(level), "measure": "%"}
            for name, level in TARGETS
        ],
    )
    return services.campaign_open(by=admin, campaign=campaign)


def _register(campaign: Campaign, staff, office, admin) -> int:
    """The office and five of its people, left in every state of the workflow."""
    awards = Award.objects.in_bulk(AWARDS, field_name="code")
    people = list(Person.objects.filter(unit=office).order_by("search_key", "pk")[:5])
    plan = [(None, "tt-ldxs", ("submit", "accept"))] + [
        (person, code, steps)
        for person, (code, steps) in zip(
            people,
            [
                ("cstdcs", ("submit", "return")),
                ("ldtt", ("submit", "accept")),
                ("ldtt", ("submit",)),
                ("ldtt", ()),
                ("bk-bo-ca-nhan", ()),
            ],
            strict=False,
        )
    ]
    result = services.registrations_save_bulk(
        by=staff,
        campaign=campaign,
        unit=office,
        year=YEAR,
        rows=[services.RegistrationRow(award=awards[code], person=p) for p, code, _s in plan],
    )
    if not result.ok:
        raise ValueError(f"demo registrations refused: {result.errors}")
    for line, (_person, _code, steps) in zip(result.registrations, plan, strict=True):
        line = Registration.objects.select_related("campaign", "unit").get(pk=line.pk)
        for step in steps:
            if step == "submit":
                services.registration_submit(by=staff, registration=line)
            elif step == "accept":
                services.registration_accept(by=admin, registration=line)
            else:
                services.registration_return(by=admin, registration=line, comment=RETURN_REASON)
    return len(result.registrations)


def _pledge(campaign: Campaign, season: Season, admin) -> tuple[int, int]:
    """The grouping's 2026 pledge, signed on the conference day by its leader and deputies."""
    leader = season.leader.unit
    pledge = services.pledge_create(
        by=admin,
        cluster=season.cluster,
        year=YEAR,
        title=f"Giao ước thi đua năm {YEAR}",
        content=(
            f"Các đơn vị thành viên {season.cluster.name} cùng ký kết giao ước thi đua năm "
            f"{YEAR}, thực hiện {campaign.name}."
        ),
        commitments="\n".join(
            [
                "Tỷ lệ việc thi hành xong đạt từ 80 % trở lên số việc có điều kiện thi hành",
                "Tỷ lệ tiền thi hành xong đạt từ 60 % trở lên số tiền có điều kiện thi hành",
                "Không có cán bộ, công chức vi phạm kỷ luật",
                "Hoàn thành báo cáo thống kê đúng hạn (15/12)",
            ]
        ),
        place=leader.province.name if leader.province_id else "",
        signing_date=SIGNING_DAY,
        campaign=campaign,
    )
    roles = list(season.roles())
    signers = [node for node, role in roles if role != ClusterMembership.Role.MEMBER]
    for node in signers:
        head = Person.objects.filter(unit=node.unit, position=node.head).first()
        services.pledge_sign(
            by=admin,
            pledge=pledge,
            unit=node.unit,
            signer_name=head.full_name if head else node.head,
            signer_position=node.head,
            signed_on=SIGNING_DAY,
        )
    return len(signers), len(roles)
