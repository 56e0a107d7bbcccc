"""The registration summary in the words of the field, counted by SQL aggregation."""

from campaigns.models import Registration
from campaigns.selectors import campaign_summary, campaign_unit_rows
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)

S = Registration.Status


def test_the_summary_sentence_counts_sent_lines_against_the_units_in_scope(
    admin_user, sector, catalogue, year, django_assert_max_num_queries
):
    block = ClusterFactory(name="Khối thi đua các Chi cục THADS Long An – Vĩnh Long")
    units = [UnitFactory(name=f"Chi cục {i}", parent=sector.thads_long_an) for i in range(10)]
    for unit in units:
        ClusterMembershipFactory(cluster=block, unit=unit, year=year)
    campaign = CampaignFactory(
        scope_clusters=[block], awards=[catalogue.ldtt, catalogue.cstdcs, catalogue.tt_ldxs]
    )
    for i, unit in enumerate(units):
        status = S.ACCEPTED if i % 2 else S.SUBMITTED
        RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=unit, status=status)
    people = PersonFactory.create_batch(84)
    for i, person in enumerate(people[:44]):
        RegistrationFactory(
            campaign=campaign,
            award=catalogue.cstdcs,
            unit=units[i % 10],
            person=person,
            status=S.SUBMITTED,
        )
    for i, person in enumerate(people[44:80]):
        RegistrationFactory(
            campaign=campaign,
            award=catalogue.ldtt,
            unit=units[i % 10],
            person=person,
            status=S.ACCEPTED,
        )
    # Not counted: drafts, returned lines, a unit that left the block.
    for person in people[80:82]:
        RegistrationFactory(
            campaign=campaign, award=catalogue.ldtt, unit=units[0], person=person, status=S.DRAFT
        )
    RegistrationFactory(
        campaign=campaign,
        award=catalogue.ldtt,
        unit=units[1],
        person=people[82],
        status=S.RETURNED,
    )
    RegistrationFactory(
        campaign=campaign,
        award=catalogue.ldtt,
        unit=sector.district,
        person=people[83],
        status=S.SUBMITTED,
    )

    with django_assert_max_num_queries(4):
        summary = campaign_summary(user=admin_user, campaign=campaign, year=year)
        sentence = summary.sentence

    assert sentence == (
        "10/10 đơn vị đăng ký Tập thể lao động xuất sắc; "
        "44 cá nhân đăng ký Chiến sĩ thi đua cơ sở; "
        "36 cá nhân đăng ký Lao động tiên tiến"
    )
    ldtt = next(line for line in summary.lines if line.award == catalogue.ldtt)
    assert (ldtt.accepted, ldtt.unsent) == (36, 3)


def test_the_summary_of_a_unit_counts_its_subtree_only(
    leader_long_an, campaign, sector, catalogue, year
):
    RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district, status=S.SUBMITTED
    )
    RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.thads_lao_cai, status=S.SUBMITTED
    )
    mine = campaign_summary(user=leader_long_an, campaign=campaign, year=year)
    assert mine.sentence == "1/2 đơn vị đăng ký Tập thể lao động xuất sắc"
    office = campaign_summary(
        user=leader_long_an, campaign=campaign, year=year, unit=sector.district
    )
    assert office.sentence == "1/1 đơn vị đăng ký Tập thể lao động xuất sắc"


def test_nothing_sent_yet_says_so(admin_user, campaign, sector, catalogue, year):
    RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district)
    summary = campaign_summary(user=admin_user, campaign=campaign, year=year)
    assert summary.sentence == "Chưa có đăng ký nào được gửi"


def test_each_unit_in_scope_carries_its_counts(
    leader_long_an, campaign, sector, catalogue, five_people, year
):
    RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district, status=S.ACCEPTED
    )
    for person, status in zip(five_people, [S.SUBMITTED, S.ACCEPTED, S.DRAFT], strict=False):
        RegistrationFactory(
            campaign=campaign,
            award=catalogue.ldtt,
            unit=sector.district,
            person=person,
            status=status,
        )
    rows = {
        unit.name: (unit.collective_sent, unit.people_sent, unit.accepted, unit.unsent)
        for unit in campaign_unit_rows(user=leader_long_an, campaign=campaign, year=year)
    }
    assert rows == {
        "Thi hành án dân sự tỉnh Long An": (0, 0, 0, 0),
        "Phòng Thi hành án dân sự khu vực 1 – Long An": (1, 2, 2, 1),
    }
