"""The Django admin of campaigns: pages open, search folds diacritics, states stay audited."""

from django.urls import reverse

from campaigns.models import Campaign, Registration
from tests.factories import PledgeFactory, RegistrationFactory
from thidua.core.audit import history


def test_admin_pages_open(client, admin_user, campaign, sector, catalogue):
    pledge = PledgeFactory()
    line = RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district)
    client.force_login(admin_user)
    for url in [
        reverse("admin:campaigns_campaign_changelist"),
        reverse("admin:campaigns_campaign_add"),
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
        reverse("admin:campaigns_pledge_change", args=[pledge.pk]),
        reverse("admin:campaigns_registration_changelist"),
        reverse("admin:campaigns_registration_change", args=[line.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_registrations_are_found_by_name_without_diacritics(
    client, admin_user, campaign, sector, catalogue, five_people
):
    for person in five_people[:2]:
        RegistrationFactory(
            campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=person
        )
    client.force_login(admin_user)
    page = client.get(reverse("admin:campaigns_registration_changelist"), {"q": "le thi bich"})
    body = page.content.decode()
    assert "Lê Thị Bích" in body
    assert "Nguyễn Văn Anh" not in body


def test_the_admin_action_accepts_through_the_workflow(
    client, admin_user, campaign, sector, catalogue
):
    sent = RegistrationFactory(
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.district,
        status=Registration.Status.SUBMITTED,
    )
    draft = RegistrationFactory(campaign=campaign, award=catalogue.ldtt, unit=sector.district)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:campaigns_registration_changelist"),
        {"action": "accept_registrations", "_selected_action": [sent.pk, draft.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "Đã duyệt 1 đăng ký." in body
    assert "Không thể duyệt khi đang ở trạng thái “Nháp”" in body
    sent.refresh_from_db()
    assert sent.status == Registration.Status.ACCEPTED
    assert [e.action for e in history(sent)] == ["accept"]


def test_opening_from_the_admin_is_audited(client, admin_user, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client.force_login(admin_user)
    client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "open_campaigns", "_selected_action": [campaign.pk]},
    )
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN
    assert [(e.action, e.from_state) for e in history(campaign)] == [("open", "draft")]
