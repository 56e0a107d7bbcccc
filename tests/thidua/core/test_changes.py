"""The field history's "before → after" lines read like the screens: verbose names, choice
labels, dates dd/mm/yyyy, yes/no, linked objects by their names, "—" for nothing."""

import datetime

from awards.models import Conferment, Decision
from tests.factories import ConfermentFactory, DecisionFactory
from thidua.core import changes


def test_values_read_as_users_read_them(sector, admin_user):
    decision = DecisionFactory(issuing_unit=sector.ministry, status=Decision.Status.DRAFT)
    decision.handling_unit = sector.hq
    decision.signer_authority = "kt"
    decision.signed_on = datetime.date(2025, 2, 3)
    decision.summary = ""
    decision._history_user = admin_user
    decision.save()
    [edit, created] = changes.timeline(Decision.history.filter(id=decision.pk))
    assert (created.action, edit.action, edit.actor_name) == ("Tạo mới", "Sửa", "Người dùng")
    assert [str(change) for change in edit.changes] == [
        "Đơn vị quản lý hồ sơ: — → Cục Quản lý thi hành án dân sự",
        "Ngày ký: 15/01/2025 → 03/02/2025",
        "Thẩm quyền ký: Người đứng đầu ký (không ghi thẩm quyền) → KT. – cấp phó ký thay "
        "người đứng đầu",
    ]


def test_a_save_that_changes_nothing_is_left_out_and_booleans_read_yes_no(sector):
    conferment = ConfermentFactory(unit=sector.district)
    conferment.save()
    conferment.revoked = True
    conferment.save()
    revisions = changes.timeline(Conferment.history.filter(id=conferment.pk))
    assert [r.action for r in revisions] == ["Sửa", "Tạo mới"]
    assert [str(c) for c in revisions[0].changes] == ["Đã bị hủy: Không → Có"]
