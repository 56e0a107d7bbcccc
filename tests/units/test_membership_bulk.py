"""A grouping's membership of a year in bulk: copied from the year before (units that no
longer exist skipped and named), imported from Excel by code or by the name the unit had
that year (all or nothing, Vietnamese row errors), exported and re-imported unchanged,
and found by name in the admin."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ClusterMembershipFactory
from units import memberships
from units.models import ClusterMembership

R = ClusterMembership.Role


def _members(cluster, year):
    return {
        (m.unit.code, m.role)
        for m in ClusterMembership.objects.filter(cluster=cluster, year=year).select_related("unit")
    }


def _xlsx(rows, name="thanh-vien.xlsx"):
    book = openpyxl.Workbook()
    book.active.append(memberships.HEADERS)
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def test_copying_last_year_keeps_roles_and_skips_units_gone(
    home_affairs_block, restructured, admin_user
):
    block = home_affairs_block
    ClusterMembershipFactory(cluster=block, unit=restructured.old_long_an, year=2025)
    result = memberships.memberships_copy(
        by=admin_user, cluster=block, from_year=2025, to_year=2027
    )
    assert _members(block, 2027) == {
        ("vks-long-an", R.LEADER),
        ("thads-long-an", R.DEPUTY),
        ("thads-long-an-kv1", R.MEMBER),
    }
    assert [why for _unit, why in result.skipped] == [
        "“Cục Thi hành án dân sự tỉnh Long An” không còn trong năm 2027 "
        "(chỉ hoạt động đến 30/06/2025)."
    ]
    # 2026 already has its members and a leader: nothing doubled, the leader not copied.
    again = memberships.memberships_copy(by=admin_user, cluster=block, from_year=2025, to_year=2026)
    assert len(again.kept) == 3 and not again.created
    with pytest.raises(ValidationError, match="chưa có thành viên năm 2019"):
        memberships.memberships_copy(by=admin_user, cluster=block, from_year=2019, to_year=2020)


def test_import_finds_units_by_code_or_by_the_name_they_had_that_year(
    home_affairs_block, restructured, admin_user
):
    block = home_affairs_block
    rows = [
        ("vks-long-an", "", "Trưởng khối"),
        ("", "Cục Thi hành án dân sự tỉnh Long An", "Phó trưởng khối"),
        ("", "Thi hành án dân sự tỉnh Long An", "Thành viên"),  # not its name in 2024
        ("stp-dong-thap", "", "Chủ tịch"),
    ]
    with pytest.raises(ValidationError) as refused:
        memberships.memberships_import(by=admin_user, cluster=block, year=2024, upload=_xlsx(rows))
    assert refused.value.messages == [
        "Dòng 4: không có đơn vị tên “Thi hành án dân sự tỉnh Long An” trong năm 2024.",
        "Dòng 5: vai trò “Chủ tịch” không hợp lệ (Trưởng khối, Phó trưởng khối, Thành viên).",
    ]
    assert not _members(block, 2024)  # nothing saved
    counts = memberships.memberships_import(
        by=admin_user, cluster=block, year=2024, upload=_xlsx([rows[0], rows[1], rows[3][:2]])
    )
    assert counts == {"added": 3, "changed": 0, "unchanged": 0}
    assert _members(block, 2024) == {
        ("vks-long-an", R.LEADER),
        ("cuc-thads-long-an", R.DEPUTY),
        ("stp-dong-thap", R.MEMBER),
    }


def test_an_export_re_imports_unchanged_and_roles_can_be_swapped(home_affairs_block, admin_user):
    block = home_affairs_block
    book = openpyxl.load_workbook(
        io.BytesIO(memberships.memberships_workbook(cluster=block, year=2026))
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == memberships.HEADERS
    assert rows[1] == ("thads-long-an", "Thi hành án dân sự tỉnh Long An", "Trưởng khối", 2026)
    same = _xlsx([r[:3] for r in rows[1:]])
    assert memberships.memberships_import(by=admin_user, cluster=block, year=2026, upload=same) == {
        "added": 0,
        "changed": 0,
        "unchanged": 3,
    }
    swapped = _xlsx([("thads-long-an", "", "Phó trưởng khối"), ("vks-long-an", "", "Trưởng khối")])
    memberships.memberships_import(by=admin_user, cluster=block, year=2026, upload=swapped)
    assert ("vks-long-an", R.LEADER) in _members(block, 2026)
    assert ("thads-long-an", R.DEPUTY) in _members(block, 2026)


def test_a_file_that_is_not_a_workbook_gets_a_plain_answer(home_affairs_block, admin_user):
    junk = SimpleUploadedFile("thanh-vien.xlsx", b"not a workbook")
    with pytest.raises(
        ValidationError, match=r"Tệp không phải là bảng tính Excel \(\.xlsx\) hợp lệ"
    ):
        memberships.memberships_import(
            by=admin_user, cluster=home_affairs_block, year=2026, upload=junk
        )


def test_the_admin_page_copies_imports_exports_and_search_finds_by_name(
    login, admin_user, home_affairs_block
):
    block = home_affairs_block
    client = login(admin_user)
    change = client.get(reverse("admin:units_cluster_change", args=[block.pk])).content.decode()
    url = reverse("admin:units_cluster_memberships", args=[block.pk])
    assert url in change
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "copy", "copy-from_year": 2026, "copy-to_year": 2027}, follow=True
    )
    assert "Đã sao chép 3 thành viên sang năm 2027" in response.content.decode()
    export = client.get(url, {"export": 2027})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = _xlsx([("khong-co", "", "")])
    response = client.post(url, {"action": "import", "import-year": 2027, "import-file": bad})
    assert "Dòng 2: không có đơn vị mã “khong-co”." in response.content.decode()
    listing = client.get(reverse("admin:units_clustermembership_changelist"), {"q": "long an"})
    assert "Thi hành án dân sự tỉnh Long An" in listing.content.decode()
    clusters = client.get(reverse("admin:units_cluster_changelist"), {"q": "noi chinh"})
    assert "Khối thi đua Nội chính tỉnh Long An" in clusters.content.decode()
