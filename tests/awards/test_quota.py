"""Quotas enforced where they bite: issuing a decision, the council's agenda, the
registration summary and the eligibility view all count against the rule's quota."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.catalogue.models import QuotaEnforcement
from awards.eligibility.quota import QuotaLine, nominee_quotas, quotas_for
from awards.models import AgendaItem, Conferment, Decision, Nominee
from campaigns.models import Registration
from tests.factories import (
    CampaignFactory,
    CouncilFactory,
    NomineeFactory,
    PersonFactory,
    ProposalFactory,
    UnitFactory,
)
from thidua.core.models import AuditEntry

D = datetime.date
EXCESS = (
    "Vượt tỷ lệ CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 4 người (đã công nhận 1, "
    "thêm 3) trong khi tối đa 3 = 15 % của 20 LĐTT."
)


@pytest.fixture
def unit_year(sector, award_catalogue, confer):
    """Thi hành án dân sự tỉnh Long An in 2025: 20 LĐTT, one of them already CSTĐCS."""
    unit = sector.thads_long_an
    people = [PersonFactory(full_name=f"Cán bộ {i:02}", assigned_to=unit) for i in range(20)]
    for person in people:
        confer(award_catalogue.ldtt, 2025, person=person)
    confer(award_catalogue.cstdcs, 2025, person=people[0])
    return people


def _passed(award, people, unit, year=2025, decided_at=None):
    proposal = ProposalFactory(
        proposing_unit=unit,
        authority=award.authority,
        authority_unit=decided_at or unit,
        current_unit=decided_at or unit,
        year=year,
    )
    return [
        NomineeFactory(proposal=proposal, award=award, person=p, result=Nominee.Result.PASSED)
        for p in people
    ]


def _draft(by, award_catalogue, unit, nominees, number="15/QĐ-THADS"):
    return services.decision_draft(
        by=by,
        authority=award_catalogue.cstdcs.authority,
        issuing_unit=unit,
        number=number,
        signed_on=D(2026, 1, 10),
        signer_name="Trần Văn Bình",
        signer_position="Cục trưởng",
        recipients=nominees,
    )


def _messages(error) -> str:
    return " ".join(error.value.messages)


@pytest.fixture
def over_quota(sector, award_catalogue, unit_year, staff_long_an_province):
    nominees = _passed(award_catalogue.cstdcs, unit_year[1:4], sector.thads_long_an)
    return _draft(staff_long_an_province, award_catalogue, sector.thads_long_an, nominees)


def test_a_decision_beyond_the_quota_needs_a_leader_and_a_reason(
    over_quota, staff_long_an_province, leader_long_an
):
    with pytest.raises(ValidationError) as by_staff:
        services.decision_issue(
            decision=over_quota, by=staff_long_an_province, quota_reason="Cần khen"
        )
    assert EXCESS in by_staff.value.messages
    assert "Chỉ lãnh đạo Thi hành án dân sự tỉnh Long An mới được ban hành vượt tỷ lệ" in (
        _messages(by_staff)
    )
    with pytest.raises(ValidationError) as no_reason:
        services.decision_issue(decision=over_quota, by=leader_long_an, quota_reason="  ")
    assert "Ghi rõ lý do ban hành vượt tỷ lệ." in no_reason.value.messages
    assert Decision.objects.get(pk=over_quota.pk).status == Decision.Status.DRAFT
    assert not Conferment.objects.filter(decision=over_quota).exists()

    services.decision_issue(
        decision=over_quota,
        by=leader_long_an,
        quota_reason="Ba sáng kiến được Bộ công nhận áp dụng toàn ngành",
    )

    assert Decision.objects.get(pk=over_quota.pk).status == Decision.Status.ISSUED
    assert Conferment.objects.filter(decision=over_quota).count() == 3
    entry = AuditEntry.objects.get(object_id=over_quota.pk, action="issue")
    assert entry.actor == leader_long_an
    assert "Ban hành vượt tỷ lệ." in entry.comment and EXCESS in entry.comment
    assert entry.comment.endswith("Lý do: Ba sáng kiến được Bộ công nhận áp dụng toàn ngành")


def test_a_rule_that_blocks_refuses_even_the_leader(over_quota, award_catalogue, leader_long_an):
    award_catalogue.cstdcs_152.quota_enforcement = QuotaEnforcement.BLOCK
    award_catalogue.cstdcs_152.save()

    with pytest.raises(ValidationError) as refused:
        services.decision_issue(decision=over_quota, by=leader_long_an, quota_reason="Cần khen")

    assert refused.value.messages == [
        EXCESS,
        "Tiêu chuẩn không cho phép vượt tỷ lệ: không thể ban hành quyết định.",
    ]
    assert Decision.objects.get(pk=over_quota.pk).status == Decision.Status.DRAFT


def test_within_the_quota_staff_issue_without_a_reason(
    sector, award_catalogue, unit_year, staff_long_an_province
):
    nominees = _passed(award_catalogue.cstdcs, unit_year[1:3], sector.thads_long_an)
    decision = _draft(staff_long_an_province, award_catalogue, sector.thads_long_an, nominees)

    services.decision_issue(decision=decision, by=staff_long_an_province)

    assert Conferment.objects.filter(decision=decision).count() == 2


def test_the_quota_follows_the_rule_in_force_on_the_reference_date(
    sector, award_catalogue, unit_year, staff_long_an_province, confer
):
    # No quota before 2024 in this catalogue: a 2023 decision of four CSTĐCS goes through.
    for person in unit_year:
        confer(award_catalogue.ldtt, 2023, person=person)
    nominees = _passed(award_catalogue.cstdcs, unit_year[:4], sector.thads_long_an, year=2023)
    decision = _draft(staff_long_an_province, award_catalogue, sector.thads_long_an, nominees)

    services.decision_issue(decision=decision, by=staff_long_an_province)

    assert Conferment.objects.filter(decision=decision).count() == 4


def test_the_decision_page_shows_the_excess_and_takes_the_leaders_reason(
    login, over_quota, leader_long_an
):
    client = login(leader_long_an)
    url = reverse("awards:decision_detail", args=[over_quota.pk])
    page = client.get(url).content.decode()
    assert EXCESS in page and 'name="quota_reason"' in page

    client.post(reverse("awards:decision_issue", args=[over_quota.pk]), {"quota_reason": ""})
    assert Decision.objects.get(pk=over_quota.pk).status == Decision.Status.DRAFT
    client.post(
        reverse("awards:decision_issue", args=[over_quota.pk]),
        {"quota_reason": "Thành tích đột phá của năm"},
    )

    assert Decision.objects.get(pk=over_quota.pk).status == Decision.Status.ISSUED
    history = client.get(url).content.decode()
    assert "Lý do: Thành tích đột phá của năm" in history


# --- Where else the quota shows: the council's agenda, the registration summary, the
# eligibility view (the proposal's page) -------------------------------------------------


def _branch(sector, award_catalogue, confer, name="Phòng Thi hành án dân sự khu vực 7"):
    """Another unit under Long An with 10 LĐTT of 2025 (quota 1)."""
    unit = UnitFactory(name=name, parent=sector.thads_long_an)
    people = [PersonFactory(full_name=f"{name} {i}", assigned_to=unit) for i in range(10)]
    for person in people:
        confer(award_catalogue.ldtt, 2025, person=person)
    return unit, people


@pytest.fixture
def session(sector, leader_long_an):
    council = CouncilFactory(unit=sector.thads_long_an)
    return services.council_session_create(council=council, by=leader_long_an, date=D(2026, 1, 8))


def _on_agenda(session, nominees):
    for order, nominee in enumerate(nominees):
        AgendaItem.objects.create(session=session, nominee=nominee, order=order)


def test_the_councils_agenda_says_how_many_the_quota_leaves(
    login, sector, award_catalogue, unit_year, session, leader_long_an
):
    _on_agenda(session, _passed(award_catalogue.cstdcs, unit_year[1:4], sector.thads_long_an))

    page = login(leader_long_an).get(reverse("awards:session_detail", args=[session.pk]))

    assert (
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: còn lại 2 suất (tối đa 3 = 15 % "
        "của 20 LĐTT, đã công nhận 1); đang xét 3 — vượt tỷ lệ"
    ) in page.content.decode()


def test_the_agenda_costs_the_same_queries_for_one_quota_or_two(
    login,
    sector,
    award_catalogue,
    unit_year,
    session,
    leader_long_an,
    confer,
    django_assert_num_queries,
):
    client = login(leader_long_an)
    url = reverse("awards:session_detail", args=[session.pk])
    _on_agenda(session, _passed(award_catalogue.cstdcs, unit_year[1:2], sector.thads_long_an))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    branch, people = _branch(sector, award_catalogue, confer)
    nominees = _passed(award_catalogue.cstdcs, people[:3], branch)
    AgendaItem.objects.bulk_create(
        AgendaItem(session=session, nominee=n, order=5 + i) for i, n in enumerate(nominees)
    )

    with django_assert_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("còn lại") == 2


@pytest.fixture
def registered(sector, award_catalogue, unit_year):
    campaign = CampaignFactory(
        start_date=D(2025, 1, 1),
        scope_units=[sector.thads_long_an],
        awards=[award_catalogue.ldtt, award_catalogue.cstdcs],
    )
    lines = [(award_catalogue.ldtt, p) for p in unit_year]
    lines += [(award_catalogue.cstdcs, p) for p in unit_year[:4]]
    Registration.objects.bulk_create(
        Registration(campaign=campaign, year=2025, award=a, unit=p.unit, person=p) for a, p in lines
    )
    return campaign


def test_the_registration_summary_puts_the_registered_beside_the_quota(
    login, sector, registered, leader_long_an
):
    client = login(leader_long_an)
    detail = client.get(reverse("campaigns:detail", args=[registered.pk]), {"year": 2025})
    quota_url = reverse("campaigns:registration_quota", args=[registered.pk])
    assert f'hx-get="{quota_url}?year=2025"' in detail.content.decode()

    fragment = client.get(quota_url, {"year": 2025, "unit": sector.thads_long_an.pk})

    assert (
        "Thi hành án dân sự tỉnh Long An: đăng ký 4 CSTĐCS / 20 LĐTT đăng ký — tối đa 3 (15 %) "
        "— vượt tỷ lệ"
    ) in fragment.content.decode()


def test_the_quota_summary_of_another_province_is_404(login, registered, sector, leader_lao_cai):
    client = login(leader_lao_cai)
    url = reverse("campaigns:registration_quota", args=[registered.pk])

    assert client.get(url, {"year": 2025, "unit": sector.thads_long_an.pk}).status_code == 404


def test_the_quota_summary_costs_the_same_queries_for_more_units(
    login,
    sector,
    award_catalogue,
    registered,
    leader_long_an,
    confer,
    django_assert_num_queries,
):
    client = login(leader_long_an)
    url = reverse("campaigns:registration_quota", args=[registered.pk])
    client.get(url, {"year": 2025})
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"year": 2025})
    branch, people = _branch(sector, award_catalogue, confer)
    Registration.objects.bulk_create(
        Registration(
            campaign=registered, year=2025, award=award_catalogue.cstdcs, unit=branch, person=p
        )
        for p in people[:2]
    )

    with django_assert_num_queries(len(one)):
        page = client.get(url, {"year": 2025}).content.decode()
    assert page.count("vượt tỷ lệ") == 2


def test_the_proposal_page_shows_the_quota_check(
    login, sector, award_catalogue, unit_year, leader_long_an
):
    nominees = [
        NomineeFactory(proposal=proposal, award=award_catalogue.cstdcs, person=p)
        for proposal in [
            ProposalFactory(
                proposing_unit=sector.thads_long_an,
                year=2025,
                authority=award_catalogue.cstdcs.authority,
            )
        ]
        for p in unit_year[1:4]
    ]
    url = reverse("awards:proposal_detail", args=[nominees[0].proposal_id])

    page = login(leader_long_an).get(url).content.decode()

    assert (
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 4 (đã công nhận 1, thêm 3) / "
        "tối đa 3 = 15 % của 20 LĐTT — vượt tỷ lệ; lãnh đạo ban hành quyết định phải ghi rõ lý do"
    ) in page


def test_the_decision_page_costs_the_same_queries_for_one_quota_or_two(
    login,
    sector,
    award_catalogue,
    unit_year,
    confer,
    staff_long_an_province,
    django_assert_num_queries,
):
    small = _draft(
        staff_long_an_province,
        award_catalogue,
        sector.thads_long_an,
        _passed(award_catalogue.cstdcs, unit_year[1:2], sector.thads_long_an),
        "1/QĐ-THADS",
    )
    branch, people = _branch(sector, award_catalogue, confer)
    large = _draft(
        staff_long_an_province,
        award_catalogue,
        sector.thads_long_an,
        _passed(award_catalogue.cstdcs, unit_year[2:4], sector.thads_long_an)
        + _passed(award_catalogue.cstdcs, people[:2], branch, decided_at=sector.thads_long_an),
        "2/QĐ-THADS",
    )
    client = login(staff_long_an_province)
    client.get(reverse("awards:decision_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("awards:decision_detail", args=[small.pk]))

    with django_assert_num_queries(len(one)):
        page = client.get(reverse("awards:decision_detail", args=[large.pk])).content.decode()
    assert "Vượt tỷ lệ CSTĐCS năm 2025 của Phòng Thi hành án dân sự khu vực 7: 2 người" in page
    assert "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 3 (đã công nhận 1, thêm 2)" in page


# --- the unit a quota counts: its own people, or its whole subtree -------------------------


@pytest.fixture
def subtree(sector, award_catalogue, unit_year, confer):
    """Long An (20 LĐTT, 1 CSTĐCS), a branch under it (10 LĐTT, 2 CSTĐCS) and Lào Cai, whose
    path shares Long An's as a prefix (/…/5/ and /…/50/), with 10 LĐTT and 3 CSTĐCS."""
    branch, people = _branch(sector, award_catalogue, confer)
    for person in people[:2]:
        confer(award_catalogue.cstdcs, 2025, person=person)
    for i in range(10):
        person = PersonFactory(full_name=f"Lào Cai {i}", assigned_to=sector.thads_lao_cai)
        confer(award_catalogue.ldtt, 2025, person=person)
        if i < 3:
            confer(award_catalogue.cstdcs, 2025, person=person)
    return branch, people


