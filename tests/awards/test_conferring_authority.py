"""An award has the authorities that may confer it, per rule version; a mismatch is refused.

"Tập thể lao động xuất sắc" (TTLĐXS): the Minister of Justice or a provincial Chairman
(Law 06/2022/QH15 Art. 79); "Lao động tiên tiến": the head of a unit only.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.catalogue.conferring import (
    ConferringRules,
    awards_conferrable_by,
    check_may_confer,
    may_confer,
)
from awards.catalogue.models import Authority, Award, AwardRule
from awards.catalogue.seed import seed_catalogue
from awards.forms import NomineeForm
from awards.models import Conferment, Nominee
from tests.factories import (
    DecisionFactory,
    NomineeFactory,
    PersonFactory,
    ProposalFactory,
    UnitFactory,
    UnitRoleFactory,
)
from tests.seeded_catalogue import seeded_catalogue
from units.models import AgencyType, UnitRole

D = datetime.date


@pytest.fixture(name="catalogue")
def catalogue_fixture(db):
    seeded_catalogue()
    awards = {a.code: a for a in Award.objects.select_related("authority")}
    authorities = {a.code: a for a in Authority.objects.all()}
    return awards, authorities


@pytest.fixture(name="province")
def province_fixture(sector, catalogue):
    """Long An's People's Committee (outside the sector) and its justice department."""
    ubnd = UnitFactory(name="Ủy ban nhân dân tỉnh Long An", agency_type=AgencyType.EXTERNAL)
    department = UnitFactory(name="Sở Tư pháp tỉnh Long An", parent=sector.ministry)
    _awards, authorities = catalogue
    decision = DecisionFactory(
        authority=authorities["chu-tich-ubnd-tinh"],
        issuing_unit=ubnd,
        number="245/QĐ-UBND",
        year=2025,
        signed_on=D(2025, 1, 20),
        signer_position="Chủ tịch",
    )
    return ubnd, department, decision


def test_the_seed_gives_every_ttldxs_version_the_minister_and_the_chairman(catalogue):
    awards, _authorities = catalogue
    # An older regime's version added later (another engineer's data) gets them on re-seed.
    AwardRule.objects.create(
        award=awards["tt-ldxs"], effective_from=D(2018, 7, 21), effective_to=D(2023, 12, 31)
    )
    seed_catalogue()
    versions = AwardRule.objects.filter(award__code="tt-ldxs")
    assert versions.count() >= 3
    for rule in versions:
        assert {a.code for a in rule.conferring_authorities.all()} == {
            "bo-truong-btp",
            "chu-tich-ubnd-tinh",
        }, rule
    # Every other award keeps its own authority only (an empty list).
    others = AwardRule.objects.exclude(award__code="tt-ldxs")
    assert not others.filter(conferring_authorities__isnull=False).exists()


def test_an_administrators_choice_survives_a_second_seed(catalogue):
    awards, authorities = catalogue
    rule = awards["tt-ldxs"].rules.order_by("-effective_from").first()
    rule.conferring_authorities.set([authorities["bo-truong-btp"]])
    result = seed_catalogue()
    assert list(rule.conferring_authorities.values_list("code", flat=True)) == ["bo-truong-btp"]
    assert result["conferring_authorities"]["updated"] == 0


def test_may_confer_follows_the_rule_version_of_the_day(catalogue):
    awards, authorities = catalogue
    chairman, minister = authorities["chu-tich-ubnd-tinh"], authorities["bo-truong-btp"]
    assert may_confer(awards["tt-ldxs"], chairman, on=D(2025, 1, 20))
    assert may_confer(awards["tt-ldxs"], minister, on=D(2025, 1, 20))
    assert not may_confer(awards["ldtt"], chairman, on=D(2025, 1, 20))
    assert may_confer(awards["ldtt"], authorities["thu-truong-don-vi"], on=D(2025, 1, 20))
    # No rule version on that day: the award's own authority only.
    assert not may_confer(awards["tt-ldxs"], chairman, on=D(2005, 6, 1))
    assert may_confer(awards["tt-ldxs"], minister, on=D(2005, 6, 1))


def test_the_refusal_names_award_authority_day_and_who_may(catalogue):
    awards, authorities = catalogue
    with pytest.raises(ValidationError) as error:
        check_may_confer(
            award=awards["ldtt"], authority=authorities["chu-tich-ubnd-tinh"], on=D(2025, 1, 20)
        )
    assert error.value.code == "authority"
    assert error.value.messages == [
        "«Lao động tiên tiến» không do «Chủ tịch Ủy ban nhân dân tỉnh» tặng theo quy định "
        "áp dụng ngày 20/01/2025 (cấp có thẩm quyền: Thủ trưởng đơn vị)."
    ]


def test_many_rows_are_checked_with_three_queries(catalogue, django_assert_num_queries):
    awards, authorities = catalogue
    chairman = authorities["chu-tich-ubnd-tinh"]
    with django_assert_num_queries(3):
        rules = ConferringRules.load()
    with django_assert_num_queries(0):
        verdicts = [
            rules.allows(awards[code].pk, chairman.pk, D(year, 3, 1))
            for code in ("tt-ldxs", "ldtt", "bk-ubnd-tap-the")
            for year in range(2024, 2027)
        ]
    assert verdicts == [True] * 3 + [False] * 3 + [True] * 3


def test_a_conferment_on_a_decision_of_another_authority_is_invalid(catalogue, province):
    awards, _authorities = catalogue
    _ubnd, department, decision = province
    wrong = Conferment(decision=decision, award=awards["cstd-nganh"], unit=department, year=2024)
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "«Chiến sĩ thi đua ngành Tư pháp» không do «Chủ tịch Ủy ban nhân dân tỉnh»" in str(
        error.value
    )
    right = Conferment(decision=decision, award=awards["tt-ldxs"], unit=department, year=2024)
    right.full_clean()


def _admin_post(decision, award, unit) -> dict:
    return {
        "decision": decision.pk,
        "award": award.pk,
        "unit": unit.pk,
        "year": 2024,
        "position": "",
        "achievement": "",
        "cash_amount": "",
    }


def test_the_admin_refuses_a_mismatched_authority_and_keeps_the_input(
    admin_user, login, catalogue, province
):
    awards, _authorities = catalogue
    _ubnd, department, decision = province
    client = login(admin_user)
    url = reverse("admin:awards_conferment_add")
    response = client.post(url, _admin_post(decision, awards["cstd-nganh"], department))
    assert response.status_code == 200
    assert "không do «Chủ tịch Ủy ban nhân dân tỉnh» tặng" in response.content.decode()
    assert not Conferment.objects.exists()
    response = client.post(url, _admin_post(decision, awards["tt-ldxs"], department))
    assert response.status_code == 302
    assert Conferment.objects.get().award.code == "tt-ldxs"


def test_a_proposal_to_the_chairman_takes_ttldxs_and_refuses_the_ministers_forms(
    catalogue, province
):
    awards, authorities = catalogue
    ubnd, department, _decision = province
    staff = UnitRoleFactory(unit=department, role=UnitRole.Role.STAFF).user
    proposal = services.proposal_create(
        by=staff,
        proposing_unit=department,
        authority=authorities["chu-tich-ubnd-tinh"],
        authority_unit=ubnd,
        year=2025,
        title="Đề nghị UBND tỉnh tặng danh hiệu Tập thể lao động xuất sắc năm 2025",
    )
    nominee = services.nominee_add(
        proposal=proposal, by=staff, award=awards["tt-ldxs"], unit=department
    )
    assert nominee.award.code == "tt-ldxs"
    with pytest.raises(ValidationError) as error:
        services.nominee_add(
            proposal=proposal, by=staff, award=awards["bk-bo-tap-the"], unit=department
        )
    assert error.value.code == "authority"
    offered = set(
        NomineeForm(proposal=proposal).fields["award"].queryset.values_list("code", flat=True)
    )
    assert {"tt-ldxs", "bk-ubnd-ca-nhan", "bk-ubnd-tap-the"} <= offered
    assert not offered & {"bk-bo-tap-the", "cstd-nganh", "ldtt"}


def test_the_picker_and_the_check_agree(catalogue):
    _awards, authorities = catalogue
    day = D(2025, 8, 1)
    rules = ConferringRules.load()
    for authority in authorities.values():
        picked = set(awards_conferrable_by(authority, on=day).values_list("pk", flat=True))
        allowed = {pk for pk in rules.own if rules.allows(pk, authority.pk, day)}
        assert picked == allowed, authority


def test_a_chairmans_decision_confers_ttldxs_and_refuses_a_ministers_title(
    admin_user, catalogue, province
):
    awards, authorities = catalogue
    ubnd, department, _decision = province
    proposal = ProposalFactory(
        proposing_unit=department,
        authority=authorities["chu-tich-ubnd-tinh"],
        authority_unit=ubnd,
        year=2025,
    )
    passed = Nominee.Result.PASSED
    ttldxs = NomineeFactory(
        proposal=proposal, award=awards["tt-ldxs"], person=None, unit=department, result=passed
    )
    foreign = NomineeFactory(
        proposal=proposal, award=awards["cstd-nganh"], person=PersonFactory(), result=passed
    )
    fields = {
        "by": admin_user,
        "authority": authorities["chu-tich-ubnd-tinh"],
        "issuing_unit": ubnd,
        "signed_on": D(2026, 1, 20),
        "signer_name": "Nguyễn Văn Út",
        "signer_position": "Chủ tịch",
    }
    draft = services.decision_draft(number="12/QĐ-UBND", recipients=[ttldxs], **fields)
    assert list(draft.recipients.all()) == [ttldxs]
    with pytest.raises(ValidationError) as error:
        services.decision_draft(number="13/QĐ-UBND", recipients=[foreign], **fields)
    assert "«Chiến sĩ thi đua ngành Tư pháp» không do «Chủ tịch Ủy ban nhân dân tỉnh» tặng" in (
        " ".join(error.value.messages)
    )
