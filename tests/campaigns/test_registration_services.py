"""Registering units and people: every rule a bad input can break, and nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from awards.catalogue.models import Award
from campaigns.models import Campaign, Registration
from campaigns.services import (
    RegistrationRow,
    campaign_close,
    registration_accept,
    registration_create,
    registration_delete,
    registration_return,
    registration_submit,
    registration_update,
    registrations_save_bulk,
    registrations_submit_drafts,
)
from campaigns.workflow import REGISTRATION_WORKFLOW
from tests.factories import (
    AwardFactory,
    CampaignFactory,
    ClusterMembershipFactory,
    PersonFactory,
    RegistrationFactory,
)
from thidua.core.models import AuditEntry


def _save(by, campaign, unit, rows, **kwargs):
    return registrations_save_bulk(by=by, campaign=campaign, unit=unit, rows=rows, **kwargs)


def test_a_unit_and_its_people_are_registered_in_one_call(
    staff_long_an, campaign, sector, catalogue, five_people, year
):
    rows = [
        RegistrationRow(award=catalogue.tt_ldxs),
        RegistrationRow(award=catalogue.cstdcs, person=five_people[0], note="Có sáng kiến"),
        RegistrationRow(award=catalogue.ldtt, person=five_people[1]),
    ]
    result = _save(staff_long_an, campaign, sector.district, rows, year=year)

    assert result.ok
    saved = Registration.objects.filter(campaign=campaign).order_by("pk")
    assert [(r.award.code, r.person_id, r.unit_id, r.status) for r in saved] == [
        ("tt-ldxs", None, sector.district.pk, "draft"),
        ("cstdcs", five_people[0].pk, sector.district.pk, "draft"),
        ("ldtt", five_people[1].pk, sector.district.pk, "draft"),
    ]
    assert saved[1].note == "Có sáng kiến"
    assert saved[0].created_by == staff_long_an


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            lambda c, p: RegistrationRow(award=c.tt_ldxs, person=p),
            "“Tập thể lao động xuất sắc” không dành cho cá nhân; hãy đăng ký ở phần tập thể.",
        ),
        (
            lambda c, p: RegistrationRow(award=c.ldtt),
            "“Lao động tiên tiến” không dành cho tập thể; hãy đăng ký cho từng cá nhân.",
        ),
        (
            lambda c, p: RegistrationRow(award=c.outside, person=p),
            "“Chiến sĩ thi đua ngành Tư pháp” không có trong danh mục đăng ký của phong trào.",
        ),
        (
            lambda c, p: RegistrationRow(award=None, person=p),
            "Chưa chọn danh hiệu / hình thức khen thưởng.",
        ),
    ],
    ids=["collective-award-for-a-person", "individual-award-for-a-unit", "outside", "none"],
)
def test_an_award_that_does_not_fit_is_refused_and_nothing_is_saved(
    row, message, staff_long_an, campaign, sector, catalogue, five_people
):
    good = RegistrationRow(award=catalogue.ldtt, person=five_people[1])
    result = _save(staff_long_an, campaign, sector.district, [good, row(catalogue, five_people[0])])

    assert not result.ok
    assert list(result.errors) == [1]
    assert result.errors[1] == [message]
    assert not Registration.objects.exists()


def test_a_person_outside_the_users_units_is_refused(
    staff_long_an, campaign, sector, catalogue, person_lao_cai
):
    result = _save(
        staff_long_an,
        campaign,
        sector.district,
        [RegistrationRow(award=catalogue.ldtt, person=person_lao_cai)],
    )
    year = campaign.default_year(timezone.localdate())
    assert result.errors == {
        0: [
            f"Đỗ Thị Lan không thuộc Phòng Thi hành án dân sự khu vực 1 – Long An trong năm {year} "
            "nên không đăng ký được ở đây."
        ]
    }
    assert not Registration.objects.exists()


def test_staff_cannot_register_a_unit_where_they_hold_no_role(
    staff_long_an, campaign, sector, catalogue
):
    with pytest.raises(ValidationError, match="không có quyền đăng ký"):
        _save(staff_long_an, campaign, sector.thads_lao_cai, [RegistrationRow(catalogue.tt_ldxs)])


def test_the_same_person_or_unit_cannot_register_the_same_award_twice_in_a_year(
    staff_long_an, campaign, sector, catalogue, five_people
):
    person = five_people[0]
    registration_create(by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=person)
    registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )

    with pytest.raises(ValidationError, match="Nguyễn Văn Anh đã được đăng ký “Lao động tiên"):
        registration_create(
            by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=person
        )
    with pytest.raises(ValidationError, match="đã được đăng ký “Tập thể lao động xuất sắc”"):
        registration_create(
            by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
        )
    assert Registration.objects.count() == 2


def test_the_same_award_twice_in_one_table_is_refused(
    staff_long_an, campaign, sector, catalogue, five_people
):
    rows = [RegistrationRow(catalogue.ldtt, five_people[0])] * 2
    result = _save(staff_long_an, campaign, sector.district, rows)
    assert result.errors == {1: ["Nguyễn Văn Anh được chọn “Lao động tiên tiến” hai lần."]}


def test_a_second_campaign_cannot_register_the_same_title_again(
    staff_long_an, campaign, sector, catalogue, five_people, year
):
    themed = CampaignFactory(
        name="Đợt cao điểm", scope_units=[sector.thads_long_an], awards=[catalogue.ldtt]
    )
    registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=five_people[0]
    )
    with pytest.raises(ValidationError, match="trong phong trào “Thi đua hoàn thành xuất sắc"):
        registration_create(
            by=staff_long_an, campaign=themed, award=catalogue.ldtt, person=five_people[0]
        )


def test_the_database_refuses_duplicates_too(campaign, sector, catalogue, five_people):
    person = five_people[0]
    RegistrationFactory(
        campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=person
    )
    with pytest.raises(IntegrityError):
        RegistrationFactory(
            campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=person
        )


def test_the_database_refuses_a_second_collective_line(campaign, sector, catalogue):
    RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district)
    with pytest.raises(IntegrityError):
        RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district)


def test_a_unit_outside_the_campaigns_scope_is_refused(
    staff_long_an, sector, catalogue, five_people
):
    lao_cai_only = CampaignFactory(
        scope_units=[sector.thads_lao_cai], awards=[catalogue.tt_ldxs, catalogue.ldtt]
    )
    result = _save(
        staff_long_an,
        lao_cai_only,
        sector.district,
        [RegistrationRow(catalogue.tt_ldxs), RegistrationRow(catalogue.ldtt, five_people[0])],
    )
    assert set(result.errors) == {0, 1}
    assert "không thuộc phạm vi phong trào" in result.errors[0][0]
    assert not Registration.objects.exists()


def test_grouping_members_of_the_year_are_in_scope(staff_long_an, sector, catalogue, year):
    membership = ClusterMembershipFactory(unit=sector.district, year=year)
    grouping = CampaignFactory(scope_clusters=[membership.cluster], awards=[catalogue.tt_ldxs])
    registration = registration_create(
        by=staff_long_an, campaign=grouping, award=catalogue.tt_ldxs, unit=sector.district
    )
    assert registration.status == Registration.Status.DRAFT

    membership.year = year - 1
    membership.save()
    registration.delete()
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        registration_create(
            by=staff_long_an, campaign=grouping, award=catalogue.tt_ldxs, unit=sector.district
        )


@pytest.mark.parametrize(
    ("status", "message"),
    [(Campaign.Status.DRAFT, "chưa được phát động"), (Campaign.Status.CLOSED, "đã đóng")],
)
def test_a_campaign_that_is_not_open_takes_no_registration(
    status, message, staff_long_an, campaign, sector, catalogue
):
    Campaign.objects.filter(pk=campaign.pk).update(status=status)
    campaign.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        registration_create(
            by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
        )


def test_a_year_outside_the_campaign_is_refused(staff_long_an, campaign, sector, catalogue, year):
    with pytest.raises(ValidationError, match=f"Năm {year + 1} nằm ngoài thời gian"):
        registration_create(
            by=staff_long_an,
            campaign=campaign,
            award=catalogue.tt_ldxs,
            unit=sector.district,
            year=year + 1,
        )


@pytest.fixture
def past_deadline(campaign):
    campaign.registration_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    return campaign


def test_after_the_deadline_drafts_are_saved_but_not_sent(
    staff_long_an, past_deadline, sector, catalogue
):
    draft = registration_create(
        by=staff_long_an, campaign=past_deadline, award=catalogue.tt_ldxs, unit=sector.district
    )
    with pytest.raises(ValidationError, match="Đã quá hạn đăng ký"):
        registration_submit(by=staff_long_an, registration=draft)
    draft.refresh_from_db()
    assert draft.status == Registration.Status.DRAFT
    with pytest.raises(ValidationError, match="Đã quá hạn đăng ký"):
        registrations_submit_drafts(
            by=staff_long_an, campaign=past_deadline, unit=sector.district, year=draft.year
        )


def test_after_the_deadline_a_returned_registration_may_be_sent_again(
    staff_long_an, leader_long_an, campaign, sector, catalogue
):
    line = registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.district,
        submit=True,
    )
    registration_return(by=leader_long_an, registration=line, comment="Bổ sung thành tích")
    campaign.registration_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()

    registration_submit(by=staff_long_an, registration=line)
    line.refresh_from_db()
    assert line.status == Registration.Status.SUBMITTED


def test_a_closed_campaign_refuses_submission_but_leaders_still_decide(
    staff_long_an, leader_long_an, admin_user, campaign, sector, catalogue, five_people
):
    sent = registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.district,
        submit=True,
    )
    draft = registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=five_people[0]
    )
    campaign_close(by=admin_user, campaign=campaign)

    with pytest.raises(ValidationError, match="Phong trào đã đóng"):
        registration_submit(by=staff_long_an, registration=draft)
    with pytest.raises(ValidationError, match="Phong trào đã đóng"):
        registration_update(by=staff_long_an, registration=draft, award=catalogue.cstdcs)
    registration_accept(by=leader_long_an, registration=sent)
    assert Registration.objects.get(pk=sent.pk).status == Registration.Status.ACCEPTED


def test_saving_and_sending_at_once(staff_long_an, campaign, sector, catalogue, five_people):
    result = _save(
        staff_long_an,
        campaign,
        sector.district,
        [RegistrationRow(catalogue.ldtt, p) for p in five_people],
        submit=True,
    )
    assert result.ok
    assert set(Registration.objects.values_list("status", flat=True)) == {"submitted"}
    assert all(r.submitted_at for r in Registration.objects.all())


def test_sending_all_drafts_is_all_or_nothing(
    staff_long_an, campaign, sector, catalogue, five_people, year, monkeypatch
):
    """The first line is sent, then the last one turns out deleted on another screen: the
    refusal takes the first one back too."""
    drafts = [
        registration_create(
            by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=person
        )
        for person in five_people[:3]
    ]
    send = REGISTRATION_WORKFLOW.apply

    def send_while_a_colleague_deletes_the_last(registration, name, **kwargs):
        sent = send(registration, name, **kwargs)
        Registration.objects.filter(pk=drafts[-1].pk).delete()
        return sent

    monkeypatch.setattr(REGISTRATION_WORKFLOW, "apply", send_while_a_colleague_deletes_the_last)
    with pytest.raises(ValidationError, match="đã được người khác thay đổi"):
        registrations_submit_drafts(
            by=staff_long_an, campaign=campaign, unit=sector.district, year=year
        )
    assert sorted(Registration.objects.values_list("pk", "status")) == [
        (d.pk, Registration.Status.DRAFT) for d in drafts
    ]
    assert not AuditEntry.objects.filter(action="submit").exists()


def test_editing_a_returned_registration_then_resubmitting_it(
    staff_long_an, leader_long_an, campaign, sector, catalogue, five_people
):
    line = registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.cstdcs,
        person=five_people[0],
        submit=True,
    )
    registration_return(by=leader_long_an, registration=line, comment="Chưa có sáng kiến")
    registration_update(
        by=staff_long_an, registration=line, award=catalogue.ldtt, note="Đổi sang LĐTT"
    )
    registration_submit(by=staff_long_an, registration=line)

    line.refresh_from_db()
    assert (line.award, line.note, line.status) == (catalogue.ldtt, "Đổi sang LĐTT", "submitted")


def test_a_sent_registration_cannot_be_edited_or_deleted(
    staff_long_an, campaign, sector, catalogue
):
    line = registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.district,
        submit=True,
    )
    with pytest.raises(ValidationError, match="Chỉ sửa được đăng ký nháp hoặc bị trả lại"):
        registration_update(by=staff_long_an, registration=line, award=catalogue.tt_ldxs)
    with pytest.raises(ValidationError, match="Chỉ xóa được đăng ký nháp"):
        registration_delete(by=staff_long_an, registration=line)


def test_editing_into_an_award_that_does_not_fit_is_refused(
    staff_long_an, campaign, sector, catalogue, five_people
):
    line = registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=five_people[0]
    )
    with pytest.raises(ValidationError, match="không dành cho cá nhân"):
        registration_update(by=staff_long_an, registration=line, award=catalogue.tt_ldxs)
    line.refresh_from_db()
    assert line.award == catalogue.ldtt


def test_a_draft_is_deleted_and_the_deletion_audited(staff_long_an, campaign, sector, catalogue):

    line = registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )
    registration_delete(by=staff_long_an, registration=line)
    assert not Registration.objects.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.actor, entry.from_state, entry.unit) == (staff_long_an, "draft", sector.district)


def test_a_person_of_the_parent_unit_cannot_be_registered_by_the_office(
    staff_long_an, campaign, sector, catalogue
):
    above = PersonFactory(full_name="Hồ Văn Phúc", assigned_to=sector.thads_long_an)
    result = _save(
        staff_long_an, campaign, sector.district, [RegistrationRow(catalogue.ldtt, above)]
    )
    year = campaign.default_year(timezone.localdate())
    assert result.errors[0][0] == (
        f"Hồ Văn Phúc không thuộc Phòng Thi hành án dân sự khu vực 1 – Long An trong năm {year} "
        "nên không đăng ký được ở đây."
    )


# --- One title a year (the higher includes the lower); reward forms come with a title -----


def test_a_person_registers_one_title_a_year_and_a_reward_form_may_come_with_it(
    staff_long_an, campaign, sector, catalogue, five_people, year
):
    anh, bich = five_people[:2]
    rows = [
        RegistrationRow(award=catalogue.cstdcs, person=anh),
        RegistrationRow(award=catalogue.bk, person=anh),  # a reward form with the title
        RegistrationRow(award=catalogue.ldtt, person=anh),  # a second title: refused
        RegistrationRow(award=catalogue.ldtt, person=bich),
    ]
    result = _save(staff_long_an, campaign, sector.district, rows, year=year)
    assert result.errors == {
        2: [
            f"Nguyễn Văn Anh đã đăng ký danh hiệu “Chiến sĩ thi đua cơ sở” năm {year}. Mỗi năm "
            "chỉ đăng ký một danh hiệu thi đua; “Chiến sĩ thi đua cơ sở” đã bao gồm “Lao động "
            "tiên tiến”."
        ]
    }
    assert not Registration.objects.exists()
    assert _save(
        staff_long_an, campaign, sector.district, [rows[0], rows[1], rows[3]], year=year
    ).ok


def test_a_higher_title_over_a_registered_lower_one_says_to_change_it(
    staff_long_an, campaign, sector, catalogue, five_people, year
):
    anh = five_people[0]
    ldtt = registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.ldtt, person=anh, year=year
    )
    with pytest.raises(ValidationError) as refused:
        registration_create(
            by=staff_long_an, campaign=campaign, award=catalogue.cstdcs, person=anh, year=year
        )
    assert refused.value.messages == [
        f"Nguyễn Văn Anh đã đăng ký danh hiệu “Lao động tiên tiến” năm {year}. Mỗi năm chỉ "
        "đăng ký một danh hiệu thi đua; “Chiến sĩ thi đua cơ sở” cao hơn và đã bao gồm “Lao "
        "động tiên tiến”: hãy sửa đăng ký “Lao động tiên tiến” thành “Chiến sĩ thi đua cơ sở”."
    ]
    # Which is what editing does: the line itself is not a conflict.
    registration_update(by=staff_long_an, registration=ldtt, award=catalogue.cstdcs)
    assert Registration.objects.get().award == catalogue.cstdcs


def test_a_unit_registers_one_collective_title_a_year_also_across_campaigns(
    staff_long_an, campaign, sector, catalogue, year
):
    tt_ldtt = AwardFactory(
        code="tt-ldtt",
        name="Tập thể lao động tiên tiến",
        subject=Award.Subject.COLLECTIVE,
        kind=Award.Kind.TITLE,
        order=50,
    )
    other = CampaignFactory(
        name="Phong trào chuyên đề",
        launched_by=sector.hq,
        authority_name="",
        registration_deadline=campaign.registration_deadline,
        scope_units=[sector.thads_long_an],
        awards=[tt_ldtt],
    )
    registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.district,
        year=year,
    )
    result = _save(
        staff_long_an, other, sector.district, [RegistrationRow(award=tt_ldtt)], year=year
    )
    assert result.errors == {
        0: [
            f"{sector.district.name} đã đăng ký danh hiệu “Tập thể lao động xuất sắc” năm {year} "
            f"trong phong trào “{campaign.name}”. Mỗi năm chỉ đăng ký một danh hiệu thi đua; "
            "“Tập thể lao động xuất sắc” đã bao gồm “Tập thể lao động tiên tiến”."
        ]
    }
