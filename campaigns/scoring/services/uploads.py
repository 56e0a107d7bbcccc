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
"""

import os
import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

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
