"""Evidence attachments: the upload check every app shares (content, not name).

Only PDF, JPG and PNG are taken as evidence of a score; the type is judged by the file's
bytes by ``thidua.core.uploads.validate_upload``, which also enforces the size limit.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.uploads import validate_upload

EVIDENCE_KINDS = {"pdf", "jpg", "png"}


def validate_evidence(file) -> str:
    """The file's type ("pdf", "jpg", "png"), or a ``ValidationError`` saying why not."""
    detected = validate_upload(file, kinds=("pdf", "jpg", "png"))
    if detected.kind not in EVIDENCE_KINDS:  # kept for a change of the kinds above
        raise ValidationError(
            _("Tệp minh chứng “%(name)s” phải là PDF, JPG hoặc PNG.") % {"name": file.name},
            code="kind",
        )
    return detected.kind
