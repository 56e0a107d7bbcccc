"""Digitally signed decisions (PAdES) with pyHanko: verifying a signed PDF, signing one.

Verifying (``verify``): every signature is intact and cryptographically valid, the last one
covers the whole file (or its whole revision, followed only by validation data or
timestamps, which DocMDP allows), the signature says when it was made (its timestamp token's
time, else the time the signer's software wrote), the signer's certificate was valid at that
moment, and it chains to a root of ``settings.THIDUA_SIGNING_TRUST_ROOTS`` (PEM files;
nothing is fetched from the network) as the chain stood at that moment: a certificate that
has expired since is still accepted for a decision signed while it was valid, one that had
expired before the signing time is refused with its validity dates. (Without a timestamp
token the time is the signer's own claim, which its key holder could backdate; a signature
with a token from a trusted time-stamping authority is judged at the token's time.)
``check_decision_text`` then checks the PDF is the decision's own document: its number, its
date and the name of every recipient are printed in it.

Signing on the server (``sign``, ``sign_annex``): with the key of ``open_server_signer`` —
the PKCS#12 file of ``THIDUA_SIGNING_PKCS12`` or a PKCS#11 token/HSM of
``THIDUA_SIGNING_PKCS11_MODULE`` (off when neither is set).

- The decision (``sign``): a visible box in the space left for the signature (Decree
  30/2020/NĐ-CP, Phụ lục I): the office's signature image with its seal over the left third
  when it configured them, else the signer's name and the signing time (ISO 8601, Vietnam
  time).
- Its annex (``sign_annex``), when the annex is a document of its own: Phụ lục I (mục II.8,
  chữ ký số của cơ quan, tổ chức trên văn bản kèm theo văn bản chính) distinguishes two cases.
  An annex in the same file as the decision is covered by the decision's signature and the
  clerk does not sign it again; an annex in a file of its own is signed by the agency, at the
  top right of its first page, with no image, showing the document's number and symbol and
  the signing time (date, time, Vietnam offset, ISO 8601) in Times New Roman, upright, lower
  case, size 10, black. We follow the second case for server-side signing: the decision and
  its annex are two PDFs, each with its own signature — the decision with the signer's
  visible box, the annex with a text-only stamp (the number, then the time, in Tinos 10, the
  project's Times-metric face) in the top margin of its first page, right-aligned to the
  right margin. One PDF carrying a second signature on the annex's page would be the first
  case signed twice, which the decree rules out; two files also let the annex (the list of
  people and collectives) be sent and verified on its own. Both files are signed with the
  one key the server holds (the office's certificate). (The rule is summarised from the
  decree's text; the reference pages searched while writing this held only secondary
  guidance on it, such as a provincial Sở Nội vụ's note on annexes in the document's file.)
"""

import datetime
import hashlib
import io
import logging
import os
import unicodedata
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FIELD_NAME = "ChuKyNguoiKy"
# The signature boxes' face: Tinos, every printed document's one (Times-metric, every
# Vietnamese glyph), wherever thidua.core.systemdeps finds it; then these, in order.
FONTS = (
    "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
)


@dataclass(frozen=True)
class SignatureInfo:
    """What the decision page shows of a verified signature."""

    signer_subject: str
    signer_name: str
    issuer_subject: str
    valid_from: datetime.datetime
    valid_to: datetime.datetime
    signed_at: datetime.datetime


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- The trust store ---------------------------------------------------------------------


def trust_roots() -> list:
    """The root certificates (asn1crypto) of ``THIDUA_SIGNING_TRUST_ROOTS``: a PEM file, or a
    folder whose .pem/.crt/.cer files hold one or more PEM certificates each."""
    from asn1crypto import pem  # noqa: PLC0415 - pyHanko's stack loads only when signing
    from asn1crypto import x509 as asn1_x509  # noqa: PLC0415 - as above

    location = getattr(settings, "THIDUA_SIGNING_TRUST_ROOTS", "") or ""
    if not location:
        return []
    path = Path(location)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer"))
    elif path.is_file():
        files = [path]
    else:
        logger.error("THIDUA_SIGNING_TRUST_ROOTS=%s does not exist", location)
        return []
    roots = []
    for file in files:
        data = file.read_bytes()
        if not pem.detect(data):
            roots.append(asn1_x509.Certificate.load(data))
            continue
        for kind, _headers, der in pem.unarmor(data, multiple=True):
            if kind == "CERTIFICATE":
                roots.append(asn1_x509.Certificate.load(der))
    return roots


