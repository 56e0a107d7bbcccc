"""Totals, positions and ties of a round's ranking, in one SQL aggregation."""

from decimal import Decimal

from campaigns.models import Scorecard, ScoringRound
from campaigns.scoring.ranking import positions_text, rank_rounds
from tests.campaigns.scoring.helpers import build_sheet, fill
from tests.factories import ClusterFactory, ClusterMembershipFactory


def test_ties_share_a_position_and_the_next_is_skipped(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai)  # 200
    fill(g.year_end, g.long_an, {"2.1": 30})  # 190
    fill(g.year_end, g.tuyen_quang, {"2.2": 30})  # 190
    fill(g.year_end, g.thai_nguyen, {"2.1": 20})  # 180
    rows = rank_rounds([g.year_end.pk])[g.year_end.pk]
    assert positions_text(rows) == "1, 2, 2, 4"
    assert [r.total for r in rows] == [Decimal(200), Decimal(190), Decimal(190), Decimal(180)]
    assert [r.tied for r in rows] == [False, True, True, False]


def test_bonus_adds_penalty_subtracts_and_agreed_scores_count(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai, {"2.1": 30, "T": 5, "P": 8}, agreed={"P": 10})
    row = rank_rounds([g.year_end.pk])[g.year_end.pk][0]
    assert row.self_total == Decimal(190 + 5 - 8)
    assert row.total == Decimal(190 + 5 - 10)
    assert row.difference == Decimal(-2)


def test_drafts_and_returned_cards_are_not_ranked(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, status=Scorecard.Status.DRAFT)
    fill(g.year_end, g.tuyen_quang, status=Scorecard.Status.RETURNED)
    fill(g.year_end, g.son_la, status=Scorecard.Status.SUBMITTED)
    rows = rank_rounds([g.year_end.pk])[g.year_end.pk]
    assert [r.unit for r in rows] == [g.lao_cai, g.son_la]


def test_ranking_many_rounds_takes_the_same_few_queries(
    grouping, django_assert_num_queries, this_year
):
    """One aggregation for every round, its units and sheets; rules, targets, figures."""

    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.mid_year, g.lao_cai)
    others = []
    for n in range(3):
        cluster = ClusterFactory()
        sheet = build_sheet(year=this_year, cluster=cluster)
        scoring_round = ScoringRound.objects.create(
            cluster=cluster, sheet=sheet, year=this_year, kind="year_end"
        )
        for unit in g.units[: n + 2]:
            ClusterMembershipFactory(cluster=cluster, unit=unit, year=this_year)
            Scorecard.objects.create(round=scoring_round, unit=unit)
            fill(scoring_round, unit, {"2.1": 10 * n})
        others.append(scoring_round.pk)
    with django_assert_num_queries(6):
        ranked = rank_rounds([g.year_end.pk, g.mid_year.pk, *others])
    assert [len(ranked[pk]) for pk in others] == [2, 3, 4]
    assert all(row.grade for rows in ranked.values() for row in rows)