def _long_an_quota(sector, award_catalogue):
    key = (award_catalogue.cstdcs.pk, sector.thads_long_an.pk, 2025)
    return str(
        QuotaLine(quotas_for([(award_catalogue.cstdcs, sector.thads_long_an, 2025, None)])[key], 0)
    )


def test_a_quota_counts_the_units_own_people_unless_the_rule_includes_its_subunits(
    sector, award_catalogue, subtree
):
    own = _long_an_quota(sector, award_catalogue)
    award_catalogue.cstdcs_152.quota_include_subunits = True
    award_catalogue.cstdcs_152.save()
    whole = _long_an_quota(sector, award_catalogue)

    assert own == (
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 1 (đã công nhận 1, thêm 0) / "
        "tối đa 3 = 15 % của 20 LĐTT"
    )
    assert whole == (
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 3 (đã công nhận 3, thêm 0) / "
        "tối đa 4 = 15 % của 30 LĐTT (cả đơn vị trực thuộc)"
    )


def test_the_registration_summary_counts_the_subtree_when_the_rule_includes_subunits(
    login, sector, award_catalogue, registered, subtree, leader_long_an
):
    branch, people = subtree
    Registration.objects.bulk_create(
        Registration(campaign=registered, year=2025, award=a, unit=branch, person=p)
        for a, p in [(award_catalogue.ldtt, p) for p in people]
        + [(award_catalogue.cstdcs, p) for p in people[:2]]
    )
    award_catalogue.cstdcs_152.quota_include_subunits = True
    award_catalogue.cstdcs_152.save()
    url = reverse("campaigns:registration_quota", args=[registered.pk])

    page = login(leader_long_an).get(url, {"year": 2025}).content.decode()

    assert (
        "Thi hành án dân sự tỉnh Long An: đăng ký 6 CSTĐCS / 30 LĐTT đăng ký — tối đa 4 "
        "(15 % (cả đơn vị trực thuộc)) — vượt tỷ lệ"
    ) in page
    assert (
        "Phòng Thi hành án dân sự khu vực 7: đăng ký 2 CSTĐCS / 10 LĐTT đăng ký — tối đa 1 "
        "(15 % (cả đơn vị trực thuộc)) — vượt tỷ lệ"
    ) in page


