"""Certificate use cases: which template an award uses, printing (register numbers, the print
log), template edits with field validation, blank placements and background images."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from awards.catalogue.models import Award
from awards.certificates.document_defaults import DEFAULTS as DOCUMENT_DEFAULTS
from awards.certificates.models import (
    Certificate,
    CertificatePrint,
    CertificateTemplate,
    DocumentTemplate,
    FieldPlacement,
    Kind,
    RegisterCounter,
)
from awards.certificates.wording import placement_error, wording_errors
from awards.models import Conferment, Decision, Proposal
from awards.selectors import proposal_can_draft_decision
from awards.services._common import LEADER, locked, require_role
from thidua.core import audit
from thidua.core.uploads import validate_image
from units.access import has_role, is_admin

# --- Templates -------------------------------------------------------------------------------


def kind_for(award: Award) -> str:
    """The template kind an award falls back to when it has no template of its own."""
    name = f"{award.form_name} {award.name}".lower()
    if "cờ" in name:
        return Kind.FLAG
    if award.kind == Award.Kind.TITLE:
        if award.subject == Award.Subject.INDIVIDUAL:
            return Kind.TITLE_INDIVIDUAL
        return Kind.TITLE_COLLECTIVE
    if "giấy khen" in name:
        return Kind.GIAY_KHEN
    return Kind.BANG_KHEN


def templates_for(awards) -> dict[int, CertificateTemplate]:
    """The template of each award (its own, else the default of its kind), with its blank
    layout, in two queries."""
    awards = list(awards)
    kinds = {kind_for(a) for a in awards}
    rows = CertificateTemplate.objects.filter(
        award__in=awards
    ) | CertificateTemplate.objects.filter(award__isnull=True, kind__in=kinds)
    rows = list(rows.prefetch_related("placements"))
    own = {t.award_id: t for t in rows if t.award_id}
    defaults = {t.kind: t for t in rows if not t.award_id}
    found = {}
    for award in awards:
        template = own.get(award.pk) or defaults.get(kind_for(award))
        if template is None:
            # No default seeded for this kind: an unsaved one with the stock wording.
            template = CertificateTemplate(kind=kind_for(award), **DEFAULT_WORDING[kind_for(award)])
        found[award.pk] = template
    return found


DEFAULT_WORDING = {
    Kind.BANG_KHEN: {"title": "TẶNG BẰNG KHEN"},
    Kind.GIAY_KHEN: {"title": "TẶNG GIẤY KHEN"},
    Kind.TITLE_INDIVIDUAL: {"title": "TẶNG DANH HIỆU\n{award_name}"},
    Kind.TITLE_COLLECTIVE: {
        "title": "TẶNG DANH HIỆU\n{award_name}",
        "details": "",
    },
    Kind.FLAG: {"title": "TẶNG CỜ THI ĐUA", "details": ""},
}


def can_manage_templates(user) -> bool:
    return is_admin(user)


def _require_admin(by) -> None:
    if not can_manage_templates(by):
        raise ValidationError(_("Chỉ quản trị viên được sửa mẫu bằng."), code="role")


@transaction.atomic
def template_save(*, template: CertificateTemplate, by, data: dict) -> CertificateTemplate:
    """Save the wording (and kind, award) after checking every named field exists."""
    _require_admin(by)
    return _wording_save(template, by, data)


def _wording_save(template, by, data: dict):
    """Any template with named fields (a certificate's, a drafted document's): its wording
    checked field by field, who changed it kept in its history and the audit log."""
    for name, value in data.items():
        setattr(template, name, value)
    errors = wording_errors(template)
    if errors:
        raise ValidationError(errors)
    template.updated_by = by
    template._history_user = by  # the field history's "who" outside a request too
    template.full_clean(exclude=["background"])
    template.save()
    audit.record(obj=template, by=by, action="template_save", comment=str(template))
    return template


@transaction.atomic
def template_delete(*, template: CertificateTemplate, by) -> None:
    """Drop an award's own template: the award prints with its kind's default again.
    A kind's default stays (edit its wording instead)."""
    _require_admin(by)
    if template.award_id is None:
        raise ValidationError(
            _("Mẫu mặc định của loại bằng không xóa được; hãy sửa lời văn của mẫu."), code="default"
        )
    audit.record(obj=template, by=by, action="delete", comment=str(template))
    background = template.background.name if template.background else ""
    storage = template.background.storage
    template.delete()
    if background:
        transaction.on_commit(lambda: storage.delete(background))


