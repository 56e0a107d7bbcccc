"""Evidence attachments: the upload check every app shares (content, not name), and the
holding that keeps a chosen file while the rest of the form is corrected.

Only PDF, JPG and PNG are taken as evidence of a score; the type is judged by the file's
bytes by ``thidua.core.uploads.validate_upload``, which also enforces the size limit.
``EVIDENCE_TYPES`` is the one list the page (its ``accept`` and its help) and the error
message read.

A browser forgets a chosen file when the page comes back with an error, so a file that
passed the check while another line did not is held in storage (``scoring/held/``) and the
page carries a signed token naming it, bound to the scorecard's round and unit; the next
save takes the held file as if it had been chosen again.

``evidence_cleanup`` (the ``cleanup_evidence`` command, run daily) removes what is left
behind: held files whose token has expired (the form was never corrected), and stored
evidence no line points to any more (its line, card or round was deleted, or a file
replaced while its removal did not run).
"""

import datetime
import os
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import ScoreEntry
from thidua.core.uploads import validate_upload

# kind detected from the bytes → the file name endings a browser may offer
EVIDENCE_TYPES = {"pdf": (".pdf",), "jpg": (".jpg", ".jpeg"), "png": (".png",)}
EVIDENCE_KINDS = set(EVIDENCE_TYPES)
EVIDENCE_ACCEPT = ",".join(ending for endings in EVIDENCE_TYPES.values() for ending in endings)
EVIDENCE_LABEL = ", ".join(kind.upper() for kind in EVIDENCE_TYPES)  # "PDF, JPG, PNG"
HOLD_SALT = "campaigns.scoring.held-evidence"
HOLD_MAX_AGE = 2 * 24 * 3600


def validate_evidence(file) -> str:
    """The file's type ("pdf", "jpg", "png"), or a ``ValidationError`` saying why not.

    The name's ending is checked against ``EVIDENCE_TYPES`` first, so a file of a type
    other pages take (a spreadsheet) is refused with the same list the page shows."""
    name = os.path.basename(getattr(file, "name", "") or "")
    ending = os.path.splitext(name)[1].lower()
    refusal = ValidationError(
        _("Tệp minh chứng “%(name)s” không được nhận: chỉ nhận tệp %(kinds)s.")
        % {"name": name, "kinds": EVIDENCE_LABEL},
        code="kind",
    )
    if ending not in EVIDENCE_ACCEPT.split(","):
        raise refusal
    detected = validate_upload(file, kinds=tuple(EVIDENCE_TYPES))
    if detected.kind not in EVIDENCE_KINDS:
        raise refusal
    return detected.kind


def _owner(scoring_round, unit) -> str:
    return f"{scoring_round.pk}:{unit.pk}"


def hold_evidence(file, *, scoring_round, unit) -> str:
    """Keep a valid chosen file until the next save; the token the page sends back
    (raises ``ValidationError`` for a file that is not valid evidence)."""
    kind = validate_evidence(file)
    file.seek(0)
    stored = default_storage.save(f"scoring/held/{uuid.uuid4().hex}.{kind}", file)
    original = os.path.basename(file.name)[:255]
    return signing.dumps(
        {"path": stored, "name": original, "owner": _owner(scoring_round, unit)}, salt=HOLD_SALT
    )


def held_evidence(token: str, *, scoring_round, unit):
    """The held file a token names (opened, named as the user chose it), or None for a
    token that is forged, stale, of another scorecard, or whose file is gone."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=HOLD_SALT, max_age=HOLD_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("owner") != _owner(scoring_round, unit):
        return None
    path = str(data.get("path", ""))
    if not path.startswith("scoring/held/") or not default_storage.exists(path):
        return None
    handle = default_storage.open(path, "rb")
    held = File(handle, name=str(data.get("name") or os.path.basename(path)))
    held.held_path = path
    return held


def held_name(token: str) -> str:
    """The file name a token holds, for the page ("" when unreadable)."""
    try:
        return str(signing.loads(token, salt=HOLD_SALT, max_age=HOLD_MAX_AGE).get("name", ""))
    except (signing.BadSignature, AttributeError):
        return ""


def release_held(path: str) -> None:
    if path.startswith("scoring/held/"):
        default_storage.delete(path)


# --- Cleanup -------------------------------------------------------------------------------

# Stored evidence is written before its line's transaction commits: a file younger than
# this may still be about to be attached, and is left alone.
ORPHAN_GRACE = datetime.timedelta(days=1)


@dataclass
class Cleanup:
    held: list[str] = field(default_factory=list)  # expired held files
    orphans: list[str] = field(default_factory=list)  # evidence no line points to


def _files(directory: str) -> list[str]:
    try:
        _dirs, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    return [f"{directory}/{name}" for name in files]


def _older(path: str, limit: datetime.datetime) -> bool:
    try:
        return default_storage.get_modified_time(path) < limit
    except FileNotFoundError:
        return False


def evidence_cleanup(*, now=None, grace=ORPHAN_GRACE, dry_run: bool = False) -> Cleanup:
    """Remove held files older than a hold token lives, and evidence files older than
    ``grace`` that no score line's attachment names. ``dry_run`` only lists them."""
    now = now or timezone.now()
    result = Cleanup()
    held_limit = now - datetime.timedelta(seconds=HOLD_MAX_AGE)
    result.held = [p for p in _files("scoring/held") if _older(p, held_limit)]
    try:
        directories, _files_at_top = default_storage.listdir("scoring")
    except FileNotFoundError:
        directories = []
    cards = [name for name in directories if name.isascii() and name.isdecimal()]
    if cards:
        attached = set(
            ScoreEntry.objects.exclude(attachment="").values_list("attachment", flat=True)
        )
        limit = now - grace
        for card in sorted(cards, key=int):
            result.orphans.extend(
                path
                for path in _files(f"scoring/{card}")
                if path not in attached and _older(path, limit)
            )
    if not dry_run:
        for path in (*result.held, *result.orphans):
            default_storage.delete(path)
    return result