def _validation_context(moment: datetime.datetime | None = None):
    """The trust store, judging certificates as they stood at ``moment`` (now when None)."""
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 - as above

    roots = trust_roots()
    if not roots:
        raise ValidationError(
            _(
                "Chưa cấu hình kho chứng thư tin cậy (THIDUA_SIGNING_TRUST_ROOTS); không thể xác "
                "thực chữ ký số. Hãy báo quản trị hệ thống."
            ),
            code="no_trust_store",
        )
    # No network: the trust store is what the office configured; revocation data the file
    # does not carry is not fetched (soft-fail).
    return ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=moment
    )


# --- Verifying ---------------------------------------------------------------------------


def _subject(name) -> str:
    return name.human_friendly


def _common_name(name) -> str:
    return name.native.get("common_name", "") or ""


def _claimed_time(signature) -> datetime.datetime | None:
    """When ``signature`` says it was made: its timestamp token's time, else the time the
    signer's software wrote in it."""
    try:
        for attribute in signature.signer_info["unsigned_attrs"] or ():
            if attribute["type"].native == "signature_time_stamp_token":
                token = attribute["values"][0]["content"]
                return token["encap_content_info"]["content"].parsed["gen_time"].native
    except Exception:  # a malformed token: judged by the validation below
        logger.info("unreadable timestamp token", exc_info=True)
    return signature.self_reported_timestamp