def background_set(*, template: CertificateTemplate, by, file) -> None:
    """Store the scan of the blank (JPG or PNG, checked by content) for previews."""
    _require_admin(by)
    detected = validate_image(file)
    file.name = f"{uuid.uuid4().hex}.{detected.kind}"
    old = template.background.name if template.background else ""
    template.background = file
    template.updated_by = by
    template.save()
    if old:
        storage = template.background.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def placements_save(*, template: CertificateTemplate, by, rows: list[dict]) -> None:
    """Replace the template's blank layout; refuse any field outside the page, or twice."""
    _require_admin(by)
    errors, seen = [], set()
    for row in rows:
        if row["field"] in seen:
            errors.append(_("Trường {%(field)s} được đặt hai lần.") % {"field": row["field"]})
        seen.add(row["field"])
        error = placement_error(
            row["field"], row["x_mm"], row["y_mm"], row["width_mm"], row["font_size"]
        )
        if error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    template.placements.all().delete()
    FieldPlacement.objects.bulk_create(FieldPlacement(template=template, **row) for row in rows)
    audit.record(obj=template, by=by, action="placements_save", comment=f"{len(rows)} trường")


# --- Drafted documents (tờ trình, dự thảo quyết định) ----------------------------------------


def document_template_for(*, document: str, authority, award_kind: str) -> DocumentTemplate:
    """The most specific template (one query): the authority's for the award kind, the
    authority's for any kind, the general one for the kind, the general one; an unsaved one
    with the stock wording when even that is missing."""
    rows = DocumentTemplate.objects.filter(
        Q(authority=authority) | Q(authority__isnull=True),
        document=document,
        award_kind__in={award_kind, ""},
    ).select_related("authority")
    ranked = sorted(rows, key=lambda t: (t.authority_id is None, t.award_kind != award_kind))
    if ranked:
        return ranked[0]
    stock = DOCUMENT_DEFAULTS.get((document, award_kind)) or DOCUMENT_DEFAULTS[(document, "")]
    return DocumentTemplate(document=document, award_kind="", **stock)


def can_draft_decision(user, proposal: Proposal) -> bool:
    return proposal_can_draft_decision(proposal, user)


def _require_document_admin(by) -> None:
    if not can_manage_templates(by):
        raise ValidationError(_("Chỉ quản trị viên được sửa mẫu văn bản."), code="role")


@transaction.atomic
def document_template_save(*, template: DocumentTemplate, by, data: dict) -> DocumentTemplate:
    """Save a document template's wording (and its document, authority, kind) after checking
    every named field exists."""
    _require_document_admin(by)
    return _wording_save(template, by, data)


@transaction.atomic
def document_template_delete(*, template: DocumentTemplate, by) -> None:
    """Drop an authority's or a kind's own template: its documents use the next one again.
    The general template of a document stays (edit its wording instead)."""
    _require_document_admin(by)
    if template.is_default:
        raise ValidationError(
            _("Mẫu chung của văn bản không xóa được; hãy sửa lời văn của mẫu."), code="default"
        )
    audit.record(obj=template, by=by, action="delete", comment=str(template))
    template.delete()


# --- Printing -------------------------------------------------------------------------------


def can_print(user, decision: Decision) -> bool:
    """Admins, and leaders of the unit that handles the decision."""
    return has_role(user, decision.unit, LEADER)


def decision_refusal(decision: Decision) -> str:
    """Why no certificate of ``decision`` can be printed, or "" when it is in force."""
    if decision.status == Decision.Status.DRAFT:
        return _("Quyết định %(n)s chưa ban hành: chưa in được bằng.") % {"n": decision.number}
    if decision.status == Decision.Status.REVOKED:
        return _("Quyết định %(n)s đã bị hủy bỏ: không in bằng.") % {"n": decision.number}
    return ""


def refusal(conferment: Conferment, decision: Decision) -> str:
    """Why a conferment's certificate cannot be printed, or "" when it can."""
    if why := decision_refusal(decision):
        return why
    if conferment.revoked:
        by = conferment.revoked_by
        if by is not None:
            return _("Đã bị thu hồi theo Quyết định số %(n)s ngày %(d)s: không in bằng.") % {
                "n": by.number,
                "d": f"{by.signed_on:%d/%m/%Y}",
            }
        return _("Khen thưởng đã bị thu hồi: không in bằng.")
    return ""


