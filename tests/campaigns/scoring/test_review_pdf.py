"""The review's result as a PDF in the official form, read back with pypdf: masthead,
number, every unit × every item, total, rank with ties, grade, the suggestions with ties
and drops, the signature; a member sees only what the sheet's visibility lets it see."""

import pytest
from django.urls import reverse

from awards.services import suggestions
from campaigns.models import AwardSuggestion, Scorecard, ScoringRound
from campaigns.scoring.services import rounds
from tests.campaigns.scoring.helpers import fill
from tests.factories import UnitRoleFactory, UserFactory
from tests.thidua.pdf_helpers import text_of

C = Scorecard.Status


def _pdf(client, scoring_round) -> str:
    response = client.get(reverse("campaigns:scoring_round_review_pdf", args=[scoring_round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return text_of(response.content)


@pytest.fixture
def scored(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai, {"P": 2})  # 198
    fill(g.year_end, g.long_an, {"2.1": 38})  # 198: tied first
    fill(g.year_end, g.tuyen_quang, {"2.2": 30})  # 190
    return g


def test_the_reviewer_gets_the_official_result_with_ties_and_drops(
    scored, leader_lao_cai, login, this_year
):
    g = scored
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    flag = AwardSuggestion.objects.get(round=g.year_end, unit=g.long_an, award__code="co-nganh")
    suggestions.suggestion_decide(
        by=leader_lao_cai, suggestion=flag, name="drop", comment="Hội nghị suy tôn Lào Cai."
    )
    text = _pdf(login(leader_lao_cai), g.year_end)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert g.cluster.name.upper() in text and "Số: /BC-KTĐ" in text
    assert "Lào Cai, ngày" in text and f"năm {this_year}" in text
    assert f"Kết quả chấm điểm, xếp hạng thi đua tổng kết năm {this_year}" in text
    assert "Khối có 6 đơn vị được chấm điểm; 3 đơn vị đã gửi phiếu tự chấm" in text
    assert "I 1.1 1.2 1.3 II 2.1 2.2 T (+) P (−)" in text
    # Lào Cai: self 198; groups 120 and 80; the penalty deducted; total, shared first, A.
    assert "Thi hành án dân sự tỉnh Lào Cai 198 120 40 40 40 80 40 40 -2 198 1 (đồng hạng) A" in (
        text
    )
    assert "Thi hành án dân sự tỉnh Tuyên Quang 190 120 40 40 40 70 40 30 190 3 B" in text
    assert "Cờ thi đua ngành Tư pháp: Thi hành án dân sự tỉnh Long An (đồng hạng 1, loại A)" in text
    assert "– đã bỏ: Hội nghị suy tôn Lào Cai. -" in text
    assert "ĐƠN VỊ TRƯỞNG KHỐI THI HÀNH ÁN DÂN SỰ TỈNH LÀO CAI" in text
    assert "Nơi nhận:" in text


def test_a_member_sees_only_its_own_line_before_the_round_is_final(scored, login):
    g = scored
    member = UserFactory(username="staff_tuyen_quang")
    UnitRoleFactory(user=member, unit=g.tuyen_quang, role="staff")
    text = _pdf(login(member), g.year_end)
    assert "Kết quả tạm tính: đợt chấm điểm chưa chốt." in text
    assert "Thi hành án dân sự tỉnh Tuyên Quang 190" in text
    assert "Thi hành án dân sự tỉnh Lào Cai 198" not in text


def test_another_groupings_round_is_not_found(scored, login, sector):
    outsider = UserFactory(username="outsider")
    UnitRoleFactory(user=outsider, unit=sector.district, role="staff")
    response = login(outsider).get(
        reverse("campaigns:scoring_round_review_pdf", args=[scored.year_end.pk])
    )
    assert response.status_code == 404
