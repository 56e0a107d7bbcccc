"""The staff and leader journeys through the pages, refusals users see, and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns.models import Campaign, Registration
from campaigns.services import registration_create
from tests.factories import AwardFactory, CampaignFactory, PersonFactory, RegistrationFactory

S = Registration.Status


def unit_url(campaign, unit, name="campaigns:unit"):
    return reverse(name, kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def people_data(people, choices, action="save"):
    data = {
        "people-TOTAL_FORMS": str(len(people)),
        "people-INITIAL_FORMS": str(len(people)),
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
        action: "",
    }
    for i, person in enumerate(people):
        data[f"people-{i}-person"] = str(person.pk)
        award = choices.get(person)
        data[f"people-{i}-award"] = str(award.pk) if award else ""
    return data


def text(response) -> str:
    return response.content.decode()


def test_staff_registers_the_unit_and_five_people_in_one_go_and_sees_statuses(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    client = login(staff_long_an)
    page = client.get(unit_url(campaign, sector.district))
    assert page.status_code == 200
    assert "Đăng ký cho tập thể đơn vị" in text(page)

    response = client.post(
        unit_url(campaign, sector.district), {"award": catalogue.tt_ldxs.pk, "save": ""}
    )
    assert response.status_code == 302

    table = client.get(unit_url(campaign, sector.district, "campaigns:unit_people"))
    assert all(p.full_name in text(table) for p in five_people)
    choices = dict.fromkeys(five_people[1:], catalogue.ldtt) | {five_people[0]: catalogue.cstdcs}
    response = client.post(
        unit_url(campaign, sector.district, "campaigns:unit_people"),
        people_data(five_people, choices),
    )
    assert response.status_code == 302
    assert Registration.objects.filter(status=S.DRAFT).count() == 6

    response = client.post(
        unit_url(campaign, sector.district, "campaigns:unit_submit"), follow=True
    )
    assert "Đã gửi 6 đăng ký." in text(response)
    assert set(Registration.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    assert text(response).count("reg-status-submitted") == 6
    assert "Tập thể lao động xuất sắc" in text(response)
    assert "1/1 đơn vị đăng ký Tập thể lao động xuất sắc" in text(response)


def test_the_people_table_saves_all_or_nothing_and_keeps_the_choices(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    RegistrationFactory(
        campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=five_people[2]
    )
    client = login(staff_long_an)
    choices = dict.fromkeys(five_people, catalogue.ldtt)
    response = client.post(
        unit_url(campaign, sector.district, "campaigns:unit_people"),
        people_data(five_people, choices),
    )
    assert response.status_code == 200
    body = text(response)
    assert "Chưa lưu đăng ký nào: 1 dòng cần sửa" in body
    assert "Phạm Văn Cường đã được đăng ký “Lao động tiên tiến”" in body
    assert body.count(f'<option value="{catalogue.ldtt.pk}" selected>') == 5
    assert Registration.objects.count() == 1


def test_a_forged_person_in_the_people_table_is_refused(
    login, staff_long_an, campaign, sector, catalogue, five_people, person_lao_cai
):
    client = login(staff_long_an)
    data = people_data(five_people, {five_people[0]: catalogue.ldtt})
    data["people-1-person"] = str(person_lao_cai.pk)
    data["people-1-award"] = str(catalogue.ldtt.pk)
    response = client.post(unit_url(campaign, sector.district, "campaigns:unit_people"), data)
    assert response.status_code == 200
    assert "Cán bộ này không thuộc đơn vị." in text(response)
    assert not Registration.objects.exists()


def test_an_award_outside_the_catalogue_cannot_be_posted(
    login, staff_long_an, campaign, sector, catalogue
):
    response = login(staff_long_an).post(
        unit_url(campaign, sector.district), {"award": catalogue.outside.pk, "save": ""}
    )
    assert "Danh hiệu không có trong danh mục của phong trào." in text(response)
    assert not Registration.objects.exists()


@pytest.fixture
def sent(staff_long_an, campaign, sector, catalogue, five_people):

    return registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.cstdcs,
        person=five_people[0],
        submit=True,
    )


def test_the_leader_returns_with_a_comment_then_accepts_and_the_history_shows_it(
    client, staff_long_an, leader_long_an, campaign, sent, catalogue
):
    client.force_login(leader_long_an)
    review = reverse("campaigns:review", kwargs={"pk": campaign.pk})
    page = client.get(review)
    assert "Nguyễn Văn Anh" in text(page)
    assert 'value="return"' in text(page) and 'value="accept"' in text(page)

    transition = reverse("campaigns:registration_transition", kwargs={"pk": sent.pk})
    response = client.post(
        transition, {"transition": "return", "comment": "Chưa có sáng kiến", "next": review}
    )
    assert response.status_code == 302 and response.url == review

    client.force_login(staff_long_an)
    detail = reverse("campaigns:registration", kwargs={"pk": sent.pk})
    assert "Chưa có sáng kiến" in text(client.get(detail))
    edit = reverse("campaigns:registration_edit", kwargs={"pk": sent.pk})
    client.post(edit, {"award": catalogue.ldtt.pk, "note": "Đổi sang LĐTT"})
    client.post(transition, {"transition": "submit"})

    client.force_login(leader_long_an)
    client.post(transition, {"transition": "accept", "comment": ""})
    sent.refresh_from_db()
    assert (sent.status, sent.award) == (S.ACCEPTED, catalogue.ldtt)

    history = text(client.get(detail))
    for words in [
        "Lập đăng ký",
        "Trả lại",
        "Chưa có sáng kiến",
        "Đổi “Chiến sĩ thi đua cơ sở” thành “Lao động tiên tiến”.",
        "Đã gửi → Đã duyệt",
        "Trần Văn Bình",  # the leader, by name
    ]:
        assert words in history


def test_returning_without_a_reason_is_refused_on_the_page(client, leader_long_an, sent):
    client.force_login(leader_long_an)
    transition = reverse("campaigns:registration_transition", kwargs={"pk": sent.pk})
    response = client.post(transition, {"transition": "return", "comment": ""}, follow=True)
    assert "Cần ghi rõ lý do khi trả lại." in text(response)
    sent.refresh_from_db()
    assert sent.status == S.SUBMITTED


def test_staff_trying_to_accept_is_refused(client, staff_long_an, sent):
    client.force_login(staff_long_an)
    detail = reverse("campaigns:registration", kwargs={"pk": sent.pk})
    assert 'value="accept"' not in text(client.get(detail))
    transition = reverse("campaigns:registration_transition", kwargs={"pk": sent.pk})
    response = client.post(transition, {"transition": "accept"}, follow=True)
    assert "Bạn không có quyền duyệt." in text(response)
    sent.refresh_from_db()
    assert sent.status == S.SUBMITTED


def test_after_the_deadline_the_page_says_why_and_submission_is_refused(
    client, staff_long_an, campaign, sector, catalogue
):
    campaign.registration_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    deadline = f"{campaign.registration_deadline:%d/%m/%Y}"
    client.force_login(staff_long_an)

    page = text(client.get(unit_url(campaign, sector.district)))
    assert f"Đã quá hạn đăng ký ({deadline}): không thể gửi đăng ký mới." in page
    assert 'name="submit"' not in page

    saved = client.post(unit_url(campaign, sector.district), {"award": catalogue.tt_ldxs.pk})
    assert saved.status_code == 302
    draft = Registration.objects.get()
    transition = reverse("campaigns:registration_transition", kwargs={"pk": draft.pk})
    response = client.post(transition, {"transition": "submit"}, follow=True)
    assert "Đã quá hạn đăng ký" in text(response)
    posted = client.post(
        unit_url(campaign, sector.district), {"award": catalogue.tt_ldxs.pk, "submit": ""}
    )
    assert "Đã quá hạn đăng ký" in text(posted)
    assert Registration.objects.get().status == S.DRAFT


def test_a_closed_campaign_page_shows_no_form(client, staff_long_an, campaign, sector):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    client.force_login(staff_long_an)
    page = text(client.get(unit_url(campaign, sector.district)))
    assert "Phong trào đã đóng: không thể đăng ký mới, sửa hay gửi đăng ký nữa." in page
    assert 'name="award"' not in page


def test_a_unit_outside_the_scope_says_so(client, staff_long_an, sector, catalogue):
    other = CampaignFactory(
        scope_units=[sector.thads_lao_cai], launched_by=sector.district, awards=[catalogue.tt_ldxs]
    )
    client.force_login(staff_long_an)
    page = text(client.get(unit_url(other, sector.district)))
    assert "không thuộc phạm vi phong trào" in page
    assert 'name="award"' not in page


# --- Foreign ids -----------------------------------------------------------------------------


@pytest.fixture
def lao_cai_line(staff_lao_cai, campaign, sector, catalogue):

    return registration_create(
        by=staff_lao_cai,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.thads_lao_cai,
        submit=True,
    )


def test_foreign_ids_are_404(client, staff_long_an, sector, campaign, lao_cai_line, catalogue):
    lao_cai_campaign = CampaignFactory(scope_units=[sector.thads_lao_cai])
    client.force_login(staff_long_an)
    for url in [
        reverse("campaigns:registration", kwargs={"pk": lao_cai_line.pk}),
        reverse("campaigns:registration_edit", kwargs={"pk": lao_cai_line.pk}),
        reverse("campaigns:detail", kwargs={"pk": lao_cai_campaign.pk}),
        unit_url(campaign, sector.thads_lao_cai),
        unit_url(campaign, sector.thads_lao_cai, "campaigns:unit_people"),
        unit_url(lao_cai_campaign, sector.district),
        reverse("campaigns:registration", kwargs={"pk": 987654321}),
    ]:
        assert client.get(url).status_code == 404, url
    transition = reverse("campaigns:registration_transition", kwargs={"pk": lao_cai_line.pk})
    assert client.post(transition, {"transition": "submit"}).status_code == 404


def test_a_leader_acting_outside_their_subtree_gets_404(client, leader_long_an, lao_cai_line):
    client.force_login(leader_long_an)
    transition = reverse("campaigns:registration_transition", kwargs={"pk": lao_cai_line.pk})
    assert client.post(transition, {"transition": "accept"}).status_code == 404
    lao_cai_line.refresh_from_db()
    assert lao_cai_line.status == S.SUBMITTED


def test_bad_parameters_do_not_fail(client, leader_long_an, campaign):
    client.force_login(leader_long_an)
    review = reverse("campaigns:review", kwargs={"pk": campaign.pk})
    response = client.get(review, {"year": "abc", "status": "nope", "unit": "-1", "page": "x"})
    assert response.status_code == 200
    assert "Năm không hợp lệ" in text(response)
    response = client.get(reverse("campaigns:detail", kwargs={"pk": campaign.pk}), {"year": "1999"})
    assert "nằm ngoài thời gian của phong trào" in text(response)


# --- Launching by web form -------------------------------------------------------------------


def test_an_admin_launches_a_campaign_by_web_form(client, admin_user, sector, catalogue, year):
    client.force_login(admin_user)
    assert client.get(reverse("campaigns:create")).status_code == 200
    data = {
        "name": "Thi đua đặc biệt",
        "kind": "themed",
        "launched_by": sector.hq.pk,
        "start_date": f"01/01/{year}",
        "end_date": f"31/12/{year}",
        "registration_deadline": f"31/03/{year}",
        "scope_units": [sector.thads_long_an.pk],
        "awards": [catalogue.ldtt.pk, catalogue.tt_ldxs.pk],
        "phases-TOTAL_FORMS": "2",
        "phases-INITIAL_FORMS": "0",
        "phases-0-name": "Đợt 1",
        "phases-0-start_date": f"01/01/{year}",
        "phases-0-end_date": f"30/06/{year}",
        "phases-1-name": "",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-name": "Tỷ lệ việc thi hành xong",
        "targets-0-comparator": "gte",
        "targets-0-threshold": "80",
        "targets-0-measure": "%",
    }
    response = client.post(reverse("campaigns:create"), data)
    campaign = Campaign.objects.get()
    assert response.url == reverse("campaigns:detail", kwargs={"pk": campaign.pk})
    assert [p.name for p in campaign.phases.all()] == ["Đợt 1"]
    page = text(client.get(response.url))
    assert "Tỷ lệ việc thi hành xong ≥ 80 %" in page

    client.post(reverse("campaigns:transition", kwargs={"pk": campaign.pk}), {"transition": "open"})
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN


def test_a_bad_launch_form_keeps_the_input_and_says_why(client, admin_user, sector, year):
    client.force_login(admin_user)
    data = {
        "name": "Thi đua giữ dữ liệu",
        "kind": "regular",
        "authority_name": "Bộ Tư pháp",
        "start_date": f"01/07/{year}",
        "end_date": f"01/01/{year}",
        "phases-TOTAL_FORMS": "0",
        "phases-INITIAL_FORMS": "0",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("campaigns:create"), data)
    assert response.status_code == 200
    body = text(response)
    assert "Ngày kết thúc phải sau ngày bắt đầu." in body
    assert "Chọn ít nhất một đơn vị hoặc một khối/cụm" in body
    assert 'value="Thi đua giữ dữ liệu"' in body
    assert not Campaign.objects.exists()


def test_staff_cannot_launch(client, staff_long_an):
    client.force_login(staff_long_an)
    response = client.get(reverse("campaigns:create"))
    assert response.status_code == 403
    assert "Chỉ quản trị viên (Văn phòng TĐKT)" in text(response)


def test_the_campaign_list_is_scoped(client, staff_long_an, sector, campaign):
    CampaignFactory(name="Chỉ Lào Cai", scope_units=[sector.thads_lao_cai])
    client.force_login(staff_long_an)
    page = text(client.get(reverse("campaigns:list")))
    assert campaign.name in page
    assert "Chỉ Lào Cai" not in page


def test_the_campaign_page_shows_who_is_in_scope_and_who_registered(
    client, leader_long_an, campaign, sector, catalogue
):
    RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district, status=S.SUBMITTED
    )
    client.force_login(leader_long_an)
    page = text(client.get(reverse("campaigns:detail", kwargs={"pk": campaign.pk})))
    assert "Thi hành án dân sự tỉnh Long An" in page
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in page
    assert unit_url(campaign, sector.thads_lao_cai) not in page  # outside the leader's subtree
    assert "1/2 đơn vị đăng ký Tập thể lao động xuất sắc" in page


# --- Query counts ----------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _lines(campaign, sector, catalogue, n, start):
    people = [
        PersonFactory(full_name=f"Cán bộ {start + i}", assigned_to=sector.district)
        for i in range(n)
    ]
    for person in people:
        RegistrationFactory(
            campaign=campaign,
            award=catalogue.ldtt,
            unit=sector.district,
            person=person,
            status=S.SUBMITTED,
        )


@pytest.mark.parametrize(
    "url_of",
    [
        lambda c, s: reverse("campaigns:review", kwargs={"pk": c.pk}),
        lambda c, s: unit_url(c, s.district),
        lambda c, s: unit_url(c, s.district, "campaigns:unit_people"),
        lambda c, s: reverse("campaigns:detail", kwargs={"pk": c.pk}),
    ],
    ids=["review", "unit", "people", "campaign"],
)
def test_pages_keep_a_constant_number_of_queries(
    url_of, client, leader_long_an, campaign, sector, catalogue, django_assert_num_queries
):
    client.force_login(leader_long_an)
    url = url_of(campaign, sector)
    _lines(campaign, sector, catalogue, 3, 0)
    client.get(url)  # warm caches (content types, sessions) so both counts compare alike
    three = _count(client, url)
    _lines(campaign, sector, catalogue, 27, 3)
    with django_assert_num_queries(three):
        assert client.get(url).status_code == 200


def test_the_launching_unit_edits_the_campaign_with_its_phases_kept(
    client, admin_user, campaign, sector, catalogue, year
):
    campaign.phases.create(
        name="Đợt 1", start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 6, 30)
    )
    client.force_login(admin_user)
    edit = reverse("campaigns:edit", kwargs={"pk": campaign.pk})
    page = text(client.get(edit))
    assert f'value="{campaign.name}"' in page
    assert 'value="Đợt 1"' in page

    data = {
        "name": campaign.name,
        "kind": campaign.kind,
        "launched_by": sector.hq.pk,
        "start_date": f"01/01/{year}",
        "end_date": f"31/12/{year}",
        "registration_deadline": f"31/12/{year}",
        "scope_units": [sector.thads_long_an.pk, sector.thads_lao_cai.pk],
        "awards": [a.pk for a in campaign.awards.all()],
        "phases-TOTAL_FORMS": "2",
        "phases-INITIAL_FORMS": "1",
        "phases-0-name": "Đợt 1",
        "phases-0-start_date": f"01/01/{year}",
        "phases-0-end_date": f"30/06/{year}",
        "phases-1-name": "Đợt 2",
        "phases-1-start_date": f"01/07/{year}",
        "phases-1-end_date": f"31/12/{year}",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    response = client.post(edit, data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.registration_deadline == datetime.date(year, 12, 31)
    assert [p.name for p in campaign.phases.all()] == ["Đợt 1", "Đợt 2"]


def test_a_leader_of_another_unit_cannot_edit_the_campaign(client, leader_long_an, campaign):
    client.force_login(leader_long_an)
    response = client.get(reverse("campaigns:edit", kwargs={"pk": campaign.pk}))
    assert response.status_code == 403
    assert "Chỉ đơn vị phát động hoặc quản trị viên" in text(response)


def test_the_unit_form_refuses_a_second_collective_title_with_the_reason(
    login, staff_long_an, campaign, sector, catalogue
):
    tt_ldtt = AwardFactory(
        code="tt-ldtt",
        name="Tập thể lao động tiên tiến",
        subject=Award.Subject.COLLECTIVE,
        kind=Award.Kind.TITLE,
        order=50,
    )
    campaign.awards.add(tt_ldtt)
    RegistrationFactory(campaign=campaign, award=tt_ldtt, unit=sector.district, person=None)
    client = login(staff_long_an)
    response = client.post(
        unit_url(campaign, sector.district), {"award": catalogue.tt_ldxs.pk, "save": ""}
    )
    assert response.status_code == 200
    assert (
        "“Tập thể lao động xuất sắc” cao hơn và đã bao gồm “Tập thể lao động tiên tiến”: hãy "
        "sửa đăng ký “Tập thể lao động tiên tiến” thành “Tập thể lao động xuất sắc”."
    ) in text(response)
    assert Registration.objects.count() == 1
