"""The report's progress block, refreshed by htmx every 2 s, is announced and keeps focus."""

import re

from django.urls import reverse

from tests.awards.reports.helpers import DUMMY


def test_the_progress_block_is_announced_without_taking_focus(
    report_world, admin_user, login, settings
):
    settings.TASKS = DUMMY
    settings.REPORT_INLINE_ROWS = 0
    client = login(admin_user)
    query = {"scope": "sector", "start": 2025}
    client.post(reverse("reports:export"), query)
    page = client.get(reverse("reports:index"), query).content.decode()
    # htmx swaps #report-job (outerHTML) inside a live region that stays: each change is read.
    live = re.search(
        r'<div class="report-job-live" aria-live="polite">\s*<div id="report-job"', page
    )
    assert live, "the progress block is not inside a polite live region"
    assert 'aria-label="Tiến độ tạo báo cáo PDF"' in page
    # The refresh link keeps its id, so htmx hands focus back to it after each swap; nothing
    # in the block asks for focus.
    assert 'id="report-job-refresh"' in page
    assert "autofocus" not in page
