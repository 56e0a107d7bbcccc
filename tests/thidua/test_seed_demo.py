"""``manage.py seed_demo``: the data the walkthrough and the screens rely on.

The command runs once per module inside a transaction that is rolled back at the end,
so the tests share one seed (about 3 s) and leave the test database empty.
"""

import datetime
import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from awards.certificates.models import DocumentTemplate
from awards.models import Conferment, CouncilSession, Decision, Proposal
from awards.reports.scope import scope_from_value, sector_scope
from awards.reports.staffing import bodies_table, staff_table
from campaigns.models import Campaign, Pledge, Registration
from tests.thidua.pdf_helpers import body, text_of
from thidua.core.audit import history
from units.access import restrict
from units.models import (
    AgencyType,
    Assignment,
    ClusterMembership,
    Initiative,
    Person,
    Province,
    QualityRating,
    Unit,
    UnitRole,
)

LAST_OLD_DAY = datetime.date(2025, 6, 30)
MERGER_DAY = datetime.date(2025, 7, 1)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def output(seeded, db):
    return seeded


def _names_on(day):
    return set(Unit.objects.valid_on(day).values_list("name", flat=True))


def test_the_tree_before_the_merger_has_the_general_department_and_district_offices(output):
    names = _names_on(LAST_OLD_DAY)
    assert "Tổng cục Thi hành án dân sự" in names
    assert "Cục Quản lý thi hành án dân sự" not in names
    assert "Chi cục Thi hành án dân sự huyện Bến Lức" in names
    assert "Cục Thi hành án dân sự tỉnh Yên Bái" in names
    assert not any(name.startswith("Phòng Thi hành án dân sự khu vực") for name in names)


def test_the_tree_after_the_merger_has_the_new_department_and_regional_offices(output):
    names = _names_on(MERGER_DAY)
    assert "Cục Quản lý thi hành án dân sự" in names
    assert "Tổng cục Thi hành án dân sự" not in names
    assert "Thi hành án dân sự tỉnh Lào Cai" in names
    assert "Phòng Thi hành án dân sự khu vực 1 – Tây Ninh" in names
    assert not any(name.startswith("Chi cục") for name in names)
    assert "Sở Tư pháp tỉnh Long An" not in names and "Sở Tư pháp tỉnh Tây Ninh" in names


def test_successors_are_linked_to_what_they_absorbed(output):
    def predecessors(code):
        return set(Unit.objects.get(code=code).predecessors.values_list("name", flat=True))

    assert predecessors("thads-lao-cai") == {
        "Cục Thi hành án dân sự tỉnh Lào Cai",
        "Cục Thi hành án dân sự tỉnh Yên Bái",
    }
    assert predecessors("cuc-qlthads") == {"Tổng cục Thi hành án dân sự"}
    assert predecessors("stp-tay-ninh") == {"Sở Tư pháp tỉnh Long An"}
    assert "Chi cục Thi hành án dân sự huyện Bến Lức" in predecessors("thads-tay-ninh-kv1")
    # Every abolished district office went to exactly one regional office.
    for office in Unit.objects.filter(agency_type=AgencyType.THADS_LOCAL, valid_to=LAST_OLD_DAY):
        assert office.successors.count() == 1, office
    long_an = Province.objects.get(name="Long An")
    assert (long_an.merged_into.name, long_an.valid_to) == ("Tây Ninh", LAST_OLD_DAY)
    lam_dong = Province.objects.get(name="Lâm Đồng")
    assert set(lam_dong.merged_from.values_list("name", flat=True)) == {"Đắk Nông", "Bình Thuận"}