def verify(data: bytes) -> SignatureInfo:
    """The last signature of ``data`` if every check passes, else a ``ValidationError``
    saying why (in Vietnamese). Certificates are judged at the signing time."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 - as above
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 - as above

    _validation_context()  # no trust store: refused before the file is read
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:  # pyHanko raises many kinds on a malformed file
        logger.info("unreadable signed PDF", exc_info=True)
        raise ValidationError(
            _("Không đọc được tệp PDF; hãy tải lên đúng tệp quyết định đã ký số."),
            code="unreadable",
        ) from None
    if not signatures:
        raise ValidationError(_("Tệp PDF chưa được ký số."), code="unsigned")
    statuses = []
    for signature in signatures:
        try:
            context = _validation_context(_claimed_time(signature))
            statuses.append(validate_pdf_signature(signature, context))
        except Exception:  # a broken signature dictionary or CMS blob
            logger.info("signature validation failed", exc_info=True)
            raise ValidationError(_broken(), code="broken") from None
    for status in statuses:
        if not (status.intact and status.valid):
            raise ValidationError(_broken(), code="broken")
        if status.docmdp_ok is False:
            raise ValidationError(_modified(), code="modified")
    last = statuses[-1]
    if not _covers_whole_file(last):
        raise ValidationError(_modified(), code="modified")
    cert = last.signing_cert
    signed_at = last.signer_reported_dt
    if last.timestamp_validity is not None and last.timestamp_validity.intact:
        signed_at = last.timestamp_validity.timestamp
    if signed_at is None:
        raise ValidationError(_("Chữ ký số không ghi thời điểm ký."), code="no_time")
    valid_from, valid_to = cert.not_valid_before, cert.not_valid_after
    # Before the trust check: a certificate used outside its validity is not trusted either,
    # and this says why.
    if not valid_from <= signed_at <= valid_to:
        raise ValidationError(
            _(
                "Chứng thư của người ký không có hiệu lực vào thời điểm ký (%(at)s): chứng thư "
                "chỉ có hiệu lực từ %(start)s đến %(end)s."
            )
            % {"at": local(signed_at), "start": local(valid_from), "end": local(valid_to)},
            code="expired",
        )
    if not last.trusted:
        raise ValidationError(
            _(
                "Chứng thư không thuộc tổ chức được tin cậy: chứng thư của %(subject)s do "
                "%(issuer)s cấp không dẫn tới chứng thư gốc nào trong kho tin cậy."
            )
            % {"subject": _subject(cert.subject), "issuer": _subject(cert.issuer)},
            code="untrusted",
        )
    return SignatureInfo(
        signer_subject=_subject(cert.subject)[:500],
        signer_name=_common_name(cert.subject)[:200],
        issuer_subject=_subject(cert.issuer)[:500],
        valid_from=valid_from,
        valid_to=valid_to,
        signed_at=signed_at,
    )


def _broken() -> str:
    return _("Chữ ký không còn nguyên vẹn: nội dung tệp đã bị thay đổi sau khi ký.")


def _modified() -> str:
    return _(
        "Chữ ký không bao trùm toàn bộ tệp: tệp đã được bổ sung nội dung sau khi ký; hãy tải "
        "lên bản gốc đã ký số."
    )


def _covers_whole_file(status) -> bool:
    """The whole file, or the whole signed revision followed only by what DocMDP lets a
    signed file gain (validation data, document timestamps)."""
    from pyhanko.sign.diff_analysis import ModificationLevel  # noqa: PLC0415 - as above
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 - as above

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and (
        status.modification_level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    )


def local(moment: datetime.datetime) -> str:
    """ "2026-01-15T09:30:00+07:00": ISO 8601 in Vietnam time (Decree 30/2020)."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def verify_own(data: bytes, signer) -> SignatureInfo:
    """What the page shows of a PDF the server just signed with ``signer`` (its certificate
    need not be in the trust store uploads are checked against)."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 - as above

    signature = PdfFileReader(io.BytesIO(data)).embedded_regular_signatures[-1]
    cert = signer.signing_cert
    signed_at = signature.self_reported_timestamp or datetime.datetime.now(tz=datetime.UTC)
    return SignatureInfo(
        signer_subject=_subject(cert.subject)[:500],
        signer_name=_common_name(cert.subject)[:200],
        issuer_subject=_subject(cert.issuer)[:500],
        valid_from=cert.not_valid_before,
        valid_to=cert.not_valid_after,
        signed_at=signed_at,
    )


# --- Is it this decision? ----------------------------------------------------------------


def _squeeze(text: str) -> str:
    """NFC, lower case, no whitespace: table cells and line breaks split words anywhere."""
    return "".join(unicodedata.normalize("NFC", text).lower().split())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - pypdf loads only for a PDF

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # pypdf raises many kinds on a malformed file
        logger.info("unreadable text in signed PDF", exc_info=True)
        return ""


def check_decision_text(data: bytes, *, number: str, day: datetime.date, names) -> None:
    """Refuse a PDF whose text lacks the decision's number, its date (dd/mm/yyyy or "ngày …
    tháng … năm …", as the decision prints it) or a recipient's name."""
    from thidua.core.documents import date_words  # noqa: PLC0415 - the kernel's date rule

    text = _squeeze(pdf_text(data))
    missing = []
    # "Số: 15/QĐ-…" in the masthead, "Quyết định số 15/QĐ-…" in the annex: anchored on "số"
    # so that 1/QĐ-BTP is not found inside 11/QĐ-BTP.
    if "số" + _squeeze(number) not in text.replace("số:", "số"):
        missing.append(_("số %(number)s") % {"number": number})
    dates = (f"{day:%d/%m/%Y}", date_words(day), f"ngày {day.day} tháng {day.month}")
    if not any(_squeeze(words) in text for words in dates):
        missing.append(_("ngày ký %(day)s") % {"day": f"{day:%d/%m/%Y}"})
    absent = [name for name in dict.fromkeys(names) if _squeeze(name) not in text]
    if absent:
        shown = ", ".join(absent[:5]) + ("…" if len(absent) > 5 else "")
        missing.append(_("tên %(names)s") % {"names": shown})
    if missing:
        raise ValidationError(
            _("Tệp không phải quyết định số %(number)s ngày %(day)s: không thấy %(missing)s.")
            % {"number": number, "day": f"{day:%d/%m/%Y}", "missing": "; ".join(missing)},
            code="other_document",
        )


