"""Journey: a grouping's year. The office copies last year's membership and removes a unit
that left; the sheet says the grouping's leader proposes for the grouping; two units
self-score; the leader unit returns one card with a reason, which the unit reads and
resubmits; the cards are reviewed; the round is finalised after a confirmation; the two
units tie for first and the flag is left to the conference; the leader unit's leader accepts
one of them into the grouping's proposal, which the member sees without opening it; the
review is downloaded as Excel and as a PDF."""

import io
from pathlib import Path

import openpyxl
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.catalogue.models import Award
from campaigns.models import AwardSuggestion, Scorecard, ScoreSheet, ScoringRound
from campaigns.scoring.services import scores
from campaigns.scoring.services.scores import SelfRow
from tests.campaigns.scoring.helpers import build_sheet
from tests.e2e.a11y import assert_accessible
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    UnitFactory,
)
from tests.thidua.pdf_helpers import text_of
from units.models import AgencyType, ClusterMembership

REASON = "Thiếu minh chứng tiêu chí 2.2."


def _self_score(page, card_url, items, **overrides):
    page.goto(card_url)
    values = {"1.1": "85", "1.2": "65", "1.3": "20", "2.1": "40", "2.2": "40", **overrides}
    for code, value in values.items():
        item = items[code]
        field = f"#id_actual_{item.pk}" if item.is_target else f"#id_score_{item.pk}"
        page.locator(field).fill(value)
    page.get_by_role("button", name="Lưu và gửi thẩm định").click()
    expect(page.get_by_text("Đã lưu và gửi phiếu tự chấm để thẩm định.")).to_be_visible()