def test_every_grouping_has_one_leader_and_at_most_two_deputies_each_year(output):
    roles = Counter(ClusterMembership.objects.values_list("cluster__name", "year", "role"))
    seasons = {(name, year) for name, year, _role in roles}
    assert {year for _name, year in seasons} == set(range(2021, 2027))
    for name, year in seasons:
        assert roles[(name, year, "leader")] == 1, (name, year)
        assert roles[(name, year, "deputy")] <= 2, (name, year)
    block = ClusterMembership.objects.filter(cluster__name="Khối thi đua Nội chính tỉnh Tây Ninh")
    members_2026 = set(block.filter(year=2026).values_list("unit__name", flat=True))
    assert {"Viện kiểm sát nhân dân tỉnh Tây Ninh", "Thi hành án dân sự tỉnh Tây Ninh"} <= (
        members_2026
    )
    assert "Trại giam Thạnh Hòa" in members_2026  # the Long An prison joined after the merger


def test_people_keep_their_open_assignment_and_move_on_the_merger_day(output):
    assert Person.objects.filter(full_name="Nguyễn Thị Thanh Hương", gender="F").exists()
    a = Person.objects.get(full_name="Nguyễn Văn A")
    history = list(a.assignments.order_by("start").values_list("unit__code", "end"))
    assert history == [("cc-thads-ben-luc", LAST_OLD_DAY), ("thads-tay-ninh-kv1", None)]
    open_ones = Assignment.objects.filter(end__isnull=True)
    assert open_ones.count() == Person.objects.count()
    mismatched = [
        x
        for x in open_ones.select_related("person")
        if (x.person.unit_id, x.person.position) != (x.unit_id, x.position)
    ]
    assert mismatched == []
    assert not open_ones.filter(unit__valid_to__isnull=False).exists()
    assert Person.objects.count() >= 300


def test_demo_users_log_in_with_the_printed_password_and_hold_their_roles(output, client):
    lines = dict(re.findall(r"^\s+(\w+) / (\S+) — ", output, flags=re.MULTILINE))
    assert set(lines) == {"staff_long_an", "leader_lao_cai", "council_btp", "admin_tdkt"}
    for username, password in lines.items():
        response = client.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code == 302, username
        client.logout()
    role = UnitRole.objects.select_related("unit", "user")
    staff = role.get(user__username="staff_long_an")
    assert staff.role == "staff" and staff.unit.valid_from == MERGER_DAY
    assert staff.unit.predecessors.filter(province__name="Long An").exists()
    leader = role.get(user__username="leader_lao_cai")
    assert (leader.role, leader.unit.code) == ("leader", "thads-lao-cai")
    # Through the predecessors, the Lào Cai leader sees the old Yên Bái history too.
    visible = restrict(Unit.objects.all(), leader.user)
    assert visible.filter(name="Chi cục Thi hành án dân sự thị xã Nghĩa Lộ").exists()
    assert not visible.filter(code="thads-tay-ninh").exists()
    assert role.get(user__username="council_btp").unit.code == "btp"
    admin = role.get(user__username="admin_tdkt")
    assert admin.role == "admin" and admin.user.is_superuser and admin.user.is_staff


def test_award_history_spans_several_years_and_follows_the_rules(output):
    years = set(Conferment.objects.values_list("year", flat=True))
    assert years == set(range(2019, 2026))
    ratings = {
        (p, y): r for p, y, r in QualityRating.objects.values_list("person", "year", "rating")
    }
    for person, year in Conferment.objects.filter(award__code="ldtt").values_list("person", "year"):
        assert ratings[(person, year)] >= QualityRating.Rating.GOOD
    titled = set(Conferment.objects.filter(award__code="ldtt").values_list("person", "year"))
    with_initiative = set(Initiative.objects.values_list("authors", "year"))
    for best in Conferment.objects.filter(award__code="cstdcs").values_list("person", "year"):
        assert best in titled and best in with_initiative
    codes = set(Conferment.objects.values_list("award__code", flat=True))
    assert {"cstd-nganh", "bk-bo-ca-nhan", "tt-ldxs", "co-nganh", "bk-ttg-ca-nhan"} <= codes
    assert Conferment.objects.filter(award__code="hcld-3-ca-nhan").count() == 1
    flags = Counter(Conferment.objects.filter(award__code="co-nganh").values_list("year"))
    assert set(flags.values()) == {6}  # one per grouping and year (those without outsiders)