# --- Signing on the server ---------------------------------------------------------------


def _pkcs12() -> str:
    return getattr(settings, "THIDUA_SIGNING_PKCS12", "") or ""


def _pkcs11_module() -> str:
    return getattr(settings, "THIDUA_SIGNING_PKCS11_MODULE", "") or ""


def server_signing_enabled() -> bool:
    return bool(_pkcs12() or _pkcs11_module())


def server_signer():
    """The pyHanko signer of ``THIDUA_SIGNING_PKCS12``, or None when it is not set."""
    from pyhanko.sign import signers  # noqa: PLC0415 - as above

    path = _pkcs12()
    if not path:
        return None
    password = getattr(settings, "THIDUA_SIGNING_PKCS12_PASSWORD", "") or ""
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode() or None)
    if signer is None:
        raise ImproperlyConfigured(
            "THIDUA_SIGNING_PKCS12: the PKCS#12 file cannot be read with the given password"
        )
    return signer


# (module, token label, PIN) a token refused: a wrong PIN is not tried again by this process,
# so that issuing decisions one after another does not lock the token.
_REFUSED_PINS: set[tuple] = set()


@contextmanager
def _pkcs11_signer():
    """A signer on the token of ``THIDUA_SIGNING_PKCS11_*``, its session closed after."""
    from pyhanko.config.pkcs11 import TokenCriteria  # noqa: PLC0415 - as above
    from pyhanko.sign import pkcs11  # noqa: PLC0415 - python-pkcs11 loads only for a token

    label = getattr(settings, "THIDUA_SIGNING_PKCS11_TOKEN_LABEL", "") or None
    key_label = getattr(settings, "THIDUA_SIGNING_PKCS11_KEY_LABEL", "") or None
    cert_label = getattr(settings, "THIDUA_SIGNING_PKCS11_CERT_LABEL", "") or key_label
    if not key_label:
        raise ImproperlyConfigured(
            "THIDUA_SIGNING_PKCS11_KEY_LABEL: name the key on the token that signs decisions"
        )
    pin = getattr(settings, "THIDUA_SIGNING_PKCS11_PIN", "") or None
    attempt = (_pkcs11_module(), label, pin)
    if attempt in _REFUSED_PINS:
        raise ImproperlyConfigured(
            "THIDUA_SIGNING_PKCS11_PIN was refused by the token; not tried again until the "
            "PIN is changed or the server restarts (tokens lock after a few wrong PINs)"
        )
    try:
        session = pkcs11.open_pkcs11_session(
            _pkcs11_module(), token_criteria=TokenCriteria(label=label), user_pin=pin
        )
    except Exception as error:  # python-pkcs11 raises one class per PKCS#11 return value
        if type(error).__name__ in ("PinIncorrect", "PinInvalid", "PinLenRange"):
            _REFUSED_PINS.add(attempt)
        raise ImproperlyConfigured(
            f"THIDUA_SIGNING_PKCS11_*: cannot open a session on token {label or '(any)'} of "
            f"{_pkcs11_module()}: {type(error).__name__} {error}"
        ) from error
    try:
        # other_certs_to_pull=None: the token's other certificates (the issuing CAs a USB
        # token usually carries) go into the signature, so verifiers can build the chain.
        # use_raw_mechanism: the digest is computed here and the token signs it (CKM_RSA_PKCS,
        # CKM_ECDSA), mechanisms every token has; hash-and-sign ones such as
        # CKM_ECDSA_SHA256 are missing on many tokens (SoftHSM2 among them).
        yield pkcs11.PKCS11Signer(
            session,
            cert_label=cert_label,
            key_label=key_label,
            other_certs_to_pull=None,
            use_raw_mechanism=True,
        )
    finally:
        session.close()


