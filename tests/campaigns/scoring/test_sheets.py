"""Defining score sheets: balance before publishing, versions once in use, copies."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import CampaignTarget, ScoreEntry, ScoreItem, ScoreSheet
from campaigns.scoring.services import sheets
from campaigns.scoring.services.sheets import ItemRow, PlaceRow, RuleRow
from campaigns.scoring.workflow import SHEET_WORKFLOW
from tests.campaigns.scoring.helpers import build_sheet, fill
from tests.factories import CampaignFactory
from thidua.core.audit import history

K, F = ScoreItem.Kind, ScoreItem.Formula
DRAFT, PUBLISHED = ScoreSheet.Status.DRAFT, ScoreSheet.Status.PUBLISHED


def test_the_sheet_table_is_declared_once_with_its_states_and_roles(transition_table):
    assert transition_table(SHEET_WORKFLOW) == {
        "publish": ({DRAFT}, PUBLISHED, {"admin"}, False),
        "unpublish": ({PUBLISHED}, DRAFT, {"admin"}, False),
    }


@pytest.fixture
def draft(sector, this_year):
    return build_sheet(year=this_year, status=DRAFT)


def test_an_unbalanced_sheet_cannot_be_published(draft, admin_user):
    draft.by_code["2.2"].max_score = Decimal(35)
    draft.by_code["2.2"].save()
    with pytest.raises(ValidationError) as refused:
        sheets.sheet_publish(by=admin_user, sheet=draft)
    text = " ".join(refused.value.messages)
    assert "cộng lại 195 điểm, khác tổng điểm của bảng (200 điểm): còn thiếu 5 điểm" in text
    assert "Nhóm “II” ghi 80 điểm nhưng các tiêu chí trong nhóm cộng lại 75 điểm" in text
    draft.refresh_from_db()
    assert draft.status == DRAFT


def test_the_publish_button_reports_why_on_the_page(draft, admin_user, login):
    draft.total = Decimal(210)
    draft.save()
    client = login(admin_user)
    response = client.post(
        reverse("campaigns:scoring_sheet_transition", args=[draft.pk]),
        {"transition": "publish"},
        follow=True,
    )
    assert "còn thiếu 10 điểm" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DRAFT


def test_a_balanced_sheet_is_published_and_audited(draft, admin_user):
    sheets.sheet_publish(by=admin_user, sheet=draft)
    draft.refresh_from_db()
    assert draft.status == PUBLISHED and draft.published_at is not None
    assert [e.action for e in history(draft)] == ["publish"]


def test_a_leader_cannot_publish_or_unpublish_a_sheet(draft, leader_lao_cai, admin_user):
    with pytest.raises(ValidationError, match="Bạn không có quyền ban hành") as refused:
        SHEET_WORKFLOW.apply(draft, "publish", by=leader_lao_cai)
    assert refused.value.code == "role"
    sheets.sheet_publish(by=admin_user, sheet=draft)
    with pytest.raises(ValidationError, match="Bạn không có quyền chuyển về dự thảo"):
        SHEET_WORKFLOW.apply(draft, "unpublish", by=leader_lao_cai)
    draft.refresh_from_db()
    assert draft.status == PUBLISHED


def test_only_admins_define_sheets(leader_lao_cai, this_year):
    with pytest.raises(ValidationError, match="Chỉ quản trị viên"):
        sheets.sheet_create(by=leader_lao_cai, name="Bảng", year=this_year, total=100)


def test_a_sheet_in_use_gets_a_new_version_and_rounds_keep_theirs(grouping, admin_user):
    g = grouping
    fill(g.mid_year, g.long_an)
    old = g.sheet
    version = sheets.sheet_revise(by=admin_user, sheet=old)
    assert version.pk != old.pk
    assert (version.version, version.previous, version.status) == (2, old, DRAFT)
    assert version.items.count() == old.items.count() == 9
    old.refresh_from_db()
    assert old.status == PUBLISHED
    # Editing the new version leaves the scored one untouched.
    rows = [_row(i) for i in version.items.order_by("order")]
    rows[5].max_score = Decimal(50)  # 2.1
    rows[6].max_score = Decimal(30)  # 2.2
    sheets.sheet_save(
        by=admin_user,
        sheet=version,
        header={"name": "Bảng điểm (sửa)"},
        items=rows,
        rules=[],
        places=[],
    )
    assert old.items.get(code="2.1").max_score == Decimal(40)
    assert sheets.sheet_revise(by=admin_user, sheet=old) == version  # made once
    sheets.sheet_publish(by=admin_user, sheet=version)
    old.refresh_from_db()
    assert old.status == ScoreSheet.Status.SUPERSEDED
    g.mid_year.refresh_from_db()
    assert g.mid_year.sheet == old
    assert ScoreEntry.objects.filter(item__sheet=old).exists()


def test_an_unused_published_sheet_goes_back_to_draft_to_be_edited(grouping, admin_user):
    sheet = sheets.sheet_revise(by=admin_user, sheet=grouping.sheet)
    assert sheet == grouping.sheet
    assert sheet.status == DRAFT


def test_the_web_edit_of_a_sheet_in_use_opens_a_new_version(grouping, admin_user, login):
    fill(grouping.year_end, grouping.lao_cai)
    response = login(admin_user).post(
        reverse("campaigns:scoring_sheet_transition", args=[grouping.sheet.pk]),
        {"transition": "revise"},
        follow=True,
    )
    version = ScoreSheet.objects.get(previous=grouping.sheet)
    assert response.redirect_chain[-1][0] == reverse(
        "campaigns:scoring_sheet_edit", args=[version.pk]
    )
    assert "đã tạo phiên bản 2" in response.content.decode()


def _row(item) -> ItemRow:
    return ItemRow(
        code=item.code,
        name=item.name,
        kind=item.kind,
        parent_code=item.parent.code if item.parent_id else "",
        max_score=item.max_score,
        formula=item.formula,
        target=item.target,
        higher_is_better=item.higher_is_better,
        measure=item.measure,
    )


def test_saving_a_tree_refuses_bad_rows_and_saves_nothing(draft, admin_user):
    rows = [_row(i) for i in draft.items.order_by("order")]
    rows.append(ItemRow(code="2.3", name="Tiêu chí mới", parent_code="IX", max_score=Decimal(5)))
    rows.append(ItemRow(code="2.1", name="Trùng mã", parent_code="II", max_score=Decimal(5)))
    rows.append(ItemRow(code="T2", name="Thưởng", kind=K.BONUS, formula=F.PROPORTIONAL))
    with pytest.raises(ValidationError) as refused:
        sheets.sheet_save(by=admin_user, sheet=draft, header={}, items=rows, rules=[], places=[])
    errors = refused.value.message_dict
    assert errors["items-9"] == ["Không có nhóm mã “IX” trong bảng."]
    assert errors["items-10"] == ["Mã “2.1” bị trùng."]
    assert "Nhập điểm tối đa." in errors["items-11"]
    assert "Chỉ tiêu chí mới tính điểm theo chỉ tiêu." in errors["items-11"]
    assert draft.items.count() == 9


def test_renaming_a_group_keeps_what_it_holds(draft, admin_user, flag_awards):
    rows = [_row(i) for i in draft.items.order_by("order")]
    for row in rows:
        if row.code == "II":
            row.code = "B"
        if row.parent_code == "II":
            row.parent_code = "B"
    sheets.sheet_save(
        by=admin_user,
        sheet=draft,
        header={},
        items=rows,
        rules=[RuleRow(grade="A", min_score=Decimal(180), cap=3)],
        places=[PlaceRow(first_place=1, last_place=1, award=flag_awards.flag)],
    )
    group = draft.items.get(code="B")
    assert sorted(group.children.values_list("code", flat=True)) == ["2.1", "2.2"]
    assert not draft.items.filter(code="II").exists()
    assert list(draft.grade_rules.values_list("grade", "cap")) == [("A", 3)]
    assert draft.award_places.get().award == flag_awards.flag


def test_copy_from_last_year(grouping, admin_user, this_year):
    copy = sheets.sheet_copy(by=admin_user, source=grouping.sheet)
    assert (copy.year, copy.status, copy.copied_from) == (this_year + 1, DRAFT, grouping.sheet)
    assert copy.items.get(code="1.1").parent.code == "I"
    assert copy.items.get(code="1.1").parent.sheet == copy
    assert copy.grade_rules.count() == 4 and copy.award_places.count() == 2
    assert grouping.sheet.items.count() == 9


def test_a_second_published_sheet_for_the_same_scope_is_refused(grouping, admin_user, this_year):
    twin = build_sheet(year=this_year, cluster=grouping.cluster, status=DRAFT)
    with pytest.raises(ValidationError, match="Đã có bảng điểm"):
        sheets.sheet_publish(by=admin_user, sheet=twin)


def test_the_edit_page_saves_the_whole_sheet(draft, admin_user, login, flag_awards):
    items = list(draft.items.order_by("order"))
    data = {
        "name": "Bảng chấm điểm THADS",
        "year": str(draft.year),
        "cluster": "",
        "agency_type": draft.agency_type,
        "campaign": "",
        "total": "200",
        "note": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "places-TOTAL_FORMS": "1",
        "places-INITIAL_FORMS": "0",
        "rules-0-grade": "A",
        "rules-0-min_score": "180",
        "rules-0-targets": "all_met",
        "rules-0-cap": "2",
        "places-0-first_place": "1",
        "places-0-last_place": "1",
        "places-0-award": str(flag_awards.flag.pk),
        "publish": "",
    }
    for index, item in enumerate(items):
        row = _row(item)
        data.update(
            {
                f"items-{index}-code": row.code,
                f"items-{index}-parent_code": row.parent_code,
                f"items-{index}-kind": row.kind,
                f"items-{index}-name": row.name,
                f"items-{index}-max_score": f"{row.max_score}".replace(".", ","),
                f"items-{index}-formula": row.formula,
                f"items-{index}-target": "" if row.target is None else str(row.target),
                f"items-{index}-measure": row.measure,
            }
        )
        if row.higher_is_better:
            data[f"items-{index}-higher_is_better"] = "on"
    data["items-5-max_score"] = "45"  # 2.1: unbalanced → saved, not published
    client = login(admin_user)
    response = client.post(
        reverse("campaigns:scoring_sheet_edit", args=[draft.pk]), data, follow=True
    )
    draft.refresh_from_db()
    assert draft.name == "Bảng chấm điểm THADS"
    assert draft.items.get(code="2.1").max_score == Decimal(45)
    assert draft.status == DRAFT
    assert "thừa 5 điểm" in response.content.decode()
    data["items-5-max_score"] = "40"
    client.post(reverse("campaigns:scoring_sheet_edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.status == PUBLISHED


def test_a_target_criterion_takes_the_campaigns_target(draft, admin_user, sector):

    campaign = CampaignFactory(
        start_date=datetime.date(draft.year, 1, 1), end_date=datetime.date(draft.year, 12, 31)
    )
    money = CampaignTarget.objects.create(
        campaign=campaign, name="Tỷ lệ tiền thi hành xong", threshold=62, measure="%"
    )
    carried = CampaignTarget.objects.create(
        campaign=CampaignFactory(), name="Việc chuyển kỳ sau", comparator="lte", threshold=25
    )
    rows = [_row(i) for i in draft.items.order_by("order")]
    rows[2].target, rows[2].campaign_target = None, money  # 1.2
    rows[3].campaign_target = carried  # another campaign's
    with pytest.raises(ValidationError) as refused:
        sheets.sheet_save(
            by=admin_user,
            sheet=draft,
            header={"campaign": campaign},
            items=rows,
            rules=[],
            places=[],
        )
    assert refused.value.message_dict == {
        "items-3": ["Chỉ tiêu được chọn không thuộc phong trào của bảng điểm."]
    }
    rows[3].campaign_target = None
    sheets.sheet_save(
        by=admin_user,
        sheet=draft,
        header={"campaign": campaign},
        items=rows,
        rules=[],
        places=[],
    )
    item = draft.items.get(code="1.2")
    assert (item.target, item.higher_is_better, item.campaign_target) == (Decimal(62), True, money)
