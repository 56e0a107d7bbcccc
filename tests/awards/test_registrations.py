"""Accepted registrations pre-fill a draft award proposal: offered, ticked, verdicts shown."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.catalogue.models import Award
from awards.models import Nominee, Proposal
from campaigns.models import Registration
from tests.awards.helpers import YEAR
from tests.factories import (
    AwardFactory,
    AwardRuleFactory,
    CampaignFactory,
    PersonFactory,
    ProposalFactory,
    RegistrationFactory,
)
from thidua.core import audit

ACCEPTED = Registration.Status.ACCEPTED


@pytest.fixture
def campaign(db):
    return CampaignFactory(
        name="Phong trào thi đua năm 2025",
        start_date=datetime.date(YEAR, 1, 1),
        end_date=datetime.date(YEAR, 12, 31),
    )


@pytest.fixture
def empty_draft(sector, cast, wf_catalogue, media_root):
    return services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị theo đăng ký thi đua",
    )


def _register(campaign, award, *, person=None, unit=None, status=ACCEPTED, **extra):
    return RegistrationFactory(
        campaign=campaign,
        year=extra.pop("year", YEAR),
        award=award,
        person=person,
        unit=unit or person.unit,
        status=status,
        **extra,
    )


def _url(proposal):
    return reverse("campaigns:proposal_registrations", kwargs={"pk": proposal.pk})


def test_only_matching_accepted_registrations_are_offered(
    login, empty_draft, campaign, wf_catalogue, wf_people, sector
):
    _register(campaign, wf_catalogue.bk, person=wf_people.an, note="Phấn đấu đạt Bằng khen")
    _register(campaign, wf_catalogue.cstd, person=wf_people.binh, status="submitted")
    _register(campaign, wf_catalogue.bk_ttg, person=wf_people.binh)  # Prime Minister's
    _register(campaign, wf_catalogue.bk, person=wf_people.binh, year=YEAR - 1)
    other = PersonFactory(full_name="Vũ Văn Lào", assigned_to=sector.thads_lao_cai)
    _register(campaign, wf_catalogue.bk, person=other)  # another province
    page = login(empty_draft.created_by).get(_url(empty_draft)).content.decode()
    assert "Nguyễn Văn An" in page and "Phấn đấu đạt Bằng khen" in page
    assert "Lê Thị Bình" not in page and "Vũ Văn Lào" not in page


def test_ticked_registrations_become_nominees_with_their_verdicts(
    login, empty_draft, campaign, wf_catalogue, wf_people, sector
):
    collective = AwardFactory(
        code="tt-xs-bo",
        name="Bằng khen của Bộ trưởng cho tập thể",
        authority=wf_catalogue.minister,
        subject=Award.Subject.COLLECTIVE,
        kind=Award.Kind.REWARD,
    )
    AwardRuleFactory(award=collective, effective_from=datetime.date(2024, 1, 1))
    an = _register(campaign, wf_catalogue.bk, person=wf_people.an)
    binh = _register(campaign, wf_catalogue.cstd, person=wf_people.binh)
    team = _register(campaign, collective, unit=sector.district)
    skipped = _register(
        campaign, wf_catalogue.bk, person=PersonFactory(assigned_to=sector.district)
    )
    client = login(empty_draft.created_by)
    page = client.post(
        _url(empty_draft), {"registration": [an.pk, binh.pk, team.pk]}, follow=True
    ).content.decode()
    assert "Đã thêm 3 đề cử từ đăng ký thi đua" in page
    assert "Đủ điều kiện, có lưu ý" in page  # Bình: no Bằng khen the year before
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in page
    nominees = Nominee.objects.filter(proposal=empty_draft)
    assert {(n.award_id, n.person_id, n.unit_id) for n in nominees} == {
        (wf_catalogue.bk.pk, wf_people.an.pk, None),
        (wf_catalogue.cstd.pk, wf_people.binh.pk, None),
        (collective.pk, None, sector.district.pk),
    }
    assert nominees.get(person=wf_people.binh).verdict == Nominee.Verdict.WARNINGS
    actions = [e.action for e in audit.history(empty_draft)]
    assert actions.count("nominee_add") == 3 and actions[-1] == "registrations_add"
    # Those already added are no longer offered; the one not ticked still is.
    offered = client.get(_url(empty_draft)).content.decode()
    assert f'value="{skipped.pk}"' in offered and f'value="{an.pk}"' not in offered


def test_a_line_refused_by_the_rules_is_reported_and_the_others_added(
    login, drafted, empty_draft, campaign, wf_catalogue, wf_people, sector
):
    # An is already proposed for the Bằng khen of 2025 in ``drafted``.
    an = _register(campaign, wf_catalogue.bk, person=wf_people.an)
    cuong = PersonFactory(full_name="Đỗ Văn Cường", assigned_to=sector.district)
    other = _register(campaign, wf_catalogue.bk, person=cuong)
    page = login(empty_draft.created_by).post(
        _url(empty_draft), {"registration": [an.pk, other.pk]}, follow=True
    )
    text = page.content.decode()
    assert "Nguyễn Văn An: Nguyễn Văn An đã được đề nghị" in text
    assert "Đã thêm 1 đề cử" in text
    assert list(empty_draft.nominees.values_list("person_id", flat=True)) == [cuong.pk]


def test_nothing_ticked_and_a_sent_proposal_are_refused(
    login, appraised, empty_draft, campaign, wf_catalogue, wf_people
):
    an = _register(campaign, wf_catalogue.bk, person=wf_people.an)
    client = login(empty_draft.created_by)
    page = client.post(_url(empty_draft), {}, follow=True).content.decode()
    assert "Chọn ít nhất một đăng ký" in page
    page = client.get(_url(appraised.proposal), follow=True).content.decode()
    assert "không thể sửa" in page
    client.post(_url(appraised.proposal), {"registration": [an.pk]})
    assert appraised.proposal.nominees.count() == 2
    assert not empty_draft.nominees.exists()


def test_a_proposal_of_another_province_is_404(login, cast, sector):

    foreign = ProposalFactory(proposing_unit=sector.thads_lao_cai)
    assert login(cast.staff).get(_url(foreign)).status_code == 404


def test_the_offer_costs_the_same_whatever_its_length(
    login, empty_draft, campaign, wf_catalogue, sector, django_assert_num_queries
):
    _register(campaign, wf_catalogue.bk, person=PersonFactory(assigned_to=sector.district))
    client = login(empty_draft.created_by)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(empty_draft)).status_code == 200
    for award in (wf_catalogue.bk, wf_catalogue.cstd):
        for _i in range(3):
            _register(campaign, award, person=PersonFactory(assigned_to=sector.district))
    with django_assert_num_queries(len(one)):
        page = client.get(_url(empty_draft))
    assert page.content.decode().count('name="registration"') == 7
    assert Proposal.objects.get(pk=empty_draft.pk).status == Proposal.Status.DRAFT
