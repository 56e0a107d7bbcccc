"""The legal registry since 2010 and the periods (regimes) that rule versions follow.

Sources are listed in docs/legal-regimes.md. A date that no public source read so far
gives (``NF`` there) is a placeholder, and the document's title says so
("ngày … chưa đối chiếu văn bản"): the earliest date the document is known to exist by,
usually its issue date. Never a guessed day.
"""

import datetime
from dataclasses import dataclass

from awards.catalogue.models import LegalDocument

D = datetime.date

LAW = "06/2022/QH15"
LAW_2003 = "15/2003/QH11"
LAW_2005 = "47/2005/QH11"
LAW_2013 = "39/2013/QH13"
D42 = "42/2010/NĐ-CP"
D65 = "65/2014/NĐ-CP"
D91 = "91/2017/NĐ-CP"
D98 = "98/2023/NĐ-CP"
D152 = "152/2025/NĐ-CP"
TT07 = "07/2014/TT-BNV"
TT08 = "08/2017/TT-BNV"
TT12 = "12/2019/TT-BNV"
TT01 = "01/2024/TT-BNV"
C06_2011 = "06/2011/TT-BTP"
C14_2015 = "14/2015/TT-BTP"
C05 = "05/2018/TT-BTP"
C06_2018 = "06/2018/TT-BTP"
C11 = "11/2023/TT-BTP"
C14 = "14/2025/TT-BTP"
# The decrees on the Ministry of Justice's functions: the Minister's power to sign, cited by
# the ministry's IssuerProfile (authority_bases), not by rule versions.
MOJ_2017 = "96/2017/NĐ-CP"
MOJ_2022 = "98/2022/NĐ-CP"
MOJ_2025 = "39/2025/NĐ-CP"
MOJ_FUNCTIONS = (MOJ_2025, MOJ_2022, MOJ_2017)

_GUIDE = "Hướng dẫn công tác thi đua, khen thưởng ngành Tư pháp"
_DECREE = "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng"
_MOJ = "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp"
_KNC = 'Quy định xét tặng Kỷ niệm chương "Vì sự nghiệp Tư pháp"'
_LAW_AMEND = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng"
NOT_CHECKED = " (ngày hiệu lực chưa đối chiếu văn bản)"
DATES_NOT_CHECKED = " (số hiệu, ngày ban hành và hiệu lực chưa đối chiếu văn bản)"
_LAW, _DEC, _CIRC = (
    LegalDocument.Kind.LAW,
    LegalDocument.Kind.DECREE,
    LegalDocument.Kind.CIRCULAR,
)
_NA, _CP, _BNV, _BTP = "Quốc hội", "Chính phủ", "Bộ Nội vụ", "Bộ Tư pháp"


def _doc(number, kind, title, issuer, issued, start, end=None, successor=None):
    return {
        "number": number,
        "kind": kind,
        "title": title,
        "issuer": issuer,
        "issued_on": issued,
        "effective_from": start,
        "effective_to": end,
        **({"replaced_by": successor} if successor else {}),
    }


