"""Opening a round, returning or reviewing a scorecard and finalising the round tell the
units concerned in-app (awards listens to the scoring signals), after the change is
committed, with a link to the round or the unit's scorecard; no other unit is told."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import Notification
from campaigns.models import Scorecard, ScoringRound
from campaigns.scoring.services import rounds, scores
from tests.campaigns.scoring.helpers import fill
from tests.factories import ClusterMembershipFactory, UnitFactory
from units.models import AgencyType, ClusterName

C = Scorecard.Status


def _told(unit=None):
    rows = Notification.objects.all() if unit is None else Notification.objects.filter(unit=unit)
    return list(rows.order_by("unit__name").values_list("unit__name", "text", "link"))


def test_opening_a_round_tells_each_member_and_no_one_else(
    grouping, leader_lao_cai, this_year, django_capture_on_commit_callbacks
):
    g = grouping
    justice = UnitFactory(name="Sở Tư pháp tỉnh Lào Cai", agency_type=AgencyType.JUSTICE_DEPT)
    ClusterMembershipFactory(cluster=g.cluster, unit=justice, year=this_year)  # not this sheet's
    ScoringRound.objects.filter(pk=g.mid_year.pk).delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = rounds.round_create(
            by=leader_lao_cai,
            cluster=g.cluster,
            sheet=g.sheet,
            kind="mid_year",
            deadline=datetime.date(this_year, 7, 15),
        )
    assert not Notification.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    link = reverse("campaigns:scoring_round", args=[created.pk])
    text = (
        f"Đã mở đợt chấm điểm “Sơ kết 6 tháng {this_year} – {g.cluster.name}”: đơn vị tự "
        f"chấm điểm và gửi thẩm định trước hết ngày 15/07/{this_year}."
    )
    assert _told() == sorted((u.name, text, link) for u in g.units)
    assert _told(justice) == [] and _told(g.lao_cai.parent) == []


def test_a_returned_unit_is_told_why(
    grouping, leader_lao_cai, staff_long_an_province, login, django_capture_on_commit_callbacks
):
    g = grouping
    card = fill(g.year_end, g.long_an, status=C.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        scores.scorecard_transition(
            by=leader_lao_cai, scorecard=card, name="return", comment="Thiếu minh chứng mục 2.2."
        )
    link = reverse("campaigns:scoring_scorecard", args=[g.year_end.pk, g.long_an.pk])
    text = (
        f"Phiếu chấm điểm của Thi hành án dân sự tỉnh Long An trong đợt “Tổng kết năm "
        f"{g.year_end.year} – {g.cluster.name}” bị trả lại để chấm lại. "
        "Lý do: Thiếu minh chứng mục 2.2."
    )
    assert _told() == [(g.long_an.name, text, link)]
    page = login(staff_long_an_province).get(reverse("awards:notifications")).content.decode()
    assert f'<a href="{link}">{text}</a>' in page


def test_reviewing_a_card_tells_its_unit(
    grouping, leader_lao_cai, django_capture_on_commit_callbacks
):
    g = grouping
    card = fill(g.year_end, g.son_la, status=C.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        scores.scorecard_save_review(by=leader_lao_cai, scorecard=card, rows=[], finish=True)
    assert _told() == [
        (
            g.son_la.name,
            f"Phiếu chấm điểm của Thi hành án dân sự tỉnh Sơn La trong đợt “Tổng kết năm "
            f"{g.year_end.year} – {g.cluster.name}” đã được thẩm định.",
            reverse("campaigns:scoring_scorecard", args=[g.year_end.pk, g.son_la.pk]),
        )
    ]


def test_finalising_tells_every_member_under_the_name_of_that_year(
    grouping, leader_lao_cai, this_year, django_capture_on_commit_callbacks
):
    g = grouping
    ClusterName.objects.create(
        cluster=g.cluster, name="Khối thi đua số 3", used_until=datetime.date(this_year, 12, 31)
    )
    g.cluster.name = "Khối thi đua các cơ quan THADS vùng Tây Bắc"
    g.cluster.save()
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    text = (
        f"Đợt chấm điểm “Tổng kết năm {this_year} – Khối thi đua số 3” đã chốt kết quả: "
        "xem xếp hạng và xếp loại."
    )
    link = reverse("campaigns:scoring_round", args=[g.year_end.pk])
    assert _told() == sorted((u.name, text, link) for u in g.units)


def test_a_refused_transition_tells_no_one(
    grouping, leader_lao_cai, django_capture_on_commit_callbacks
):
    g = grouping
    fill(g.year_end, g.long_an, status=C.SUBMITTED)
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="chưa thẩm định xong"),
    ):
        rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    assert not Notification.objects.exists()


def test_reopening_self_scoring_tells_the_members(
    grouping, leader_lao_cai, this_year, django_capture_on_commit_callbacks
):
    g = grouping
    ScoringRound.objects.filter(pk=g.mid_year.pk).update(status=ScoringRound.Status.REVIEW)
    g.mid_year.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        rounds.round_transition(by=leader_lao_cai, scoring_round=g.mid_year, name="reopen")
    text = (
        f"Đợt chấm điểm “Sơ kết 6 tháng {this_year} – {g.cluster.name}” đã mở lại tự chấm: "
        "đơn vị có thể sửa phiếu chấm."
    )
    link = reverse("campaigns:scoring_round", args=[g.mid_year.pk])
    assert _told() == sorted((u.name, text, link) for u in g.units)