def test_a_grouping_runs_its_year(
    signed_in_page,
    browser_as,
    sector,
    admin_user,
    leader_lao_cai,
    staff_long_an_province,
    leader_long_an,
    live_server,
):
    year = timezone.localdate().year
    minister = AuthorityFactory(code="bo-truong-btp", name="Bộ trưởng Bộ Tư pháp")
    flag = AwardFactory(
        code="co-nganh",
        name="Cờ thi đua ngành Tư pháp",
        kind=Award.Kind.TITLE,
        subject=Award.Subject.COLLECTIVE,
        authority=minister,
    )
    cluster = ClusterFactory(name="Khối thi đua THADS miền núi phía Bắc")
    ClusterMembershipFactory(
        cluster=cluster, unit=sector.thads_lao_cai, year=year - 1, role="leader"
    )
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_long_an, year=year - 1)
    ha_giang = UnitFactory(
        name="Thi hành án dân sự tỉnh Hà Giang",
        code="thads-ha-giang",
        parent=sector.hq,
        agency_type=AgencyType.THADS_PROVINCE,
    )
    ClusterMembershipFactory(cluster=cluster, unit=ha_giang, year=year - 1)

    # 1. The office copies last year's membership, then removes Hà Giang, which left.
    page = signed_in_page(admin_user)
    page.goto(reverse("admin:units_cluster_memberships", args=[cluster.pk]))
    page.get_by_role("button", name="Sao chép").click()
    expect(page.get_by_text(f"Đã sao chép 3 thành viên sang năm {year}")).to_be_visible()
    assert ClusterMembership.objects.filter(cluster=cluster, year=year).count() == 3
    page.goto(reverse("admin:units_cluster_change", args=[cluster.pk]))
    row = page.locator("tr.has_original").filter(has_text=f"{ha_giang.name} – {cluster} ({year})")
    row.locator('input[name$="-DELETE"]').check()
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    members = ClusterMembership.objects.filter(cluster=cluster, year=year)
    assert set(members.values_list("unit__name", flat=True)) == {
        sector.thads_lao_cai.name,
        sector.thads_long_an.name,
    }
    assert ClusterMembership.objects.filter(unit=ha_giang, year=year - 1).exists()

    # 2. The sheet (flag for place 1, grade A), set so that the grouping's leader proposes
    # for the grouping, and the year-end round.
    sheet = build_sheet(
        year=year, cluster=cluster, places=[(1, 1, flag)], status=ScoreSheet.Status.DRAFT
    )
    sheet.award_places.update(grades="A")
    page.goto(reverse("campaigns:scoring_sheet_edit", args=[sheet.pk]))
    page.get_by_label("Ai đề nghị khen thưởng theo kết quả").select_option(
        label="Trưởng khối đề nghị cho cả khối"
    )
    page.get_by_role("button", name="Lưu và ban hành").click()
    expect(page.get_by_text("Đã ban hành bảng chấm điểm.")).to_be_visible()
    expect(
        page.get_by_text("Ai đề nghị khen thưởng theo kết quả: Trưởng khối đề nghị cho cả khối")
    ).to_be_visible()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.proposer) == (ScoreSheet.Status.PUBLISHED, "leader")
    items = sheet.by_code
    scoring_round = ScoringRound.objects.create(
        cluster=cluster, sheet=sheet, year=year, kind=ScoringRound.Kind.YEAR_END
    )
    units = (sector.thads_lao_cai, sector.thads_long_an)
    Scorecard.objects.bulk_create(Scorecard(round=scoring_round, unit=u) for u in units)

    def card_url(unit, name="campaigns:scoring_scorecard"):
        return reverse(name, kwargs={"pk": scoring_round.pk, "unit_pk": unit.pk})

    # 3. Long An self-scores; the leader unit returns the card with a reason.
    long_an = browser_as(staff_long_an_province)
    _self_score(long_an, card_url(sector.thads_long_an), items, **{"2.2": "35"})
    leader = browser_as(leader_lao_cai)
    leader.goto(card_url(sector.thads_long_an))
    leader.get_by_placeholder("Lý do (bắt buộc)").fill(REASON)
    leader.get_by_role("button", name="Trả lại để chấm lại").click()
    expect(leader.get_by_text("Phiếu bị trả lại để chấm lại.")).to_be_visible()

    # 4. Long An is notified with the reason, reads it on its card and resubmits.
    long_an.goto(reverse("awards:notifications"))
    notice = long_an.get_by_role("link", name=f"Lý do: {REASON}")
    expect(notice).to_be_visible()
    notice.click()
    expect(long_an).to_have_url(f"{live_server.url}{card_url(sector.thads_long_an)}")
    expect(long_an.get_by_text(f"Lý do: {REASON}")).to_be_visible()
    _self_score(long_an, card_url(sector.thads_long_an), items)

    # 5. Lào Cai's own card (the admin reviews the leader unit's card).
    card = Scorecard.objects.get(round=scoring_round, unit=sector.thads_lao_cai)
    rows = [
        SelfRow(item=items[c], actual=v) if items[c].is_target else SelfRow(item=items[c], score=v)
        for c, v in {"1.1": 85, "1.2": 65, "1.3": 20, "2.1": 40, "2.2": 40}.items()
    ]
    scores.scorecard_save_self(
        by=leader_lao_cai,
        scoring_round=scoring_round,
        unit=sector.thads_lao_cai,
        rows=rows,
        submit=True,
    )
    card.refresh_from_db()
    scores.scorecard_transition(by=admin_user, scorecard=card, name="review")

    # 6. The leader reviews Long An's card, closes self-scoring and finalises (confirmed).
    leader.goto(card_url(sector.thads_long_an, "campaigns:scoring_scorecard_review"))
    leader.get_by_role("button", name="Lưu và hoàn thành thẩm định").click()
    expect(leader.get_by_text("Đã hoàn thành thẩm định phiếu")).to_be_visible()
    leader.goto(reverse("campaigns:scoring_round", args=[scoring_round.pk]))
    leader.get_by_role("button", name="Kết thúc tự chấm").click()
    leader.get_by_label("Tôi hiểu: sau khi chốt, điểm và xếp hạng không sửa được nữa").check()
    leader.once("dialog", lambda dialog: dialog.accept())
    leader.get_by_role("button", name="Chốt kết quả").click()
    expect(leader.get_by_text("Đợt chấm điểm: đã chốt kết quả.")).to_be_visible()

    # 7. A tie for first: both suggested the flag, one seat, the conference chooses.
    flags = AwardSuggestion.objects.filter(round=scoring_round, award=flag)
    assert {(s.place, s.tied, s.seats) for s in flags} == {(1, True, 1)}
    assert flags.count() == 2
    expect(leader.get_by_text("hội nghị chọn").first).to_be_visible()

    # 8. The leader unit's leader accepts Long An's suggestion: a line of the grouping's
    # proposal, which it opens from the round page.
    row = (
        leader.get_by_role("row")
        .filter(has_text="Thi hành án dân sự tỉnh Long An")
        .filter(has_text="Cờ thi đua")
    )
    row.get_by_role("button", name="Chấp nhận").click()
    expect(
        leader.get_by_text(
            "Thi hành án dân sự tỉnh Long An đã được đưa vào đề nghị khen thưởng (dự thảo)"
        )
    ).to_be_visible()
    assert_accessible(leader)
    leader.get_by_role("link", name="đã vào đề nghị khen thưởng của khối").click()
    title = f"Đề nghị khen thưởng của {cluster} năm {year}"
    expect(leader.get_by_role("heading", name=title)).to_be_visible()
    expect(leader.get_by_text("Thi hành án dân sự tỉnh Long An").first).to_be_visible()
    assert_accessible(leader)
    round_url = reverse("campaigns:scoring_round", args=[scoring_round.pk])

    # 9. Long An's leader sees that its line is in the grouping's proposal, without a link.
    mine = browser_as(leader_long_an)
    mine.goto(round_url)
    expect(mine.get_by_text("đã vào đề nghị khen thưởng của khối")).to_be_visible()
    expect(mine.get_by_role("link", name="đã vào đề nghị khen thưởng của khối")).to_have_count(0)
    leader.goto(round_url)

    # 10. The review as Excel.
    with leader.expect_download() as download:
        leader.get_by_role("link", name="Kết quả chấm điểm (Excel)").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = [r[1] for r in book.active.iter_rows(values_only=True)]
    assert "Thi hành án dân sự tỉnh Long An" in names

    # 11. The review as a PDF in the official form, with the tie.
    pdf = leader.context.request.get(
        live_server.url + reverse("campaigns:scoring_round_review_pdf", args=[scoring_round.pk])
    )
    assert pdf.headers["content-type"] == "application/pdf"
    text = text_of(pdf.body())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "1 (đồng hạng)" in text