# A successor comes before the documents it replaces (the seed links them in one pass).
LEGAL_DOCUMENTS = [
    _doc(LAW, _LAW, "Luật Thi đua, khen thưởng", _NA, D(2022, 6, 15), D(2024, 1, 1)),
    _doc(
        LAW_2003,
        _LAW,
        "Luật Thi đua, khen thưởng",
        _NA,
        D(2003, 11, 26),
        D(2004, 7, 1),
        D(2023, 12, 31),
        LAW,
    ),
    _doc(
        LAW_2005,
        _LAW,
        _LAW_AMEND + NOT_CHECKED,
        _NA,
        D(2005, 6, 14),
        D(2005, 6, 14),
        D(2023, 12, 31),
        LAW,
    ),
    _doc(
        LAW_2013,
        _LAW,
        _LAW_AMEND + NOT_CHECKED,
        _NA,
        D(2013, 11, 16),
        D(2013, 11, 16),
        D(2023, 12, 31),
        LAW,
    ),
    _doc(
        D152,
        _DEC,
        "Quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi "
        "tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        _CP,
        D(2025, 6, 14),
        D(2025, 7, 1),
    ),
    _doc(D98, _DEC, _DECREE, _CP, D(2023, 12, 31), D(2024, 1, 1), D(2025, 6, 30), D152),
    _doc(
        D91,
        _DEC,
        "Quy định chi tiết thi hành một số điều của Luật thi đua, khen thưởng" + NOT_CHECKED,
        _CP,
        D(2017, 7, 31),
        D(2017, 7, 31),
        D(2023, 12, 31),
        D98,
    ),
    _doc(
        D65,
        _DEC,
        "Quy định chi tiết thi hành Luật sửa đổi, bổ sung một số điều của Luật thi đua, khen "
        "thưởng năm 2013" + NOT_CHECKED,
        _CP,
        D(2014, 7, 1),
        D(2014, 7, 1),
        D(2017, 7, 30),
        D91,
    ),
    _doc(
        D42,
        _DEC,
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng và Luật sửa đổi, "
        "bổ sung một số điều của Luật Thi đua, Khen thưởng" + NOT_CHECKED,
        _CP,
        D(2010, 4, 15),
        D(2010, 4, 15),
        D(2017, 7, 30),
        D91,
    ),
    _doc(
        TT01,
        _CIRC,
        "Quy định biện pháp thi hành Luật Thi đua, khen thưởng" + DATES_NOT_CHECKED,
        _BNV,
        D(2024, 1, 1),
        D(2024, 1, 1),
    ),
    _doc(
        TT12,
        _CIRC,
        "Quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP" + NOT_CHECKED,
        _BNV,
        D(2019, 11, 4),
        D(2019, 11, 4),
        D(2023, 12, 31),
        TT01,
    ),
    _doc(
        TT08,
        _CIRC,
        "Quy định chi tiết một số điều của Nghị định số 91/2017/NĐ-CP",
        _BNV,
        D(2017, 10, 27),
        D(2017, 12, 15),
        D(2019, 11, 3),
        TT12,
    ),
    _doc(
        TT07,
        _CIRC,
        "Hướng dẫn thi hành Nghị định 42/2010/NĐ-CP, 39/2012/NĐ-CP và 65/2014/NĐ-CP"
        + DATES_NOT_CHECKED,
        _BNV,
        D(2014, 7, 1),
        D(2014, 7, 1),
        D(2017, 12, 14),
        TT08,
    ),
    # Decree 39/2025: issued 26/02/2025 [S20]; its effective date NF (the issue date stands
    # in, so 98/2022 ends the day before). 98/2022: 29/11/2022, in force 01/01/2023 [S19].
    # 96/2017: issued 16/08/2017 [S18]; effective date NF (issue date).
    _doc(MOJ_2025, _DEC, _MOJ + NOT_CHECKED, _CP, D(2025, 2, 26), D(2025, 2, 26)),
    _doc(MOJ_2022, _DEC, _MOJ, _CP, D(2022, 11, 29), D(2023, 1, 1), D(2025, 2, 25), MOJ_2025),
    _doc(
        MOJ_2017,
        _DEC,
        _MOJ + NOT_CHECKED,
        _CP,
        D(2017, 8, 16),
        D(2017, 8, 16),
        D(2022, 12, 31),
        MOJ_2022,
    ),
    _doc(C14, _CIRC, _KNC, _BTP, D(2025, 9, 5), D(2025, 9, 15)),
    _doc(C06_2018, _CIRC, _KNC, _BTP, D(2018, 6, 7), D(2018, 8, 21), D(2025, 9, 14), C14),
    _doc(C11, _CIRC, _GUIDE, _BTP, D(2023, 12, 29), D(2024, 2, 12)),
    # Dates as the issue gives them; no public source read confirms them (see
    # docs/legal-regimes.md: 07/06/2018 is also the date of 06/2018/TT-BTP).
    _doc(
        C05, _CIRC, _GUIDE + NOT_CHECKED, _BTP, D(2018, 6, 7), D(2018, 7, 21), D(2024, 2, 11), C11
    ),
    # Not located in any public source: the number is the sector's own reference; the
    # dates only keep the chain in order (the first day of the year named in the number).
    _doc(
        C14_2015,
        _CIRC,
        _GUIDE + DATES_NOT_CHECKED,
        _BTP,
        D(2015, 1, 1),
        D(2015, 1, 1),
        D(2018, 7, 20),
        C05,
    ),
    _doc(
        C06_2011,
        _CIRC,
        _GUIDE + DATES_NOT_CHECKED,
        _BTP,
        D(2011, 1, 1),
        D(2011, 1, 1),
        D(2014, 12, 31),
        C14_2015,
    ),
]


@dataclass(frozen=True)
class Period:
    """A span with one set of legal bases: every award has one rule version per period.

    ``sector`` is the justice sector's guiding circular cited when the award is the
    sector's own (not the provincial Bằng khen). ``name`` is how summaries cite it.
    """

    start: datetime.date
    end: datetime.date | None
    bases: tuple[str, ...]
    name: str
    sector: tuple[str, ...] = ()


_OLD_LAW = (LAW_2003, LAW_2005)
P2010 = Period(D(2010, 1, 1), D(2014, 6, 30), (*_OLD_LAW, D42), "Nghị định 42/2010/NĐ-CP")
P2014 = Period(
    D(2014, 7, 1),
    D(2017, 7, 30),
    (*_OLD_LAW, LAW_2013, D42, D65, TT07),
    "Nghị định 65/2014/NĐ-CP",
)
P2017 = Period(
    D(2017, 7, 31), D(2018, 7, 20), (*_OLD_LAW, LAW_2013, D91), "Nghị định 91/2017/NĐ-CP"
)
P2018 = Period(
    D(2018, 7, 21),
    D(2023, 12, 31),
    (*_OLD_LAW, LAW_2013, D91),
    "Nghị định 91/2017/NĐ-CP",
    (C05,),
)
# Circular 11/2023/TT-BTP is in force from 12/02/2024 only: the first weeks of the new Law
# had no sector guidance under it.
P2024 = Period(D(2024, 1, 1), D(2024, 2, 11), (LAW, D98), "Nghị định 98/2023/NĐ-CP")
P2024_C11 = Period(D(2024, 2, 12), D(2025, 6, 30), (LAW, D98), "Nghị định 98/2023/NĐ-CP", (C11,))
P2025 = Period(D(2025, 7, 1), None, (LAW, D152), "Nghị định 152/2025/NĐ-CP", (C11,))
OLD_PERIODS = (P2010, P2014, P2017, P2018)
LAW_2022_PERIODS = (P2024, P2024_C11, P2025)