@contextmanager
def open_server_signer():
    """The server's signer for the ``with`` block: the PKCS#11 token when
    ``THIDUA_SIGNING_PKCS11_MODULE`` is set, else the PKCS#12 file; None when signing is
    off. Setting both is refused: which key signs must not be a guess."""
    if _pkcs11_module() and _pkcs12():
        raise ImproperlyConfigured(
            "THIDUA_SIGNING_PKCS11_MODULE and THIDUA_SIGNING_PKCS12 are both set: keep one"
        )
    if _pkcs11_module():
        with _pkcs11_signer() as signer:
            yield signer
    else:
        yield server_signer()


def _font():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory  # noqa: PLC0415

    from thidua.core.systemdeps import font_files  # noqa: PLC0415 - the PDF font's finder

    configured = getattr(settings, "THIDUA_SIGNING_FONT", "")
    tinos = str(font_files().get("Tinos-Regular.ttf", ""))
    for candidate in (configured, tinos, *FONTS):
        if candidate and os.path.exists(candidate):
            return GlyphAccumulatorFactory(candidate)
    return None


def _name_position(data: bytes, name: str):
    """(page index, x, y) of the signer's name under the signature space, or None."""
    from pypdf import PdfReader  # noqa: PLC0415 - as above

    wanted = _squeeze(name)
    if not wanted:
        return None
    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        found = []

        def visit(text, cm, tm, _font, _size, found=found):
            if wanted and wanted in _squeeze(text):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y))

        page.extract_text(visitor_text=visit)
        if found:
            return index, *found[0]
    return None


