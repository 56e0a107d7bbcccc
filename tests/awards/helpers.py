"""Plain helpers of the proposal → council → decision tests: the year, upload files, a full
dossier and a council vote. No fixtures here: those are in ``workflow_fixtures.py``."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services
from awards.models import Ballot, DossierFile

D = datetime.date
YEAR = 2025


# --- Files -------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OOXML_TYPES = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.%s.main+xml"/></Types>'  # noqa: E501


def docx_bytes() -> bytes:
    types = OOXML_TYPES % b"wordprocessingml.document"
    return _zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    types = OOXML_TYPES % b"spreadsheetml.sheet"
    return _zip({"[Content_Types].xml": types, "xl/workbook.xml": b"<workbook/>"})


CONTENT = {
    "pdf": PDF,
    "png": PNG,
    "jpg": JPG,
    "jpeg": JPG,
    "doc": OLE + "WordDocument".encode("utf-16-le"),
    "xls": OLE + "Workbook".encode("utf-16-le"),
}


def make_file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """A file called ``name`` whose content is of its extension unless given."""
    if content is None:
        extension = name.rsplit(".", 1)[-1].lower()
        content = {"docx": docx_bytes, "xlsx": xlsx_bytes}.get(extension, lambda: None)()
        content = content or CONTENT[extension]
    return SimpleUploadedFile(name, content)


# --- A full dossier and a council vote ----------------------------------------------------


def upload_all(proposal, by, nominees=None):
    """The full dossier: tờ trình, biên bản and one report per nominee."""
    services.dossier_upload(
        proposal=proposal, kind=DossierFile.Kind.SUBMISSION, file=make_file("to-trinh.pdf"), by=by
    )
    services.dossier_upload(
        proposal=proposal, kind=DossierFile.Kind.MINUTES, file=make_file("bien-ban.docx"), by=by
    )
    for nominee in nominees if nominees is not None else proposal.nominees.all():
        services.dossier_upload(
            proposal=proposal,
            kind=DossierFile.Kind.REPORT,
            file=make_file("bao-cao.pdf"),
            by=by,
            nominee=nominee,
        )


def vote_and_close(nominees, wf_council, cast):
    """A session where four of five agree (one of them in writing) and one disagrees."""

    agree, disagree = Ballot.Vote.AGREE, Ballot.Vote.DISAGREE
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=nominees)
    services.session_open(session=session, by=cast.office)
    chair, vice, secretary, fourth, absent = wf_council.members
    for nominee in nominees:
        for member in (chair, vice, secretary):
            services.ballot_cast(session=session, nominee=nominee, member=member, vote=agree)
        services.ballot_cast(session=session, nominee=nominee, member=fourth, vote=disagree)
        services.ballot_cast(
            session=session,
            nominee=nominee,
            member=absent,
            vote=agree,
            in_writing=True,
            recorded_by=secretary,
        )
    return services.session_close(session=session, by=cast.office)