def test_a_conferment_records_the_unit_and_position_held_at_the_time(output):
    a = Person.objects.get(full_name="Nguyễn Văn A")
    by_year = dict(a.conferments.filter(award__code="ldtt").values_list("year", "unit__code"))
    assert by_year[2024] == "cc-thads-ben-luc"
    assert by_year[2025] == "thads-tay-ninh-kv1"
    minister = Decision.objects.filter(authority__code="bo-truong-btp").first()
    assert minister.number.endswith("/QĐ-BTP") and minister.place == "Hà Nội"
    assert minister.issuing_unit.code == "btp"
    numbers = Counter(Decision.objects.values_list("issuing_unit", "year", "number"))
    assert max(numbers.values()) == 1


def test_running_again_without_reset_changes_nothing(output):
    before = (Unit.objects.count(), Person.objects.count(), Conferment.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Dữ liệu mẫu đã có" in out.getvalue()
    assert "leader_lao_cai / " in out.getvalue()
    assert (Unit.objects.count(), Person.objects.count(), Conferment.objects.count()) == before


def test_reset_recreates_the_same_data(output, client):
    before = (Unit.objects.count(), Person.objects.count(), Conferment.objects.count())
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert (Unit.objects.count(), Person.objects.count(), Conferment.objects.count()) == before
    assert UnitRole.objects.filter(user__username="staff_long_an").count() == 1
    response = client.post(reverse("login"), {"username": "council_btp", "password": "ThiDua@2026"})
    assert response.status_code == 302


def test_the_2026_campaign_is_open_with_registrations_in_every_state_and_a_pledge(output, client):

    assert "Phong trào thi đua: 1 phong trào năm 2026" in output
    campaign = Campaign.objects.get(start_date=datetime.date(2026, 1, 1))
    assert campaign.name.startswith("Phong trào thi đua") and campaign.name.endswith("năm 2026")
    assert (campaign.status, campaign.end_date) == ("open", datetime.date(2026, 12, 31))
    assert [unit.code for unit in campaign.scope_units.all()] == ["cuc-qlthads"]
    deadline = campaign.registration_deadline
    assert deadline is None or deadline >= timezone.localdate()
    assert (campaign.phases.count(), campaign.targets.count()) == (2, 3)
    assert "≥ 80 %" in str(campaign.targets.first())

    staff = UnitRole.objects.select_related("user", "unit").get(user__username="staff_long_an")
    lines = Registration.objects.filter(campaign=campaign, unit=staff.unit)
    assert set(lines.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "accepted",
        "returned",
    }
    assert lines.filter(person__isnull=True, award__code="tt-ldxs", status="accepted").exists()
    returned = lines.get(status="returned")
    assert "bổ sung sáng kiến" in list(history(returned))[-1].comment

    pledge = Pledge.objects.get(year=2026, campaign=campaign)
    members = ClusterMembership.objects.filter(cluster=pledge.cluster, year=2026)
    assert members.filter(unit=staff.unit).exists()
    assert 0 < pledge.signatures.count() < members.count()

    client.force_login(staff.user)
    page = client.get(
        reverse("campaigns:unit", kwargs={"pk": campaign.pk, "unit_pk": staff.unit.pk})
    )
    assert page.status_code == 200
    assert "Bị trả lại" in page.content.decode()


def test_the_leader_finds_a_proposal_waiting_and_the_ministry_has_its_council(output, client):

    assert "Đề nghị khen thưởng: 2 đề nghị năm 2026" in output
    leader = UnitRole.objects.select_related("user", "unit").get(user__username="leader_lao_cai")
    waiting = Proposal.objects.get(proposing_unit=leader.unit, status="submitted")
    assert waiting.files.filter(kind="submission").exists()
    assert waiting.nominees.count() == 3

    client.force_login(leader.user)
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": waiting.pk})).content
    text = page.decode()
    assert "Chờ lãnh đạo duyệt" in text
    assert "Gửi cấp trên" in text
    assert "Đủ điều kiện" in text

    staff = UnitRole.objects.get(user__username="staff_long_an")
    draft = Proposal.objects.get(proposing_unit=staff.unit)
    assert draft.status == "draft" and draft.simplified

    session = CouncilSession.objects.select_related("council__unit").get()
    assert session.council.unit.code == "btp"
    members = set(session.council.memberships.values_list("user__username", flat=True))
    assert members == {"admin_tdkt", "council_btp"}


def _basis_block(client, decision) -> str:
    content = body(client.get(reverse("awards:decision_pdf", args=[decision.pk])))
    text = text_of(content)
    start = text.index("Căn cứ")
    return text[start : text.index("QUYẾT ĐỊNH:", start)].strip()


def _minister_merit(year: int) -> Decision:
    minister = Decision.objects.filter(
        authority__code="bo-truong-btp",
        signed_on__year=year,
        conferments__award__code="bk-bo-ca-nhan",
    )
    return minister.order_by("-signed_on").first()


def test_the_ministers_bang_khen_cites_the_functions_decree_of_its_day(output, client):
    """The demo ministry's profile names the decrees on its functions; a decision cites the
    one in force on its signing day, first among the decrees (legal rank order)."""
    client.force_login(get_user_model().objects.get(username="admin_tdkt"))
    functions = (
        "của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư "
        "pháp (ngày hiệu lực chưa đối chiếu văn bản); "
    )
    assert _basis_block(client, _minister_merit(2026)) == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; "
        "Căn cứ Nghị định số 39/2025/NĐ-CP ngày 26 tháng 02 năm 2025 "
        + functions
        + "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
        "về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và "
        "hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng; "
        "Căn cứ Thông tư số 11/2023/TT-BTP ngày 29 tháng 12 năm 2023 của Bộ Tư pháp hướng dẫn "
        "công tác thi đua, khen thưởng ngành Tư pháp; "
        "Theo đề nghị của Hội đồng Thi đua – Khen thưởng Bộ Tư pháp."
    )
    older = _basis_block(client, _minister_merit(2022))
    assert "Căn cứ Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017 " + functions in older
    assert "39/2025/NĐ-CP" not in older and "98/2022/NĐ-CP" not in older
    assert older.index("96/2017/NĐ-CP") < older.index("91/2017/NĐ-CP")


