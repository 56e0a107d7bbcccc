"""The review as an Excel workbook: every unit × every item with group subtotals, the
penalty as a deduction, total, rank (ties marked), grade and the signature block; a member
sees only what the sheet's visibility lets it see."""

import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import Scorecard, ScoringRound
from tests.campaigns.scoring.helpers import fill
from tests.factories import UnitRoleFactory, UserFactory

C = Scorecard.Status


def _rows(client, scoring_round):
    response = client.get(reverse("campaigns:scoring_round_review_excel", args=[scoring_round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _line(rows, name):
    return next(r for r in rows if r[1] == name)


@pytest.fixture
def scored(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai, {"P": 2})  # 198
    fill(g.year_end, g.long_an, {"2.1": 38})  # 198: tied first
    fill(g.year_end, g.tuyen_quang, {"2.2": 30})  # 190
    return g


def test_the_reviewer_gets_every_unit_and_item(scored, leader_lao_cai, login):
    g = scored
    rows = _rows(login(leader_lao_cai), g.year_end)
    text = "\n".join(str(c) for r in rows for c in r if c is not None)
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA TỔNG KẾT NĂM" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ĐƠN VỊ TRƯỞNG KHỐI" in text
    header = next(r for r in rows if r[1] == "Đơn vị")
    codes = [str(c).split("\n")[0] for c in header[3:12]]
    assert codes == ["I", "1.1", "1.2", "1.3", "II", "2.1", "2.2", "T (+)", "P (−)"]
    lao_cai = _line(rows, "Thi hành án dân sự tỉnh Lào Cai")
    assert lao_cai[3] == 120 and lao_cai[7] == 80  # group subtotals
    assert lao_cai[11] == -2  # the penalty, deducted
    assert lao_cai[12:15] == [198, "1 (đồng hạng)", "A"]
    assert _line(rows, "Thi hành án dân sự tỉnh Tuyên Quang")[12:14] == [190, "3"]


def test_a_member_sees_its_own_line_then_the_others_totals_without_their_items(
    scored, leader_lao_cai, login
):
    g = scored
    member = UserFactory(username="staff_tuyen_quang")
    UnitRoleFactory(user=member, unit=g.tuyen_quang, role="staff")
    client = login(member)
    rows = _rows(client, g.year_end)
    assert [r[1] for r in rows if r[1] and r[1].startswith("Thi hành án")] == [
        "Thi hành án dân sự tỉnh Tuyên Quang"
    ]
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.FINALISED)
    rows = _rows(client, g.year_end)
    lao_cai = _line(rows, "Thi hành án dân sự tỉnh Lào Cai")
    assert lao_cai[12] == 198 and lao_cai[14] == "A"
    assert all(v is None for v in lao_cai[3:12])  # not its items
    assert _line(rows, "Thi hành án dân sự tỉnh Tuyên Quang")[3] == 120
