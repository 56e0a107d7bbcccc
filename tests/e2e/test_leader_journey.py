"""Journey 2: a unit's leader reviews registrations and a proposal; the ministry's council
votes, each member in their own browser; the decision is issued and shows in the
recipients' award history."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from awards import services
from awards.models import CouncilMember, Nominee
from tests.e2e.a11y import assert_accessible
from tests.e2e.builders import sent_registrations
from tests.factories import (
    UserFactory,
)

REASON_RETURN = "Chưa có bản tự đánh giá kết quả công tác năm."
REASON_OVERRIDE = "Có thành tích đột xuất trong đợt cao điểm thi hành án năm 2025."
DECISION = "125/QĐ-BTP"


def _council(sector, cast):
    """The ministry's council: its chair, the TĐKT office's staff as secretary, two members."""
    council = services.council_create(
        by=cast.chief, unit=sector.ministry, name="Hội đồng Thi đua – Khen thưởng Bộ Tư pháp"
    )
    chair = UserFactory(username="chu_tich_hd", first_name="Mai Lương Khôi")
    members = [
        UserFactory(username="uy_vien_1", first_name="Phan Thị Hương"),
        UserFactory(username="uy_vien_2", first_name="Đặng Quốc Việt"),
    ]
    secretary = cast.office
    for user, role in [
        (chair, CouncilMember.Role.CHAIR),
        (secretary, CouncilMember.Role.SECRETARY),
        *[(m, CouncilMember.Role.MEMBER) for m in members],
    ]:
        services.council_member_add(council=council, by=cast.chief, user=user, role=role)
    return council, secretary, [chair, *members]


def _agenda_row(page, person):
    """The person's row in the session's agenda (the first table; the history follows)."""
    return page.get_by_role("table").first.get_by_role("row").filter(has_text=person.full_name)


def _vote(page, person, choice):
    """Choose on the person's agenda line, confirm, and see the ballot as one's own."""
    row = _agenda_row(page, person)
    row.get_by_role("button", name=f"{choice}: {person.full_name}", exact=True).click()
    _agenda_row(page, person).get_by_role(
        "button", name=f"Xác nhận phiếu: {person.full_name}", exact=True
    ).click()
    expect(_agenda_row(page, person)).to_contain_text(f"Phiếu của bạn: {choice}")


def test_leader_reviews_council_votes_and_decision_is_issued(
    signed_in_page, browser_as, open_menu, sector, cast, five_people, drafted, wf_people
):
    # What the earlier steps of the process left: five registrations sent by the district
    # office, a proposal submitted by its staff (Bình's nominee carries a warning), the
    # ministry's council.
    campaign, lines = sent_registrations(sector, five_people)
    proposal = drafted.proposal
    services.proposal_submit(proposal=proposal, by=cast.staff)
    assert drafted.binh.needs_override
    council, secretary, voters = _council(sector, cast)

    # 1. The district's leader returns one registration with a reason, accepts the rest.
    leader = signed_in_page(cast.leader)
    open_menu(leader, "Thi đua", "Phong trào thi đua")
    leader.get_by_role("link", name=campaign.name, exact=True).click()
    leader.get_by_role("link", name="Xét duyệt đăng ký", exact=True).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Xét duyệt đăng ký năm")
    assert_accessible(leader)
    returned = five_people[0]
    row = leader.get_by_role("row").filter(has_text=returned.full_name)
    row.get_by_label("Lý do trả lại").fill(REASON_RETURN)
    # Each row's buttons say whose line they act on.
    row.get_by_role("button", name=f"Trả lại: {returned.full_name}", exact=True).click()
    expect(leader.get_by_role("row").filter(has_text=returned.full_name)).to_have_count(0)
    for person in five_people[1:]:
        row = leader.get_by_role("row").filter(has_text=person.full_name)
        row.get_by_role("button", name=f"Duyệt: {person.full_name}", exact=True).click()
        expect(leader.get_by_role("row").filter(has_text=person.full_name)).to_have_count(0)
    for line in lines:
        line.refresh_from_db()
    assert [line.status for line in lines] == ["returned"] + ["accepted"] * 4
    leader.get_by_role("link", name="Tất cả (5)", exact=True).click()
    returned_row = leader.get_by_role("row").filter(has_text=returned.full_name)
    expect(returned_row).to_contain_text("Bị trả lại")
    expect(returned_row).to_contain_text(REASON_RETURN)

    # 2. The leader reviews the proposal: Bình's warning needs a written reason to go on.
    open_menu(leader, "Khen thưởng", "Đề nghị khen thưởng")
    leader.get_by_role("link", name=proposal.title, exact=True).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text(proposal.title)
    binh_row = leader.locator(f"#nominee-{drafted.binh.pk}")
    expect(binh_row).to_contain_text("Đủ điều kiện, có lưu ý")
    assert_accessible(leader)
    leader.get_by_role("button", name="Gửi cấp trên", exact=True).click()
    expect(leader.get_by_role("alert").filter(has_text="lãnh đạo cần ghi lý do")).to_be_visible()
    binh_row.get_by_label("Lý do vẫn đề nghị (lãnh đạo)").fill(REASON_OVERRIDE)
    binh_row.get_by_role(
        "button", name=f"Vẫn đề nghị: {wf_people.binh.full_name}", exact=True
    ).click()
    expect(binh_row.locator(".override-note")).to_contain_text(REASON_OVERRIDE)
    leader.get_by_role("button", name="Gửi cấp trên", exact=True).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Đã gửi, chờ thẩm định")
    drafted.binh.refresh_from_db()
    assert drafted.binh.override_reason == REASON_OVERRIDE

    # 3. The TĐKT office (the council's secretary) appraises it, plans a session, opens it.
    office = browser_as(secretary)
    open_menu(office, "Khen thưởng", "Đề nghị khen thưởng")
    office.get_by_role("link", name=proposal.title, exact=True).click()
    expect(office.locator(f"#nominee-{drafted.binh.pk} .override-note")).to_contain_text(
        REASON_OVERRIDE
    )
    office.get_by_role("button", name="Thẩm định đạt", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Đã thẩm định")
    open_menu(office, "Khen thưởng", "Hội đồng")
    day = timezone.localdate().strftime("%d/%m/%Y")
    office.get_by_label("Hội đồng", exact=True).select_option(label=council.name)
    office.get_by_label("Ngày họp (dd/mm/yyyy)").fill(day)
    office.get_by_role("button", name="Lập phiên họp", exact=True).click()
    office.get_by_label(re.compile(f"^{wf_people.an.full_name} – ")).check()
    office.get_by_label(re.compile(f"^{wf_people.binh.full_name} – ")).check()
    office.get_by_role("button", name="Đưa vào chương trình", exact=True).click()
    for person in (wf_people.an, wf_people.binh):
        expect(_agenda_row(office, person)).to_be_visible()
    office.get_by_role("button", name="Bắt đầu phiên họp", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Đang họp")
    assert_accessible(office)

    # 4. Every member votes in their own browser (each vote confirmed); the secretary too.
    # The chair first reads An's dossier from the agenda line, votes against, then changes
    # the vote before the session closes.
    chair = browser_as(voters[0])
    open_menu(chair, "Khen thưởng", "Hội đồng")
    chair.get_by_role("link", name=day, exact=True).click()
    an = wf_people.an
    expect(_agenda_row(chair, an)).to_contain_text("Cần ≥")
    _agenda_row(chair, an).locator("summary").click()
    panel = _agenda_row(chair, an).locator(".session-dossier")
    expect(panel).to_contain_text("Tóm tắt thành tích")
    expect(panel).to_contain_text("Khen thưởng trước đây")
    assert re.search(r"/sessions/\d+/$", chair.url)  # the panel opened in place
    assert_accessible(chair)
    _vote(chair, an, "Không đồng ý")
    _vote(chair, an, "Đồng ý")
    expect(chair.get_by_role("alert").filter(has_text="Đã thay đổi phiếu")).to_be_visible()
    for voter_page in [office, chair] + [browser_as(user) for user in voters[1:]]:
        if voter_page not in (office, chair):
            open_menu(voter_page, "Khen thưởng", "Hội đồng")
            voter_page.get_by_role("link", name=day, exact=True).click()
        for person in (wf_people.an, wf_people.binh):
            if voter_page is chair and person is an:
                continue
            _vote(voter_page, person, "Đồng ý")
    office.get_by_role("button", name="Kết thúc phiên họp", exact=True).click()
    for person in (wf_people.an, wf_people.binh):
        expect(_agenda_row(office, person)).to_contain_text("Hội đồng đồng ý")

    # 5. The office drafts the decision for both and issues it.
    open_menu(office, "Khen thưởng", "Quyết định")
    office.get_by_role("link", name="Lập dự thảo quyết định", exact=True).click()
    assert_accessible(office)
    office.get_by_label("Cấp khen thưởng").select_option(label="Bộ trưởng Bộ Tư pháp")
    office.get_by_label("Cơ quan ban hành").select_option(label=sector.ministry.name)
    office.get_by_label("Số, ký hiệu").fill(DECISION)
    office.get_by_role("textbox", name="Người ký", exact=True).fill("Nguyễn Hải Ninh")
    office.get_by_label("Chức vụ người ký").fill("Bộ trưởng")
    office.get_by_label(re.compile(f"^{wf_people.an.full_name} – ")).check()
    office.get_by_label(re.compile(f"^{wf_people.binh.full_name} – ")).check()
    office.get_by_role("button", name="Lưu dự thảo", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_contain_text(f"Quyết định số {DECISION}")
    office.get_by_role("button", name="Ban hành", exact=True).click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Đã ban hành")
    assert_accessible(office)

    # 6. Each recipient's award history shows the award and the decision's number.
    open_menu(leader, "Khen thưởng", "Đề nghị khen thưởng")
    leader.get_by_role("link", name=proposal.title, exact=True).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Đã có quyết định")
    proposal_url = leader.url
    for person, award in ((wf_people.an, "Bằng khen"), (wf_people.binh, "Chiến sĩ thi đua")):
        leader.goto(proposal_url)
        leader.get_by_role("link", name=person.full_name, exact=True).click()
        expect(leader.get_by_role("heading", level=1)).to_have_text(
            f"Khen thưởng – {person.full_name}"
        )
        item = leader.get_by_role("listitem").filter(has_text=f"Quyết định số {DECISION}")
        expect(item).to_contain_text(award)
        assert_accessible(leader)
    assert set(Nominee.objects.filter(proposal=proposal).values_list("result", flat=True)) == {
        "conferred"
    }