def test_the_demo_fills_tables_0604_and_0605(output):
    def figures(table, code="01"):
        return table.cells(next(r for r in table.rows if r.code == code))

    bodies = bodies_table(sector_scope(), 2025)
    assert figures(bodies, "02") == [1]  # the Vụ Thi đua – Khen thưởng
    assert figures(bodies, "03")[0] >= 5
    staff = staff_table(sector_scope(), 2025)
    total, women = figures(staff)
    assert total >= 10 and 0 < women < total
    assert sum(figures(staff, f"{code:02d}")[0] for code in range(2, 8)) == total
    assert sum(figures(staff, f"{code:02d}")[0] for code in range(8, 13)) == total
    assert sum(figures(staff, f"{code:02d}")[0] for code in range(13, 16)) == total
    lao_cai = Unit.objects.get(code="thads-lao-cai")
    own = staff_table(scope_from_value(f"unit:{lao_cai.pk}", None), 2025)
    assert 1 <= figures(own)[0] < total


def test_the_waiting_proposal_has_its_to_trinh_and_the_minister_its_own_decision_template(
    output, client
):
    leader = UnitRole.objects.select_related("user", "unit").get(user__username="leader_lao_cai")
    waiting = Proposal.objects.get(proposing_unit=leader.unit, status="submitted")
    client.force_login(leader.user)
    text = text_of(body(client.get(reverse("certificates:submission_pdf", args=[waiting.pk]))))
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Bộ trưởng Bộ Tư pháp" in text
    names = waiting.nominees.values_list("person__full_name", flat=True)
    assert [name for name in names if name not in text] == []
    own = DocumentTemplate.objects.get(authority__code="bo-truong-btp", document="decision")
    assert own.signature == "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    assert DocumentTemplate.objects.filter(authority=None).count() == 4
