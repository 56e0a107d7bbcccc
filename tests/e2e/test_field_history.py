"""Field history in the browser: the person's "Lịch sử thay đổi" and the audit log's field
edits pass axe and fit a phone."""

from django.urls import reverse

from tests.e2e.a11y import PHONE, assert_accessible, assert_fits
from tests.factories import PersonFactory


def test_a_name_change_reads_before_and_after_and_the_pages_pass_axe(
    signed_in_page, admin_user, sector
):
    person = PersonFactory(full_name="Nguyễn Văn A", assigned_to=sector.district)
    person.full_name = "Nguyễn Văn B"
    person._history_user = admin_user
    person.save()
    page = signed_in_page(admin_user)
    for url in (reverse("units:person", args=[person.pk]), reverse("audit_log")):
        response = page.goto(url)
        assert response.ok, url
        assert page.get_by_text("Họ và tên: Nguyễn Văn A → Nguyễn Văn B").count() == 1
        assert_accessible(page)
        assert_fits(page, PHONE)
