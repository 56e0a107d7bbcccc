"""The public list of awards: off unless the deployment turns it on; only what admins chose
to publish, only live awards of issued decisions, and only name, unit, award, decision
number and date."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services as award_services
from awards.models import Decision
from awards.publication import services
from awards.publication.selectors import PAGE_SIZE
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory
from thidua.core.audit import history

URL = reverse("public_awards")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public(settings):
    settings.THIDUA_PUBLIC_LIST = True


def _decision(sector, number, *, published=True, **extra):
    decision = DecisionFactory(
        issuing_unit=sector.ministry,
        number=number,
        signed_on=extra.pop("signed_on", datetime.date(2026, 1, 15)),
        summary="Lý do nội bộ: hồ sơ số 77",
        **extra,
    )
    if published:
        Decision.objects.filter(pk=decision.pk).update(published=True)
    return decision


def _award(decision, unit, name=None, **extra):
    person = None
    if name:
        person = PersonFactory(
            full_name=name,
            assigned_to=unit,
            national_id=extra.pop("national_id", None),
            birth_date=datetime.date(1980, 2, 3),
        )
    return ConfermentFactory(
        decision=decision, person=person, unit=unit, achievement="Thành tích nội bộ", **extra
    )


def _rows(response) -> list[tuple]:
    return [
        (row.name, row.unit, row.award, row.number, f"{row.signed_on:%d/%m/%Y}")
        for row in response.context["page_obj"]
    ]


def test_the_page_does_not_exist_unless_the_deployment_turns_it_on(client, sector):
    _award(_decision(sector, "1/QĐ-BTP"), sector.thads_lao_cai, "Đinh Thị Khen")

    assert client.get(URL).status_code == 404


def test_anyone_sees_the_published_awards_and_nothing_more_about_them(client, sector, public):
    decision = _decision(sector, "1027/QĐ-BTP")
    person = _award(decision, sector.thads_lao_cai, "Đinh Thị Khen", national_id="001190000001")
    collective = _award(decision, sector.district)

    response = client.get(URL)

    assert response.status_code == 200
    assert sorted(_rows(response)) == sorted(
        [
            (
                "Đinh Thị Khen",
                "Thi hành án dân sự tỉnh Lào Cai",
                person.award.name,
                "1027/QĐ-BTP",
                "15/01/2026",
            ),
            (
                "Phòng Thi hành án dân sự khu vực 1 – Long An",
                "",
                collective.award.name,
                "1027/QĐ-BTP",
                "15/01/2026",
            ),
        ]
    )
    page = response.content.decode()
    for secret in ("001190000001", "03/02/1980", "1980", "Thành tích nội bộ", "hồ sơ số 77"):
        assert secret not in page


def test_unpublished_draft_and_revoked_decisions_and_withdrawn_awards_never_appear(
    client, sector, public
):
    shown = _decision(sector, "1/QĐ-BTP")
    _award(shown, sector.thads_lao_cai, "Được công khai")
    _award(shown, sector.thads_lao_cai, "Bị thu hồi", revoked=True)
    _award(_decision(sector, "2/QĐ-BTP", published=False), sector.thads_lao_cai, "Chưa công khai")
    _award(
        _decision(sector, "3/QĐ-BTP", status=Decision.Status.REVOKED),
        sector.thads_lao_cai,
        "Quyết định đã hủy",
    )
    _award(
        _decision(sector, "4/QĐ-BTP", status=Decision.Status.DRAFT),
        sector.thads_lao_cai,
        "Dự thảo",
    )

    assert [row[0] for row in _rows(client.get(URL))] == ["Được công khai"]


def test_names_are_found_without_diacritics(client, sector, public):
    decision = _decision(sector, "5/QĐ-BTP")
    _award(decision, sector.thads_lao_cai, "Nguyễn Văn Ánh")
    _award(decision, sector.thads_lao_cai, "Đỗ Thị Lan")
    _award(decision, sector.thads_long_an)

    def found(q):
        return [row[0] for row in _rows(client.get(URL, {"q": q}))]

    assert found("nguyen van anh") == ["Nguyễn Văn Ánh"]
    assert found("DO THI") == ["Đỗ Thị Lan"]
    assert found("long an") == ["Thi hành án dân sự tỉnh Long An"]
    response = client.get(URL, {"q": "không ai"})
    assert _rows(response) == []
    assert "Không có ai mang tên này trong danh sách." in response.content.decode()


def test_the_list_pages_newest_decision_first(client, sector, public):
    older = _decision(sector, "6/QĐ-BTP", signed_on=datetime.date(2025, 3, 1))
    newer = _decision(sector, "7/QĐ-BTP", signed_on=datetime.date(2026, 3, 1))
    _award(older, sector.thads_lao_cai, "Người cũ")
    for n in range(PAGE_SIZE):
        _award(newer, sector.thads_lao_cai, f"Người mới {n:02d}")

    first = client.get(URL)
    second = client.get(URL, {"page": "2"})

    assert {row[3] for row in _rows(first)} == {"7/QĐ-BTP"}
    assert _rows(second) == [
        (
            "Người cũ",
            "Thi hành án dân sự tỉnh Lào Cai",
            _rows(second)[0][2],
            "6/QĐ-BTP",
            "01/03/2025",
        )
    ]
    assert first.context["page_obj"].paginator.num_pages == 2
    assert "Trang 1/2" in first.content.decode()
    assert client.get(URL, {"page": "abc"}).context["page_obj"].number == 1


def test_a_page_seen_again_is_served_from_the_cache_in_one_query(
    client, sector, public, django_assert_num_queries
):
    _award(_decision(sector, "8/QĐ-BTP"), sector.thads_lao_cai, "Lê Văn Công")
    client.get(URL)  # the first request of a process also reads the decisions' content type
    with django_assert_num_queries(3):  # the generation, the count, the page
        client.get(URL, {"q": "cong"})

    with django_assert_num_queries(1):  # the generation only
        response = client.get(URL, {"q": "cong"})

    assert [row[0] for row in _rows(response)] == ["Lê Văn Công"]


def test_a_revoked_decision_leaves_the_cached_list_at_once(client, sector, public, admin_user):
    decision = _decision(sector, "9/QĐ-BTP")
    _award(decision, sector.thads_lao_cai, "Trần Thị Hủy")
    assert len(_rows(client.get(URL))) == 1

    award_services.decision_revoke(
        decision=decision,
        by=admin_user,
        number="10/QĐ-BTP",
        signed_on=datetime.date(2026, 2, 1),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason="Hồ sơ không trung thực",
    )

    assert _rows(client.get(URL)) == []


def test_an_award_withdrawn_in_the_admin_leaves_the_cached_list_at_once(client, sector, public):
    conferment = _award(_decision(sector, "11/QĐ-BTP"), sector.thads_lao_cai, "Phan Văn Sửa")
    assert len(_rows(client.get(URL))) == 1

    conferment.revoked = True
    conferment.save()  # as the Conferment admin does: a field-history row

    assert _rows(client.get(URL)) == []


def test_an_unpublished_decision_leaves_the_cached_list_at_once(client, sector, public, admin_user):
    decision = _decision(sector, "12/QĐ-BTP")
    _award(decision, sector.thads_lao_cai, "Hoàng Văn Ẩn")
    assert len(_rows(client.get(URL))) == 1

    services.decision_publish(decision=decision, by=admin_user, published=False)

    assert _rows(client.get(URL)) == []


# --- Publishing ----------------------------------------------------------------------------


def test_the_admin_publishes_an_issued_decision_from_its_page(client, sector, admin_user, public):
    decision = _decision(sector, "13/QĐ-BTP", published=False)
    _award(decision, sector.thads_lao_cai, "Vũ Thị Mới")
    assert _rows(client.get(URL)) == []
    client.force_login(admin_user)
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "Công khai danh sách khen thưởng" in page

    response = client.post(
        reverse("awards:decision_publish", args=[decision.pk]), {"published": "1"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Danh sách khen thưởng của quyết định đã được công khai."
    ]
    assert [(e.action, e.actor) for e in history(decision)][-1] == ("publish", admin_user)
    client.logout()
    assert [row[0] for row in _rows(client.get(URL))] == ["Vũ Thị Mới"]


def test_only_the_office_publishes_and_only_issued_decisions(
    client, sector, admin_user, leader_lao_cai
):
    issued = DecisionFactory(issuing_unit=sector.thads_lao_cai)
    draft = DecisionFactory(issuing_unit=sector.thads_lao_cai, status=Decision.Status.DRAFT)

    with pytest.raises(ValidationError) as refused:
        services.decision_publish(decision=issued, by=leader_lao_cai)
    assert refused.value.messages == [
        "Chỉ Văn phòng Thi đua – Khen thưởng quyết định công khai danh sách khen thưởng."
    ]
    with pytest.raises(ValidationError) as refused:
        services.decision_publish(decision=draft, by=admin_user)
    assert refused.value.messages == [
        "Chỉ công khai được quyết định đã ban hành (quyết định đang ở trạng thái “Dự thảo”)."
    ]
    assert not Decision.objects.filter(published=True).exists()
    client.force_login(leader_lao_cai)
    page = client.get(reverse("awards:decision_detail", args=[issued.pk])).content.decode()
    assert "Công khai danh sách khen thưởng" not in page


def test_the_admin_action_publishes_the_issued_ones_among_those_ticked(sector, admin_user):
    issued = DecisionFactory(issuing_unit=sector.ministry)
    draft = DecisionFactory(issuing_unit=sector.ministry, status=Decision.Status.DRAFT)

    count = services.decisions_publish(decisions=[issued, draft], by=admin_user)

    assert count == 1
    assert list(Decision.objects.filter(published=True)) == [issued]
