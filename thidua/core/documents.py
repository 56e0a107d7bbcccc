"""The form of an administrative document (Decree 30/2020/NĐ-CP, Appendix I), as text.

Every printed document (a decision and its list, a public notice, a report, a statistics
table, a certificate, a pledge) is written through these helpers and the partials in
templates/core/official/, so the masthead, the dates, the căn cứ, the counts and the
signature read the same everywhere. The text is the document's own language, Vietnamese,
whatever the user's interface language. No project app is imported: callers pass plain
values (see ``awards.documents`` for decisions and reports).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Legal rank of a cited document: a law first, then decrees, circulars, decisions.
RANK = ("law", "decree", "circular", "decision")
KIND_WORDS = {
    "law": "Luật",
    "decree": "Nghị định",
    "circular": "Thông tư",
    "decision": "Quyết định",
}


def two_digits(n: int) -> str:
    """Counts are written with at least two digits: 01, 08, 12."""
    return f"{n:02d}"


def count_phrase(individuals: int, collectives: int, households: int = 0) -> str:
    """ "01 cá nhân", "02 tập thể", "01 cá nhân và 02 tập thể" (zero parts left out)."""
    parts = [
        f"{two_digits(n)} {word}"
        for n, word in (
            (individuals, "cá nhân"),
            (collectives, "tập thể"),
            (households, "hộ gia đình"),
        )
        if n
    ]
    if not parts:
        return "00 cá nhân"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def date_words(day: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2026": a zero before days under 10 and months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: datetime.date) -> str:
    """ "Hà Nội, ngày 20 tháng 12 năm 2025"."""
    return f"{place}, {date_words(day)}"


@dataclass(frozen=True)
class Basis:
    """One cited document: kind (a ``RANK`` key), number, date, issuer and abstract."""

    kind: str
    number: str
    issued_on: datetime.date
    issuer: str
    title: str
    authority: bool = False  # gives the signer's power (functions decree, charter decision)

    @property
    def line(self) -> str:
        """ "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" (a law by its name),
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định
        chi tiết …" (anything else by type, number, date, issuer and abstract)."""
        day = date_words(self.issued_on).removeprefix("ngày ")
        if self.kind == "law":
            return f"Căn cứ {self.title} ngày {day}"
        title = self.title.strip()
        kind = KIND_WORDS[self.kind]
        if title.lower().startswith(kind.lower()):
            title = title[len(kind) :].strip()  # "Quyết định số … về …", not "… Quyết định …"
        abstract = title[:1].lower() + title[1:] if title else ""
        text = f"Căn cứ {kind} số {self.number} ngày {day} của {self.issuer}"
        return f"{text} {abstract}".rstrip()


def ordered(bases: Iterable[Basis]) -> list[Basis]:
    """By legal rank; within a rank the signer's authority first, then the oldest first.
    A document cited twice is cited once."""
    unique = {basis.number: basis for basis in sorted(bases, key=lambda b: not b.authority)}
    return sorted(unique.values(), key=lambda b: (RANK.index(b.kind), not b.authority, b.issued_on))


def basis_lines(bases: Iterable[Basis], proposer: str = "") -> list[str]:
    """The căn cứ block: one line per document ending ";", then "Theo đề nghị của …."
    (the last line ends with a full stop)."""
    lines = [f"{basis.line};" for basis in ordered(bases)]
    if proposer:
        lines.append(f"Theo đề nghị của {proposer.strip().rstrip('.;')}.")
    elif lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


# How a signer signs (Decree 30/2020, Art. 13 and Appendix I §II.7).
OWN, KT, TM, TM_KT, Q, TL, TUQ = "", "kt", "tm", "tm_kt", "q", "tl", "tuq"


def signature_lines(
    *, mode: str, position: str, head_title: str = "", collective: str = ""
) -> list[str]:
    """The lines above the signature, upper case.

    ``position`` is the signer's own title ("Thứ trưởng"), ``head_title`` the head's
    ("Bộ trưởng"), ``collective`` the collective body ("Ủy ban nhân dân"):
    KT → ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]; TM → ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
    TM_KT → ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; Q → ["Q. BỘ TRƯỞNG"];
    TL/TUQ → ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG …"]; the head's own → ["BỘ TRƯỞNG"].
    """
    position = position.strip().upper()
    head = (head_title or "").strip().upper()
    body = (collective or "").strip().upper()
    if mode == KT and head:
        return [f"KT. {head}", position]
    if mode == TM and body:
        return [f"TM. {body}", position]
    if mode == TM_KT and body and head:
        return [f"TM. {body}", f"KT. {head}", position]
    if mode == Q:
        acting = head or position.removeprefix("QUYỀN ").strip()
        return [f"Q. {acting}"]
    if mode in (TL, TUQ) and head:
        return [f"{mode.upper()}. {head}", position]
    return [position]


# The usual title of a body's head, by the first words of its name (longest first); an
# issuer's profile (``awards.IssuerProfile.head_title``) says it where this guess is wrong.
_HEADS = (
    ("ủy ban nhân dân", "Chủ tịch"),
    ("tổng cục", "Tổng cục trưởng"),
    ("chi cục", "Chi cục trưởng"),
    ("học viện", "Giám đốc"),
    ("văn phòng", "Chánh Văn phòng"),
    ("thanh tra", "Chánh Thanh tra"),
    ("thi hành án dân sự tỉnh", "Trưởng Thi hành án dân sự tỉnh"),
    ("thi hành án dân sự thành phố", "Trưởng Thi hành án dân sự thành phố"),
    ("bộ", "Bộ trưởng"),
    ("cục", "Cục trưởng"),
    ("vụ", "Vụ trưởng"),
    ("sở", "Giám đốc"),
    ("viện", "Viện trưởng"),
    ("trường", "Hiệu trưởng"),
    ("phòng", "Trưởng phòng"),
    ("ban", "Trưởng ban"),
    ("trung tâm", "Giám đốc"),
    ("báo", "Tổng Biên tập"),
    ("tạp chí", "Tổng Biên tập"),
    ("nhà xuất bản", "Giám đốc"),
)


def head_title_for(body: str) -> str:
    """ "Bộ Tư pháp" → "Bộ trưởng", "Cục Thi hành án dân sự tỉnh Long An" → "Cục trưởng",
    "Sở Tư pháp …" → "Giám đốc"; "Thủ trưởng" when the name says nothing."""
    name = " ".join(body.lower().split())
    for start, title in _HEADS:
        if name == start or name.startswith(start + " "):
            return title
    return "Thủ trưởng"