def test_registering_exactly_the_quota_is_not_flagged(
    login, sector, award_catalogue, registered, leader_long_an
):
    Registration.objects.filter(
        award=award_catalogue.cstdcs, person__full_name="Cán bộ 03"
    ).delete()
    url = reverse("campaigns:registration_quota", args=[registered.pk])

    page = login(leader_long_an).get(url, {"year": 2025}).content.decode()

    assert "Thi hành án dân sự tỉnh Long An: đăng ký 3 CSTĐCS / 20 LĐTT đăng ký — tối đa 3" in page
    assert "vượt tỷ lệ" not in page


def test_the_registration_summary_lists_the_units_over_their_quota_first(
    login, sector, award_catalogue, registered, confer, leader_long_an
):
    Registration.objects.filter(
        award=award_catalogue.cstdcs, person__full_name="Cán bộ 03"
    ).delete()  # Long An: 3 of 20, within its quota
    branch, people = _branch(sector, award_catalogue, confer)
    Registration.objects.bulk_create(
        Registration(campaign=registered, year=2025, award=a, unit=branch, person=p)
        for a, p in [(award_catalogue.ldtt, p) for p in people]
        + [(award_catalogue.cstdcs, p) for p in people[:2]]
    )  # the branch: 2 of 10, over its quota of 1
    url = reverse("campaigns:registration_quota", args=[registered.pk])

    page = login(leader_long_an).get(url, {"year": 2025}).content.decode()

    over = page.index("Phòng Thi hành án dân sự khu vực 7: đăng ký 2 CSTĐCS")
    within = page.index("Thi hành án dân sự tỉnh Long An: đăng ký 3 CSTĐCS")
    assert over < within


