"""Bàn tiếp nhận: the TĐKT office hands arrived proposals to its specialists.

The cast: ``admin_user`` heads the office (admin role on Bộ Tư pháp); ``lan`` and ``minh``
are its specialists (the same role); ``ministry_staff`` is staff of the ministry, who may
appraise but not assign.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.desk import services
from awards.desk.selectors import desk_list
from awards.models import Proposal
from tests.factories import ProposalFactory, UnitFactory, UnitRoleFactory, UserFactory
from tests.thidua.helpers import todo as todo_blocks
from thidua.core.audit import history
from units.models import UnitRole

P = Proposal.Status
ADMIN = UnitRole.Role.ADMIN


def _user(username, name, unit, role):
    user = UserFactory(username=username, first_name=name)
    UnitRoleFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def lan(sector):
    return _user("lan", "Lê Thị Lan", sector.ministry, ADMIN)


@pytest.fixture
def minh(sector):
    return _user("minh", "Phạm Văn Minh", sector.ministry, ADMIN)


@pytest.fixture
def ministry_staff(sector):
    return _user("staff_btp", "Vũ Văn Nhập", sector.ministry, UnitRole.Role.STAFF)


def _day(day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 1, day, hour, 0))


def _arrived(sector, title="Đề nghị", *, unit=None, **extra) -> Proposal:
    values = {"status": P.FORWARDED, "forwarded_at": _day(5), **extra}
    return ProposalFactory(
        title=title,
        proposing_unit=unit or sector.thads_lao_cai,
        authority_unit=sector.ministry,
        current_unit=sector.ministry,
        **values,
    )


def _assigns(proposal) -> list[tuple[str, str]]:
    return [(e.actor.username, e.comment) for e in history(proposal) if e.action == "assign"]


# --- Assigning ---------------------------------------------------------------------------


def test_the_office_assigns_and_reassigns_in_one_step_each_hand_over_in_the_history(
    sector, admin_user, lan, minh
):
    proposal = _arrived(sector)

    services.proposal_assign(proposal=proposal, by=admin_user, to=lan)
    services.proposal_assign(proposal=proposal, by=lan, to=minh)

    proposal.refresh_from_db()
    assert proposal.assignee == minh
    assert proposal.assigned_at is not None
    assert proposal.status == P.FORWARDED
    assert _assigns(proposal) == [
        ("admin", "Giao Lê Thị Lan thụ lý."),
        ("lan", "Chuyển từ Lê Thị Lan sang Phạm Văn Minh thụ lý."),
    ]


def test_the_proposal_page_shows_the_holder_and_every_hand_over(
    client, sector, admin_user, lan, minh
):
    proposal = _arrived(sector)
    services.proposal_assign(proposal=proposal, by=admin_user, to=lan)
    services.proposal_assign(proposal=proposal, by=admin_user, to=minh)
    client.force_login(admin_user)

    page = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()

    assert "Chuyên viên thụ lý" in page
    assert "Phạm Văn Minh" in page
    assert page.count("Giao chuyên viên thụ lý") == 2
    assert "Chuyển từ Lê Thị Lan sang Phạm Văn Minh thụ lý." in page


def test_giving_it_to_its_holder_again_changes_nothing(sector, admin_user, lan):
    proposal = _arrived(sector)
    services.proposal_assign(proposal=proposal, by=admin_user, to=lan)

    assert services.proposal_assign(proposal=proposal, by=admin_user, to=lan) is False
    assert len(_assigns(proposal)) == 1


@pytest.mark.parametrize("actor", ["ministry_staff", "leader_lao_cai", "council_member"])
def test_only_the_office_assigns(request, sector, lan, actor):
    proposal = _arrived(sector)

    with pytest.raises(ValidationError) as refused:
        services.proposal_assign(proposal=proposal, by=request.getfixturevalue(actor), to=lan)

    assert refused.value.messages == [
        "Chỉ Văn phòng Thi đua – Khen thưởng giao đề nghị cho chuyên viên."
    ]
    proposal.refresh_from_db()
    assert proposal.assignee is None
    assert _assigns(proposal) == []


def test_a_proposal_goes_only_to_a_specialist_of_the_office_that_considers_it(
    sector, admin_user, ministry_staff
):
    proposal = _arrived(sector, "Đề nghị Bằng khen")
    elsewhere = _user("tdkt_lao_cai", "Đỗ Văn Tỉnh", sector.thads_lao_cai, ADMIN)

    for somebody in (ministry_staff, elsewhere):
        with pytest.raises(ValidationError) as refused:
            services.proposal_assign(proposal=proposal, by=admin_user, to=somebody)
        assert refused.value.messages == [
            f"{somebody.first_name} không phải chuyên viên Văn phòng Thi đua – Khen thưởng của "
            "Bộ Tư pháp, nơi xét đề nghị “Đề nghị Bằng khen”."
        ]
    proposal.refresh_from_db()
    assert proposal.assignee is None


def test_the_office_may_be_a_department_of_the_body_that_considers_the_proposals(client, sector):
    """As in the demo: the admin role is held in the Vụ Thi đua – Khen thưởng, a unit of the
    Bộ, while proposals are addressed to the Bộ itself."""
    office = UnitFactory(name="Vụ Thi đua – Khen thưởng", parent=sector.ministry)
    head = _user("vu_truong", "Trần Vụ Trưởng", office, ADMIN)
    specialist = _user("chuyen_vien_vu", "Ngô Thị Vụ", office, ADMIN)
    proposal = _arrived(sector, "Đề nghị gửi Bộ")

    services.proposal_assign(proposal=proposal, by=head, to=specialist)

    client.force_login(head)
    response = client.get(reverse("awards:desk"))
    assert _desk_rows(response)[0][:2] == ("Đề nghị gửi Bộ", "Ngô Thị Vụ")


def test_a_bulk_assignment_is_all_or_nothing(sector, admin_user, lan):
    waiting = _arrived(sector, "Chờ thẩm định")
    appraised = _arrived(sector, "Đã thẩm định xong", status=P.APPRAISED)

    with pytest.raises(ValidationError) as refused:
        services.proposals_assign(proposals=[waiting, appraised], by=admin_user, to=lan)

    assert refused.value.messages == [
        "Đề nghị “Đã thẩm định xong” đang ở trạng thái “Đã thẩm định”: chỉ giao được đề nghị "
        "đã gửi đến, chờ thẩm định."
    ]
    assert not Proposal.objects.filter(assignee=lan).exists()


def test_the_desk_gives_the_ticked_proposals_to_the_chosen_specialist(
    client, sector, admin_user, lan, minh
):
    first, second, untouched = (_arrived(sector, f"Đề nghị {n}") for n in (1, 2, 3))
    services.proposal_assign(proposal=second, by=admin_user, to=minh)
    client.force_login(admin_user)

    response = client.post(
        reverse("awards:desk_assign") + "?holder=none",
        {"proposals": [str(first.pk), str(second.pk)], "assignee": str(lan.pk)},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("awards:desk") + "?holder=none", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Đã giao 2 đề nghị cho Lê Thị Lan."]
    assert set(Proposal.objects.filter(assignee=lan)) == {first, second}
    untouched.refresh_from_db()
    assert untouched.assignee is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"assignee": "LAN"}, "Chọn ít nhất một đề nghị để giao."),
        ({"proposals": "PROPOSAL"}, "Chọn chuyên viên thụ lý."),
        ({"proposals": "PROPOSAL", "assignee": "abc"}, "Chuyên viên không có trong danh sách."),
    ],
)
def test_an_incomplete_assignment_says_what_is_missing(
    client, sector, admin_user, lan, data, message
):
    proposal = _arrived(sector)
    values = {"PROPOSAL": str(proposal.pk), "LAN": str(lan.pk)}
    client.force_login(admin_user)

    response = client.post(
        reverse("awards:desk_assign"), {k: values.get(v, v) for k, v in data.items()}, follow=True
    )

    assert message in [str(m) for m in response.context["messages"]]
    proposal.refresh_from_db()
    assert proposal.assignee is None


# --- The desk page -------------------------------------------------------------------------


def _desk_rows(response) -> list[tuple[str, str, int]]:
    return [
        (p.title, p.assignee.first_name if p.assignee else "", p.days_held)
        for p in response.context["page_obj"]
    ]


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_the_desk_lists_unassigned_first_then_the_longest_held(
    client, sector, admin_user, lan, minh
):
    _arrived(sector, "Chưa giao, đến sau", forwarded_at=_ago(8))
    _arrived(sector, "Chưa giao, đến trước", forwarded_at=_ago(12))
    _arrived(sector, "Lan giữ 5 ngày", forwarded_at=_ago(18), assignee=lan, assigned_at=_ago(5))
    _arrived(sector, "Minh giữ 14 ngày", forwarded_at=_ago(17), assignee=minh, assigned_at=_ago(14))
    # Assigned in an earlier round, returned for documents, back 2 days ago: held since then.
    _arrived(sector, "Gửi lại", forwarded_at=_ago(2), assignee=lan, assigned_at=_ago(16))
    # Not on the desk: appraised already, still a draft, addressed to a unit without an office.
    _arrived(sector, "Đã thẩm định", status=P.APPRAISED)
    ProposalFactory(title="Nháp", proposing_unit=sector.thads_lao_cai)
    ProposalFactory(
        title="Giấy khen của đơn vị",
        proposing_unit=sector.district,
        status=P.FORWARDED,
        forwarded_at=_ago(30),
    )
    client.force_login(admin_user)

    response = client.get(reverse("awards:desk"))

    assert response.status_code == 200
    assert _desk_rows(response) == [
        ("Chưa giao, đến trước", "", 12),
        ("Chưa giao, đến sau", "", 8),
        ("Minh giữ 14 ngày", "Phạm Văn Minh", 14),
        ("Lan giữ 5 ngày", "Lê Thị Lan", 5),
        ("Gửi lại", "Lê Thị Lan", 2),
    ]


def test_the_desk_filters_by_holder_and_by_unassigned(client, sector, admin_user, lan, minh):
    _arrived(sector, "Của Lan", assignee=lan, assigned_at=_day(6))
    _arrived(sector, "Của Minh", assignee=minh, assigned_at=_day(6))
    _arrived(sector, "Chưa giao")
    client.force_login(admin_user)

    def titles(holder):
        response = client.get(reverse("awards:desk"), {"holder": holder})
        return [p.title for p in response.context["page_obj"]]

    assert titles(str(lan.pk)) == ["Của Lan"]
    assert titles("none") == ["Chưa giao"]
    response = client.get(reverse("awards:desk"), {"holder": "999999"})
    assert len(response.context["page_obj"]) == 3
    assert "Chuyên viên không có trong danh sách." in response.content.decode()


def test_the_desk_is_the_offices_only(client, ministry_staff, leader_lao_cai):
    for user in (ministry_staff, leader_lao_cai):
        client.force_login(user)
        assert client.get(reverse("awards:desk")).status_code == 403


def test_the_desk_page_takes_the_same_queries_however_many_proposals_wait(
    client, sector, admin_user, lan, minh, django_assert_num_queries
):
    def fill():
        _arrived(sector, unit=sector.thads_lao_cai)
        _arrived(sector, unit=sector.district, assignee=lan, assigned_at=_day(6))
        _arrived(sector, unit=sector.thads_long_an, assignee=minh, assigned_at=_day(7))

    fill()
    client.force_login(admin_user)
    # The request's savepoint and its release, the session, the user, the specialists (both
    # forms), the count and the page with units, authorities and holders.
    with django_assert_num_queries(7):
        assert client.get(reverse("awards:desk")).status_code == 200
    for _more in range(4):
        fill()

    with django_assert_num_queries(7):
        response = client.get(reverse("awards:desk"))

    assert len(response.context["page_obj"]) == 15


def test_the_desk_list_reads_its_rows_and_holders_in_one_query(
    django_assert_num_queries, sector, admin_user, lan
):
    for n in range(5):
        _arrived(sector, f"Đề nghị {n}", assignee=lan if n % 2 else None, assigned_at=_day(7))
    rows = desk_list(user=admin_user)
    with django_assert_num_queries(1):
        listed = [
            (p.title, p.assignee and p.assignee.username, p.proposing_unit.name) for p in rows
        ]
    assert len(listed) == 5


# --- The specialist's to-do ----------------------------------------------------------------


def test_the_specialist_finds_what_they_hold_on_their_home_page(client, sector, admin_user, lan):
    for n in (1, 2):
        proposal = _arrived(sector, f"Đề nghị {n}")
        services.proposal_assign(proposal=proposal, by=admin_user, to=lan)
    _arrived(sector, "Của người khác", assignee=admin_user, assigned_at=_day(6))
    _arrived(sector, "Đã thẩm định", status=P.APPRAISED, assignee=lan, assigned_at=_day(6))
    client.force_login(lan)

    lines = todo_blocks(client.get(reverse("home")))["admin"]

    today = timezone.localdate().strftime("%d/%m/%Y")
    assert lines[0] == (
        f"Đề nghị khen thưởng bạn được giao thẩm định: 2 (chờ lâu nhất từ {today})",
        reverse("awards:desk") + f"?holder={lan.pk}",
    )
