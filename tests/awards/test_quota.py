"""Quotas enforced where they bite: issuing a decision, the council's agenda, the
registration summary and the eligibility view all count against the rule's quota."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.catalogue.models import QuotaEnforcement
from awards.models import Conferment, Decision, Nominee
from tests.factories import NomineeFactory, PersonFactory, ProposalFactory
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


def _passed(award, people, unit, year=2025):
    proposal = ProposalFactory(proposing_unit=unit, authority=award.authority, year=year)
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
