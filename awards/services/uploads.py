"""Dossier files of a proposal: checked by ``thidua.core.uploads`` (content, type, size),
stored under a random name; the user's name is kept for display only.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import DossierFile, Nominee, Proposal
from awards.services._common import LEADER, STAFF, locked, require_role
from awards.services.nominees import check_editable
from thidua.core import audit
from thidua.core.uploads import rename_safely, validate_upload


@transaction.atomic
def dossier_upload(
    *, proposal: Proposal, kind: str, file, by, nominee: Nominee | None = None
) -> DossierFile:
    """Attach ``file`` to the dossier of an editable proposal (draft or returned).

    Reports and summaries (``DossierFile.PER_NOMINEE``) name the ``nominee`` they
    describe. Refusals (role, state, type, size) raise ``ValidationError``; nothing is
    stored then.
    """
    proposal = locked(proposal, "proposing_unit")
    check_editable(proposal, by)
    if kind not in DossierFile.Kind.values:
        raise ValidationError(_("Chọn loại tài liệu."), code="kind")
    if kind in DossierFile.PER_NOMINEE:
        if nominee is None or nominee.proposal_id != proposal.pk:
            raise ValidationError(
                _("Chọn đề cử mà %(kind)s này thuộc về.")
                % {"kind": DossierFile.Kind(kind).label.lower()},
                code="nominee",
            )
    elif nominee is not None and nominee.proposal_id != proposal.pk:
        raise ValidationError(_("Đề cử không thuộc đề nghị này."), code="nominee")
    detected = validate_upload(file)
    original = rename_safely(file, detected)
    dossier_file = DossierFile.objects.create(
        proposal=proposal,
        nominee=nominee,
        kind=kind,
        file=file,
        original_name=original,
        size=detected.size,
        content_type=detected.content_type,
        uploaded_by=by,
    )
    audit.record(
        obj=proposal,
        by=by,
        action="dossier_upload",
        from_state=proposal.status,
        to_state=proposal.status,
        comment=f"{dossier_file.get_kind_display()}: {original}",
        unit=proposal.proposing_unit,
    )
    return dossier_file


@transaction.atomic
def dossier_remove(*, dossier_file: DossierFile, by) -> None:
    """Remove a file from an editable proposal's dossier (the stored file too, on commit)."""
    proposal = locked(dossier_file.proposal, "proposing_unit")
    check_editable(proposal, by)
    require_role(by, proposal.proposing_unit, STAFF, LEADER, action=_("xóa tài liệu"))
    storage, name = dossier_file.file.storage, dossier_file.file.name
    dossier_file.delete()
    transaction.on_commit(lambda: storage.delete(name))
    audit.record(
        obj=proposal,
        by=by,
        action="dossier_remove",
        from_state=proposal.status,
        to_state=proposal.status,
        comment=f"{dossier_file.get_kind_display()}: {dossier_file.original_name}",
        unit=proposal.proposing_unit,
    )
