"""The daily cleanup of score evidence (``manage.py cleanup_evidence``): a file held through
a form error but never attached is removed once its hold has expired, and a stored file no
line points to (its line or card deleted) once it is a day old; attached files, and files
young enough to be in the middle of a save, stay."""

import datetime
import io
import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Scorecard, ScoreEntry
from campaigns.scoring.services.uploads import HOLD_MAX_AGE

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DAY = 24 * 3600


def _store(path: str, *, age: float) -> str:
    """A file in storage, last changed ``age`` seconds ago."""
    name = default_storage.save(path, ContentFile(PNG))
    then = time.time() - age
    os.utime(default_storage.path(name), (then, then))
    return name


def _cleanup(*args) -> str:
    out = io.StringIO()
    call_command("cleanup_evidence", *args, stdout=out)
    return out.getvalue()


def test_left_behind_files_are_removed_and_the_rest_kept(media_root, grouping):
    g = grouping
    card = Scorecard.objects.get(round=g.mid_year, unit=g.long_an)
    gone = Scorecard.objects.get(round=g.mid_year, unit=g.son_la)
    item = g.sheet.items.get(code="2.1")
    attached = _store(f"scoring/{card.pk}/bien-ban.png", age=10 * DAY)
    ScoreEntry.objects.create(scorecard=card, item=item, self_score=40, attachment=attached)
    orphan = _store(f"scoring/{card.pk}/thay-the.png", age=2 * DAY)  # replaced, still there
    saving = _store(f"scoring/{card.pk}/dang-luu.png", age=60)  # a save not yet committed
    discarded = _store(f"scoring/{gone.pk}/minh-chung.pdf", age=3 * DAY)
    gone.delete()  # its lines with it
    expired = _store("scoring/held/het-han.png", age=HOLD_MAX_AGE + 60)
    held = _store("scoring/held/dang-giu.png", age=3600)

    assert _cleanup("--dry-run").splitlines() == [
        expired,
        orphan,
        discarded,
        "Sẽ xóa 1 tệp minh chứng giữ tạm đã quá hạn và 2 tệp minh chứng không gắn với dòng "
        "điểm nào.",
    ]
    assert all(default_storage.exists(p) for p in (expired, orphan, discarded))
    assert _cleanup() == (
        "Đã xóa 1 tệp minh chứng giữ tạm đã quá hạn và 2 tệp minh chứng không gắn với dòng "
        "điểm nào.\n"
    )
    assert [default_storage.exists(p) for p in (expired, orphan, discarded)] == [False] * 3
    assert all(default_storage.exists(p) for p in (attached, saving, held))


def test_a_file_held_through_an_error_and_abandoned_is_removed_after_its_hold(
    media_root, login, grouping, staff_long_an_province
):
    g = grouping
    items = {i.code: i for i in g.sheet.items.all()}
    url = reverse(
        "campaigns:scoring_scorecard", kwargs={"pk": g.mid_year.pk, "unit_pk": g.long_an.pk}
    )
    data = {
        f"score_{items['2.2'].pk}": "45",  # above the maximum: the page comes back
        f"file_{items['2.1'].pk}": SimpleUploadedFile("bien-ban.png", PNG, "image/png"),
    }
    assert login(staff_long_an_province).post(url, data).status_code == 200
    [name] = default_storage.listdir("scoring/held")[1]
    assert "Đã xóa 0 tệp" in _cleanup()  # still held: the user may come back to the form
    assert default_storage.exists(f"scoring/held/{name}")
    later = datetime.timedelta(seconds=HOLD_MAX_AGE + 60)
    then = time.time() - later.total_seconds()
    os.utime(default_storage.path(f"scoring/held/{name}"), (then, then))
    assert _cleanup().startswith("Đã xóa 1 tệp minh chứng giữ tạm đã quá hạn")
    assert default_storage.listdir("scoring/held")[1] == []


def test_nothing_to_clean_is_said_plainly(media_root, db):
    assert _cleanup() == (
        "Đã xóa 0 tệp minh chứng giữ tạm đã quá hạn và 0 tệp minh chứng không gắn với dòng "
        "điểm nào.\n"
    )
