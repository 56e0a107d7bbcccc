"""Self-scoring by a member unit and review by the grouping's leader or a panel."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Scorecard, ScoreEntry, ScoringRound
from campaigns.scoring.rules import sheet_in_use
from campaigns.scoring.services import rounds, scores, sheets
from campaigns.scoring.services.scores import ReviewRow, SelfRow
from campaigns.scoring.workflow import REVIEW_TRANSITIONS, ROUND_WORKFLOW, SCORECARD_WORKFLOW
from tests.campaigns.scoring.helpers import fill
from tests.factories import UnitFactory

C = Scorecard.Status
R = ScoringRound.Status
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_round_and_scorecard_tables_are_declared_once(transition_table):
    """No unit role moves a round or reviews a card: the reviewers do (``is_reviewer``)."""
    assert transition_table(ROUND_WORKFLOW) == {
        "close": ({R.OPEN}, R.REVIEW, set(), False),
        "reopen": ({R.REVIEW}, R.OPEN, set(), False),
        "finalise": ({R.REVIEW}, R.FINALISED, set(), False),
    }
    assert transition_table(SCORECARD_WORKFLOW) == {
        "submit": ({C.DRAFT, C.RETURNED}, C.SUBMITTED, {"staff", "leader"}, False),
        "return": ({C.SUBMITTED}, C.RETURNED, set(), True),
        "review": ({C.SUBMITTED}, C.REVIEWED, set(), False),
        "reopen": ({C.REVIEWED}, C.SUBMITTED, set(), False),
    }
    assert {"return", "review", "reopen"} == REVIEW_TRANSITIONS


def _items(grouping):
    return {i.code: i for i in grouping.sheet.items.all()}


def _save(user, grouping, unit, rows, *, kind="mid_year", submit=False):
    scoring_round = getattr(grouping, kind)
    return scores.scorecard_save_self(
        by=user, scoring_round=scoring_round, unit=unit, rows=rows, submit=submit
    )


def _complete(items, **overrides):
    values = {"1.1": 85, "1.2": 65, "1.3": 20, "2.1": 40, "2.2": 40, **overrides}
    return [
        SelfRow(item=items[code], actual=Decimal(v))
        if items[code].is_target
        else SelfRow(item=items[code], score=Decimal(v))
        for code, v in values.items()
    ]


def test_a_score_above_the_maximum_or_below_zero_is_refused(grouping, staff_long_an_province):
    items = _items(grouping)
    rows = [
        SelfRow(item=items["2.1"], score=Decimal("40.5")),
        SelfRow(item=items["2.2"], score=Decimal(-1)),
        SelfRow(item=items["T"], score=Decimal(6)),
    ]
    with pytest.raises(ValidationError) as refused:
        _save(staff_long_an_province, grouping, grouping.long_an, rows)
    assert refused.value.messages == [
        "2.1: điểm tự chấm 40,5 vượt điểm tối đa 40 của tiêu chí.",
        "2.2: điểm tự chấm không được âm.",
        "T: điểm tự chấm 6 vượt điểm tối đa 5 của tiêu chí.",
    ]
    assert not ScoreEntry.objects.exists()


def test_a_percentage_above_100_is_refused(grouping, staff_long_an_province):
    items = _items(grouping)
    with pytest.raises(ValidationError, match="tỷ lệ không thể vượt 100 %"):
        _save(
            staff_long_an_province,
            grouping,
            grouping.long_an,
            [SelfRow(item=items["1.1"], actual=Decimal(120))],
        )


def test_target_criteria_are_scored_from_the_actual_figure(grouping, staff_long_an_province):
    items = _items(grouping)
    card = _save(
        staff_long_an_province,
        grouping,
        grouping.long_an,
        [
            SelfRow(item=items["1.1"], actual=Decimal(60), score=Decimal(40)),  # score ignored
            SelfRow(item=items["1.3"], actual=Decimal(35)),  # above the 30 % ceiling
        ],
    )
    entries = {e.item.code: e for e in card.entries.select_related("item")}
    assert entries["1.1"].self_score == Decimal("30.00")
    assert entries["1.3"].self_score == Decimal("0.00")


def test_a_unit_outside_the_grouping_is_refused(grouping, admin_user, sector):
    outsider = UnitFactory(name="Sở Tư pháp tỉnh Điện Biên", parent=sector.ministry)
    items = _items(grouping)
    with pytest.raises(ValidationError) as refused:
        _save(admin_user, grouping, outsider, [SelfRow(item=items["2.1"], score=Decimal(30))])
    assert refused.value.messages == [
        f"{outsider} không phải thành viên {grouping.cluster} năm {grouping.sheet.year} "
        "nên không chấm điểm trong đợt này."
    ]


def test_staff_of_another_unit_cannot_score_for_it(grouping, staff_lao_cai):
    items = _items(grouping)
    with pytest.raises(ValidationError, match="không có quyền chấm điểm cho"):
        _save(staff_lao_cai, grouping, grouping.long_an, [SelfRow(item=items["2.1"])])


def test_a_closed_round_takes_no_more_drafts_but_takes_returned_cards(
    grouping, staff_long_an_province
):
    items = _items(grouping)
    ScoringRound.objects.filter(pk=grouping.mid_year.pk).update(status="review")
    grouping.mid_year.refresh_from_db()
    with pytest.raises(ValidationError, match="Đã hết thời gian tự chấm"):
        _save(staff_long_an_province, grouping, grouping.long_an, _complete(items))
    Scorecard.objects.filter(round=grouping.mid_year, unit=grouping.long_an).update(
        status=C.RETURNED
    )
    card = _save(staff_long_an_province, grouping, grouping.long_an, _complete(items), submit=True)
    assert card.status == C.SUBMITTED


def test_a_finalised_round_is_read_only(grouping, staff_long_an_province, leader_lao_cai):
    items = _items(grouping)
    fill(grouping.year_end, grouping.long_an, status=C.REVIEWED)
    ScoringRound.objects.filter(pk=grouping.year_end.pk).update(status="finalised")
    grouping.year_end.refresh_from_db()
    with pytest.raises(ValidationError, match="đã chốt kết quả: chỉ xem"):
        _save(staff_long_an_province, grouping, grouping.long_an, _complete(items), kind="year_end")
    card = Scorecard.objects.get(round=grouping.year_end, unit=grouping.long_an)
    with pytest.raises(ValidationError, match="đã chốt kết quả"):
        scores.scorecard_transition(by=leader_lao_cai, scorecard=card, name="reopen")
    with pytest.raises(ValidationError, match="Không thể"):
        rounds.round_transition(by=leader_lao_cai, scoring_round=grouping.year_end, name="reopen")


def test_submitting_needs_every_criterion_scored(grouping, staff_long_an_province):
    items = _items(grouping)
    rows = [r for r in _complete(items) if r.item.code not in ("1.2", "2.2")]
    with pytest.raises(ValidationError, match=r"Chưa chấm 2 tiêu chí: 1\.2, 2\.2"):
        _save(staff_long_an_province, grouping, grouping.long_an, rows, submit=True)
    card = _save(staff_long_an_province, grouping, grouping.long_an, _complete(items), submit=True)
    assert card.status == C.SUBMITTED and card.submitted_at is not None
    with pytest.raises(ValidationError, match="đã gửi thẩm định"):
        _save(staff_long_an_province, grouping, grouping.long_an, _complete(items))


def test_evidence_files_are_checked_by_content(grouping, staff_long_an_province):
    items = _items(grouping)
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError, match="không phải là"):
        _save(
            staff_long_an_province,
            grouping,
            grouping.long_an,
            [SelfRow(item=items["2.1"], score=Decimal(30), attachment=fake)],
        )
    photo = SimpleUploadedFile("anh-hoi-nghi.png", PNG, content_type="image/png")
    card = _save(
        staff_long_an_province,
        grouping,
        grouping.long_an,
        [SelfRow(item=items["2.1"], score=Decimal(30), attachment=photo)],
    )
    entry = card.entries.get(item=items["2.1"])
    assert entry.attachment_name == "anh-hoi-nghi.png"
    assert entry.attachment.name.endswith(".png") and "anh-hoi-nghi" not in entry.attachment.name
    assert io.BytesIO(entry.attachment.read()).read(8) == PNG[:8]


def test_the_attachment_is_served_to_the_grouping_once_sent(
    grouping, staff_long_an_province, leader_lao_cai, staff_lao_cai, login
):

    items = _items(grouping)
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    card = _save(
        staff_long_an_province,
        grouping,
        grouping.long_an,
        [*_complete(items)[:4], SelfRow(item=items["2.2"], score=Decimal(40), attachment=photo)],
    )
    url = reverse("campaigns:scoring_attachment", args=[card.entries.get(item=items["2.2"]).pk])
    assert login(staff_long_an_province).get(url).status_code == 200
    assert login(leader_lao_cai).get(url).status_code == 404  # still a draft
    scores.scorecard_transition(by=staff_long_an_province, scorecard=card, name="submit")
    response = login(leader_lao_cai).get(url)
    assert response.status_code == 200
    assert 'filename="anh.png"' in response["Content-Disposition"]


# --- Review ----------------------------------------------------------------------------------


def test_the_leader_units_leader_reviews_and_comments_changes(grouping, leader_lao_cai):
    items = _items(grouping)
    card = fill(grouping.year_end, grouping.long_an, status=C.SUBMITTED)
    with pytest.raises(ValidationError, match="cần ghi ý kiến"):
        scores.scorecard_save_review(
            by=leader_lao_cai,
            scorecard=card,
            rows=[ReviewRow(item=items["2.1"], agreed=Decimal(30))],
        )
    scores.scorecard_save_review(
        by=leader_lao_cai,
        scorecard=card,
        rows=[
            ReviewRow(item=items["2.1"], agreed=Decimal(30), comment="Thiếu báo cáo quý IV."),
            ReviewRow(item=items["1.2"], agreed_actual=Decimal(45), comment="Theo số liệu Cục."),
        ],
        finish=True,
    )
    card.refresh_from_db()
    assert card.status == C.REVIEWED
    agreed = {e.item.code: e.agreed for e in card.entries.select_related("item")}
    assert agreed["2.1"] == Decimal(30)
    assert agreed["1.2"] == Decimal("30.00")  # 45/60 × 40
    assert agreed["2.2"] == Decimal(40)  # kept


def test_an_agreed_score_above_the_maximum_is_refused(grouping, leader_lao_cai):
    items = _items(grouping)
    card = fill(grouping.year_end, grouping.long_an, status=C.SUBMITTED)
    with pytest.raises(ValidationError, match="điểm thẩm định 41 vượt điểm tối đa 40"):
        scores.scorecard_save_review(
            by=leader_lao_cai,
            scorecard=card,
            rows=[ReviewRow(item=items["2.1"], agreed=Decimal(41), comment="x")],
        )


def test_who_may_review(grouping, leader_lao_cai, leader_long_an, panel_user, admin_user):
    items = _items(grouping)
    own = fill(grouping.year_end, grouping.lao_cai, status=C.SUBMITTED)
    other = fill(grouping.year_end, grouping.tuyen_quang, status=C.SUBMITTED)
    row = [ReviewRow(item=items["2.1"], agreed=Decimal(40))]
    with pytest.raises(ValidationError, match="không có quyền thẩm định"):
        scores.scorecard_save_review(by=leader_long_an, scorecard=other, rows=row)
    with pytest.raises(ValidationError, match="không có quyền thẩm định"):
        scores.scorecard_save_review(by=leader_lao_cai, scorecard=own, rows=row)
    with pytest.raises(ValidationError, match="không có quyền thẩm định"):
        scores.scorecard_save_review(by=panel_user, scorecard=own, rows=row)
    grouping.year_end.panel.add(panel_user)
    scores.scorecard_save_review(by=panel_user, scorecard=own, rows=row)
    scores.scorecard_transition(by=admin_user, scorecard=other, name="review")
    other.refresh_from_db()
    assert other.status == C.REVIEWED


@pytest.mark.parametrize("name", ["close", "finalise"])
def test_only_reviewers_move_a_round(grouping, leader_long_an, staff_lao_cai, name):
    """A member unit's leader, and the leader unit's staff, are no reviewers."""
    g = grouping
    if name == "finalise":
        ScoringRound.objects.filter(pk=g.year_end.pk).update(status=R.REVIEW)
        g.year_end.refresh_from_db()
    before = g.year_end.status
    for actor in (leader_long_an, staff_lao_cai):
        with pytest.raises(ValidationError, match="Bạn không có quyền") as refused:
            rounds.round_transition(by=actor, scoring_round=g.year_end, name=name)
        assert refused.value.code == "role"
    assert ScoringRound.objects.get(pk=g.year_end.pk).status == before


def test_a_member_cannot_review_its_own_card_nor_a_reviewer_send_it(
    grouping, leader_long_an, staff_lao_cai, leader_lao_cai
):
    card = fill(grouping.year_end, grouping.long_an, status=C.SUBMITTED)
    for actor in (leader_long_an, staff_lao_cai):
        with pytest.raises(ValidationError, match="Bạn không có quyền hoàn thành thẩm định"):
            scores.scorecard_transition(by=actor, scorecard=card, name="review")
    scores.scorecard_transition(
        by=leader_lao_cai, scorecard=card, name="return", comment="Thiếu minh chứng."
    )
    with pytest.raises(ValidationError, match="Bạn không có quyền gửi thẩm định"):
        scores.scorecard_transition(by=leader_lao_cai, scorecard=card, name="submit")
    assert Scorecard.objects.get(pk=card.pk).status == C.RETURNED


def test_returning_needs_a_reason(grouping, leader_lao_cai):
    card = fill(grouping.year_end, grouping.long_an, status=C.SUBMITTED)
    with pytest.raises(ValidationError, match="Cần ghi rõ lý do"):
        scores.scorecard_transition(by=leader_lao_cai, scorecard=card, name="return")
    scores.scorecard_transition(
        by=leader_lao_cai, scorecard=card, name="return", comment="Thiếu minh chứng mục 2.2."
    )
    card.refresh_from_db()
    assert card.status == C.RETURNED


def test_finalising_waits_for_every_sent_card(grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.lao_cai, status=C.REVIEWED)
    fill(g.year_end, g.long_an, status=C.SUBMITTED)
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="close")
    with pytest.raises(
        ValidationError, match="Còn 1 đơn vị chưa thẩm định xong: Thi hành án dân sự tỉnh Long An"
    ):
        rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    card = Scorecard.objects.get(round=g.year_end, unit=g.long_an)
    scores.scorecard_transition(by=leader_lao_cai, scorecard=card, name="review")
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    assert g.year_end.status == ScoringRound.Status.FINALISED


def test_opening_a_round_gives_each_member_a_scorecard(
    grouping, leader_lao_cai, leader_long_an, admin_user, panel_user, this_year
):

    g = grouping
    next_year = sheets.sheet_copy(by=admin_user, source=g.sheet, year=this_year)
    next_year.cluster = None
    next_year.save()
    with pytest.raises(ValidationError, match="chưa được ban hành"):
        rounds.round_create(by=leader_lao_cai, cluster=g.cluster, sheet=next_year, kind="mid_year")
    with pytest.raises(ValidationError, match="Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng"):
        rounds.round_create(by=leader_long_an, cluster=g.cluster, sheet=g.sheet, kind="mid_year")
    with pytest.raises(ValidationError, match="đã có đợt sơ kết 6 tháng"):
        rounds.round_create(by=leader_lao_cai, cluster=g.cluster, sheet=g.sheet, kind="mid_year")
    with pytest.raises(ValidationError, match="Chỉ quản trị viên mới chỉ định tổ chấm điểm"):
        rounds.round_create(
            by=leader_lao_cai,
            cluster=g.cluster,
            sheet=g.sheet,
            kind="mid_year",
            panel=[panel_user],
        )
    ScoringRound.objects.filter(pk=g.mid_year.pk).delete()
    created = rounds.round_create(
        by=admin_user, cluster=g.cluster, sheet=g.sheet, kind="mid_year", panel=[panel_user]
    )
    assert created.scorecards.count() == 6
    assert list(created.panel.all()) == [panel_user]


def test_saving_an_empty_form_does_not_put_the_sheet_in_use(grouping, staff_long_an_province):

    items = _items(grouping)
    _save(
        staff_long_an_province,
        grouping,
        grouping.long_an,
        [SelfRow(item=i) for i in items.values() if i.is_scored],
    )
    assert not sheet_in_use(grouping.sheet)
    _save(
        staff_long_an_province,
        grouping,
        grouping.long_an,
        [SelfRow(item=items["T"], score=Decimal(2))],
    )
    assert sheet_in_use(grouping.sheet)