def _composed_image(signature: bytes, seal: bytes):
    """The signature image with the seal over its left third (Phụ lục I), as one PNG."""
    from PIL import Image  # noqa: PLC0415 - Pillow loads only to compose the stamp

    with Image.open(io.BytesIO(signature)) as signature_file:
        canvas = signature_file.convert("RGBA")
    if seal:
        with Image.open(io.BytesIO(seal)) as seal_file:
            seal = seal_file.convert("RGBA")
        height = canvas.height
        seal = seal.resize((max(1, seal.width * height // max(1, seal.height)), height))
        width = max(canvas.width, seal.width * 2 // 3 + canvas.width)
        composed = Image.new("RGBA", (width, height), (255, 255, 255, 0))
        composed.alpha_composite(canvas, (seal.width * 2 // 3, 0))
        composed.alpha_composite(seal, (0, 0))
        canvas = composed
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    out.seek(0)
    return out


def _signed(data: bytes, *, signer, meta, stamp_style, field_spec, at, text_params) -> bytes:
    """``data`` signed in a new field ``field_spec``, the signature dated ``at`` — the same
    moment its visible text shows (pyHanko would otherwise take its own clock reading)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415

    class PdfSignerAt(signers.PdfSigner):
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = at
            return session

    pdf_signer = PdfSignerAt(
        meta, signer=signer, stamp_style=stamp_style, new_field_spec=field_spec
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(data), strict=False),
        output=out,
        appearance_text_params=text_params,
    )
    return out.getvalue()


def _now() -> datetime.datetime:
    return datetime.datetime.now(tz=VIETNAM).replace(microsecond=0)


def sign(
    data: bytes,
    *,
    signer,
    signer_name: str,
    signature_image: bytes = b"",
    seal_image: bytes = b"",
    reason: str = "",
    at: datetime.datetime | None = None,
) -> bytes:
    """``data`` signed by ``signer`` with a visible signature box above ``signer_name``;
    ``signature_image`` and ``seal_image`` are PNG/JPEG bytes; ``at`` the signing time
    (now)."""
    from pyhanko.pdf_utils.images import PdfImage  # noqa: PLC0415 - as above
    from pyhanko.pdf_utils.layout import AxisAlignment, SimpleBoxLayoutRule  # noqa: PLC0415
    from pyhanko.pdf_utils.text import TextBoxStyle  # noqa: PLC0415
    from pyhanko.sign import fields, signers  # noqa: PLC0415
    from pyhanko.stamp import TextStampStyle  # noqa: PLC0415

    position = _name_position(data, signer_name)
    width, height = 170.0, 56.0
    if position is None:  # no name printed: bottom right of the first page
        page, left, bottom = 0, 595.0 - 56.0 - width, 90.0
    else:
        page, x, y = position
        centre = x + len(signer_name) * 13 * 0.55 / 2
        page, left, bottom = page, centre - width / 2, y + 14
    now = at or _now()
    cert_name = _common_name(signer.signing_cert.subject) or signer_name
    font = _font()
    text_style = TextBoxStyle(font=font, font_size=9) if font else TextBoxStyle(font_size=9)
    style_args = {
        "stamp_text": "%(name)s\n%(time)s",
        "text_box_style": text_style,
        "border_width": 1,
        "timestamp_format": "%Y-%m-%dT%H:%M:%S%z",
    }
    if signature_image:
        from PIL import Image  # noqa: PLC0415 - as above

        with Image.open(_composed_image(signature_image, seal_image)) as image:
            image.load()
            style_args["background"] = PdfImage(image.copy())
        style_args["background_layout"] = SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MID
        )
        style_args["background_opacity"] = 1
        style_args["border_width"] = 0
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason or None, name=cert_name
    )
    box = (left, bottom, left + width, bottom + height)
    return _signed(
        data,
        signer=signer,
        meta=meta,
        stamp_style=TextStampStyle(**style_args),
        field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box),
        at=now,
        text_params={"name": cert_name, "time": local(now)},
    )


# The agency's stamp on a separate annex (Phụ lục I): top right of the first page, in the
# top margin (20 mm, static/css/official.css), its right edge on the right margin (15 mm).
ANNEX_FIELD_NAME = "ChuKyCoQuanPhuLuc"
MM = 72 / 25.4
ANNEX_STAMP_SIZE = (150.0, 30.0)  # two lines of 10 pt
ANNEX_STAMP_TOP = 6 * MM  # below the page's top edge
ANNEX_STAMP_RIGHT = 15 * MM  # from the page's right edge


def annex_stamp_box(media_box) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the annex stamp on a page of ``media_box``."""
    _left, _bottom, right, top = (float(v) for v in media_box)
    width, height = ANNEX_STAMP_SIZE
    return (
        right - ANNEX_STAMP_RIGHT - width,
        top - ANNEX_STAMP_TOP - height,
        right - ANNEX_STAMP_RIGHT,
        top - ANNEX_STAMP_TOP,
    )


def sign_annex(
    data: bytes, *, signer, number: str, reason: str = "", at: datetime.datetime | None = None
) -> bytes:
    """The annex PDF ``data`` signed by the agency (``signer``) as Phụ lục I asks of an annex
    in a file of its own: no image, the document's ``number`` and the signing time (ISO 8601,
    Vietnam offset) at the top right of its first page, in 10 pt, right-aligned."""
    from pyhanko.pdf_utils.layout import AxisAlignment, SimpleBoxLayoutRule  # noqa: PLC0415
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415
    from pyhanko.pdf_utils.text import TextBoxStyle  # noqa: PLC0415
    from pyhanko.sign import fields, signers  # noqa: PLC0415
    from pyhanko.stamp import TextStampStyle  # noqa: PLC0415

    page = PdfFileReader(io.BytesIO(data), strict=False).root["/Pages"]["/Kids"][0]
    media_box = page.get_object()["/MediaBox"]
    now = at or _now()
    font = _font()
    fonts = {"font": font} if font else {}
    text_style = TextBoxStyle(**fonts, font_size=10, leading=12, border_width=0)
    style = TextStampStyle(
        stamp_text="%(number)s\n%(time)s",
        text_box_style=text_style,
        border_width=0,
        background=None,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MAX, y_align=AxisAlignment.ALIGN_MAX
        ),
    )
    cert_name = _common_name(signer.signing_cert.subject) or None
    meta = signers.PdfSignatureMetadata(
        field_name=ANNEX_FIELD_NAME, reason=reason or None, name=cert_name
    )
    return _signed(
        data,
        signer=signer,
        meta=meta,
        stamp_style=style,
        field_spec=fields.SigFieldSpec(ANNEX_FIELD_NAME, on_page=0, box=annex_stamp_box(media_box)),
        at=now,
        text_params={"number": number, "time": local(now)},
    )