def test_the_quota_is_the_one_of_the_rule_in_force_on_the_given_day(
    sector, award_catalogue, unit_year
):
    """Before 01/07/2025 the 2025 title was judged by a rule with no quota in this case;
    from then on, by one with 15 %: a proposal dated in June is not held to it."""
    award_catalogue.cstdcs_98.quota_percent = None
    award_catalogue.cstdcs_98.save()
    june = (award_catalogue.cstdcs, sector.thads_long_an, 2025, D(2025, 6, 15))
    year_end = (award_catalogue.cstdcs, sector.thads_long_an, 2025, None)

    assert quotas_for([june]) == {}
    assert list(quotas_for([year_end])) == [
        (award_catalogue.cstdcs.pk, sector.thads_long_an.pk, 2025)
    ]


def test_a_person_holding_a_title_twice_in_a_year_uses_one_place(
    sector, award_catalogue, unit_year, confer
):
    """Two live decisions conferring the same title of the same year on one person (an
    error to correct, but on file) take one place of the quota, not two."""
    confer(award_catalogue.cstdcs, 2025, person=unit_year[0], number="99/QĐ-THADS")
    confer(award_catalogue.ldtt, 2025, person=unit_year[0], number="98/QĐ-THADS")
    key = (award_catalogue.cstdcs.pk, sector.thads_long_an.pk, 2025)

    quota = quotas_for([(award_catalogue.cstdcs, sector.thads_long_an, 2025, None)])[key]

    assert (quota.issued, quota.base_count) == (1, 20)


