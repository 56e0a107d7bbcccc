"""The demo users: one per role, each on the unit the walkthrough in README.md uses.

They share one password, for demos only; never seed them on a production database.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password

from thidua.demo.org import Org, OrgUnit
from units.models import UnitRole

DEMO_PASSWORD = "ThiDua@2026"  # demo only
ADMIN_USERNAME = "admin_tdkt"
USERNAMES = ["staff_long_an", "leader_lao_cai", "council_btp", ADMIN_USERNAME]


@dataclass
class DemoAccount:
    username: str
    full_name: str
    role: str
    node: OrgUnit
    superuser: bool = False

    def describe(self) -> str:
        return _line(self.username, self.role, self.node.unit.name, self.superuser)


def _line(username: str, role: str, unit: str, superuser: bool) -> str:
    extra = ", Django superuser (is_staff, is_superuser)" if superuser else ""
    return f"{username} / {DEMO_PASSWORD} — {UnitRole.Role(role).label}{extra}, {unit}"


def existing_lines() -> list[str]:
    """How to log in as the demo users already in the database."""
    roles = UnitRole.objects.filter(user__username__in=USERNAMES).select_related("user", "unit")
    return [
        _line(r.user.username, r.role, r.unit.name, r.user.is_superuser)
        for r in sorted(roles, key=lambda r: USERNAMES.index(r.user.username))
    ]


def _long_an_office(org: Org) -> OrgUnit | None:
    """The first Phòng THADS khu vực that took over a Long An Chi cục."""
    for group in org.groups:
        for office in group.offices:
            if any(old.unit.province.name == "Long An" for old in office.predecessors):
                return office
    return None


def demo_accounts(org: Org) -> list[DemoAccount]:
    wanted = [
        ("staff_long_an", "Lê Thị Bích Ngọc", UnitRole.Role.STAFF, _long_an_office(org)),
        ("leader_lao_cai", "Hoàng Văn Thắng", UnitRole.Role.LEADER, org.by_code("thads-lao-cai")),
        ("council_btp", "Trần Minh Đức", UnitRole.Role.COUNCIL, org.ministry),
        (
            ADMIN_USERNAME,
            "Phạm Thu Hà",
            UnitRole.Role.ADMIN,
            org.by_code("btp-vu-tdkt") or org.ministry,
        ),
    ]
    return [
        DemoAccount(username, name, role, node, superuser=role == UnitRole.Role.ADMIN)
        for username, name, role, node in wanted
        if node is not None
    ]


def build_accounts(org: Org) -> list[DemoAccount]:
    """Create (or reset) the demo users and their roles."""
    validate_password(DEMO_PASSWORD)
    hashed = make_password(DEMO_PASSWORD)
    User = get_user_model()
    accounts = demo_accounts(org)
    for account in accounts:
        user = User.objects.filter(username=account.username).first() or User(
            username=account.username
        )
        user.first_name, user.last_name = account.full_name, ""
        user.password = hashed
        user.is_active = True
        user.is_staff = user.is_superuser = account.superuser
        user.save()
        UnitRole.objects.get_or_create(user=user, unit=account.node.unit, role=account.role)
    return accounts