def _check_print(*, decision: Decision, conferments: list[Conferment], by) -> None:
    require_role(by, decision.unit, LEADER, action=_("in bằng khen của quyết định này"))
    if not conferments:
        raise ValidationError(_("Chưa chọn ai để in bằng."), code="empty")
    refused = [f"{c.recipient}: {why}" for c in conferments if (why := refusal(c, decision))]
    foreign = [c for c in conferments if c.decision_id != decision.pk]
    if foreign:
        raise ValidationError(_("Có khen thưởng không thuộc quyết định này."), code="foreign")
    if refused:
        raise ValidationError(refused, code="refused")


def certificates_preview(
    *, decision: Decision, conferments: list[Conferment], by, reason: str = ""
) -> int:
    """Check a print as ``certificates_print`` would, and use no register number: the
    number of certificates that confirming would number for the first time."""
    _check_print(decision=decision, conferments=conferments, by=by)
    printed = set(
        Certificate.objects.filter(conferment__in=[c.pk for c in conferments]).values_list(
            "conferment_id", flat=True
        )
    )
    if printed and not reason.strip():
        raise ValidationError(
            _("%(n)s bằng đã in trước đây (giữ nguyên số vào sổ): ghi lý do in lại.")
            % {"n": len(printed)},
            code="reason",
        )
    return sum(1 for c in conferments if c.pk not in printed)


@transaction.atomic
def certificates_print(
    *, decision: Decision, conferments: list[Conferment], by, reason: str = "", on_blank=False
) -> list[Certificate]:
    """Register and log a print of ``conferments`` of an issued ``decision``.

    A conferment printed for the first time gets the next register number of the decision's
    conferring body and year; a reprint keeps its number and needs a ``reason``. The
    decision row is locked so two prints of it run one after the other, and the counter row
    so two decisions of the same body and year never take the same number (the unique
    constraint on the register backs both). Returns the certificates in the given order.
    A fixed number of queries, whatever the number of conferments.
    """
    decision = locked(decision, "authority", "issuing_unit", "handling_unit")
    _check_print(decision=decision, conferments=conferments, by=by)
    existing = {
        c.conferment_id: c
        for c in Certificate.objects.filter(conferment__in=[c.pk for c in conferments])
    }
    reason = (reason or "").strip()
    if existing and not reason:
        raise ValidationError(
            _("%(n)s bằng đã in trước đây (giữ nguyên số vào sổ): ghi lý do in lại.")
            % {"n": len(existing)},
            code="reason",
        )
    new = [c for c in conferments if c.pk not in existing]
    if new:
        counter = _counter(decision)
        created = [
            Certificate(
                conferment=c,
                authority_id=decision.authority_id,
                issuing_unit_id=decision.issuing_unit_id,
                year=decision.year,
                number=counter.last + i,
                created_by=by if by.is_authenticated else None,
            )
            for i, c in enumerate(new, start=1)
        ]
        Certificate.objects.bulk_create(created)
        counter.last += len(new)
        counter.save(update_fields=["last"])
        if any(c.pk is None for c in created):  # backends without RETURNING
            ids = {c.conferment_id: c for c in Certificate.objects.filter(conferment__in=new)}
            created = [ids[c.conferment_id] for c in created]
        existing.update({c.conferment_id: c for c in created})
    certificates = [existing[c.pk] for c in conferments]
    first_time = {c.pk for c in new}
    CertificatePrint.objects.bulk_create(
        CertificatePrint(
            certificate=cert,
            printed_by=by,
            reprint=cert.conferment_id not in first_time,
            reason="" if cert.conferment_id in first_time else reason,
            on_blank=on_blank,
        )
        for cert in certificates
    )
    reprints = len(conferments) - len(new)
    comment = _("In %(n)s bằng (%(new)s cấp số mới, %(re)s in lại)") % {
        "n": len(conferments),
        "new": len(new),
        "re": reprints,
    }
    if reprints:
        comment += f": {reason}"
    audit.record(
        obj=decision,
        by=by,
        action="certificates_print",
        from_state=decision.status,
        to_state=decision.status,
        comment=comment,
        unit=decision.unit,
    )
    return certificates


def _counter(decision: Decision) -> RegisterCounter:
    key = {
        "authority_id": decision.authority_id,
        "issuing_unit_id": decision.issuing_unit_id,
        "year": decision.year,
    }
    counter, created = RegisterCounter.objects.get_or_create(**key)
    if created:
        # Numbers given before the counter existed (imports) are never reused.
        top = Certificate.objects.filter(**key).aggregate(top=Max("number"))["top"] or 0
        if top:
            counter.last = top
            counter.save(update_fields=["last"])
    return RegisterCounter.objects.select_for_update().get(pk=counter.pk)