def test_a_quota_already_overrun_leaves_no_place_not_a_negative_number(
    sector, award_catalogue, unit_year, confer
):
    for person in unit_year[1:5]:
        confer(award_catalogue.cstdcs, 2025, person=person)  # 5 of a quota of 3
    key = (award_catalogue.cstdcs.pk, sector.thads_long_an.pk, 2025)
    quota = quotas_for([(award_catalogue.cstdcs, sector.thads_long_an, 2025, None)])[key]

    line = QuotaLine(quota, 1).agenda_line()

    assert line.startswith(
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: còn lại 0 suất (tối đa 3"
    )


def test_a_collective_nominee_first_does_not_hide_the_people_after_it(
    sector, award_catalogue, unit_year
):
    proposal = ProposalFactory(
        proposing_unit=sector.thads_long_an,
        year=2025,
        authority=award_catalogue.cstdcs.authority,
    )
    team = NomineeFactory(
        proposal=proposal, award=award_catalogue.tt_ldtt, person=None, unit=sector.district
    )
    people = [
        NomineeFactory(proposal=proposal, award=award_catalogue.cstdcs, person=p)
        for p in unit_year[1:4]
    ]

    lines = nominee_quotas([team, *people])

    assert [str(line) for line in lines] == [
        "CSTĐCS năm 2025 của Thi hành án dân sự tỉnh Long An: 4 (đã công nhận 1, thêm 3) / "
        "tối đa 3 = 15 % của 20 LĐTT"
    ]
