"""The signed PDF of an issued decision: uploaded by its office (signed with a USB token or
remote signing) or signed by the server when it is issued (``THIDUA_SIGNING_PKCS12`` or a
PKCS#11 token, ``THIDUA_SIGNING_PKCS11_MODULE``).

An upload is kept only when ``awards.signing`` verifies it (intact, whole file, trusted
certificate valid at the signing time) and its text is the decision's own (number, date,
every recipient's name); otherwise it is refused with the reason and nothing is stored. An
upload is one file, the annex inside it (covered by the decision's signature).

The server signs the decision and, when it has one, its annex as two files (Decree
30/2020/NĐ-CP, Phụ lục I, an annex in a file of its own): the decision with the signer's
visible box, the annex with the agency's number-and-time stamp at the top right of its first
page (``awards.signing.sign_annex``).
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from awards import decision_pdf, selectors, signing
from awards.models import Decision, SignedDocument
from awards.services._common import LEADER, STAFF, locked, require_role
from thidua.core import audit
from thidua.core.uploads import validate_upload

logger = logging.getLogger(__name__)


def recipient_names(decision: Decision) -> list[str]:
    """The names the decision's PDF prints in its annex (none for a revocation)."""
    if decision.revokes_id:
        return []
    rows = decision.conferments.select_related("person", "unit").order_by("pk")
    return [c.person.full_name if c.person_id else c.unit.name for c in rows]


def _check_issued(decision: Decision) -> None:
    if decision.status == Decision.Status.DRAFT:
        raise ValidationError(
            _(
                "Quyết định số %(number)s chưa ban hành; chỉ tải lên bản ký số của quyết định "
                "đã ban hành."
            )
            % {"number": decision.number},
            code="state",
        )


def _store(
    decision, data: bytes, info, *, by, source, original_name, annex: bytes = b""
) -> SignedDocument:
    document = SignedDocument.objects.filter(decision=decision).first()
    old_names = {document.file.name, document.annex_file.name} - {""} if document else set()
    document = document or SignedDocument(decision=decision)
    document.original_name = original_name[:255]
    document.sha256 = signing.sha256(data)
    document.source = source
    document.signer_subject = info.signer_subject
    document.signer_name = info.signer_name
    document.issuer_subject = info.issuer_subject
    document.cert_valid_from = info.valid_from
    document.cert_valid_to = info.valid_to
    document.signed_at = info.signed_at
    document.uploaded_by = by
    document.file.save(f"{document.sha256[:32]}.pdf", ContentFile(data), save=False)
    document.annex_sha256 = signing.sha256(annex) if annex else ""
    if annex:
        name = f"phu-luc-{document.annex_sha256[:32]}.pdf"
        document.annex_file.save(name, ContentFile(annex), save=False)
    else:
        document.annex_file = ""
    document.save()
    storage = document.file.storage
    for old_name in old_names - {document.file.name, document.annex_file.name}:
        transaction.on_commit(lambda name=old_name: storage.delete(name))
    return document


@transaction.atomic
def decision_signed_upload(*, decision: Decision, by, file) -> SignedDocument:
    """Keep ``file`` as the signed PDF of the issued ``decision`` (replacing an earlier
    one), for its office's staff and leaders, once verified."""
    decision = locked(decision, "issuing_unit", "handling_unit")
    require_role(by, decision.unit, STAFF, LEADER, action=_("tải lên quyết định đã ký số"))
    _check_issued(decision)
    validate_upload(file, kinds=("pdf",))
    file.seek(0)
    data = file.read()
    info = signing.verify(data)
    signing.check_decision_text(
        data, number=decision.number, day=decision.signed_on, names=recipient_names(decision)
    )
    document = _store(
        decision,
        data,
        info,
        by=by,
        source=SignedDocument.Source.UPLOAD,
        original_name=getattr(file, "name", "") or "",
    )
    audit.record(
        obj=decision,
        by=by,
        action="signed_upload",
        from_state=decision.status,
        to_state=decision.status,
        comment=_("Ký bởi %(subject)s lúc %(at)s")
        % {"subject": info.signer_subject, "at": signing.local(info.signed_at)},
        unit=decision.unit,
    )
    return document


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def decision_sign_on_server(*, decision: Decision, by) -> SignedDocument | None:
    """When a server key is configured (``THIDUA_SIGNING_PKCS12`` or a PKCS#11 token): the
    decision's PDF, generated and signed with that key (the office's signature and seal images
    when its issuer profile has them), and its annex as a second PDF signed at the top right
    of its first page; kept like an uploaded signed PDF. None when signing is off."""
    if not signing.server_signing_enabled():
        return None
    detail = selectors.decision_detail(user=by, pk=decision.pk)
    decision = detail.decision
    profile = getattr(decision.issuing_unit, "issuer_profile", None)
    images = {}
    if profile is not None and profile.signature_image:
        images["signature_image"] = _read(profile.signature_image)
        if profile.seal_image:
            images["seal_image"] = _read(profile.seal_image)
    separate_annex = decision_pdf.has_annex(detail)
    reason = _("Ban hành Quyết định số %(number)s") % {"number": decision.number}
    annex = b""
    with signing.open_server_signer() as signer:
        data = signing.sign(
            decision_pdf.render(detail, part="main" if separate_annex else "whole"),
            signer=signer,
            signer_name=decision.signer_name,
            reason=reason,
            **images,
        )
        if separate_annex:
            annex = signing.sign_annex(
                decision_pdf.render(detail, part="annex"),
                signer=signer,
                number=decision.number,
                reason=_("Phụ lục kèm theo Quyết định số %(number)s") % {"number": decision.number},
            )
        info = signing.verify_own(data, signer)
    document = _store(
        decision,
        data,
        info,
        by=by,
        source=SignedDocument.Source.SERVER,
        original_name=f"quyet-dinh-{decision.pk}-ky-so.pdf",
        annex=annex,
    )
    audit.record(
        obj=decision,
        by=by,
        action="signed_server",
        from_state=decision.status,
        to_state=decision.status,
        comment=_("Ký bởi %(subject)s lúc %(at)s")
        % {"subject": info.signer_subject, "at": signing.local(info.signed_at)},
        unit=decision.unit,
    )
    return document
