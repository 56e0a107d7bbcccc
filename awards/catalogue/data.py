"""The justice sector's award catalogue as data: legal registry, authorities, awards, rules.

Every number here comes from the legal document a rule version cites, or is a plausible
default marked ``unverified`` (shown highlighted in the catalogue until someone checks the
text). Every award has one rule version per legal period from 01/01/2010 (see
``data_registry.Period``): ``data_history`` holds the Law of 2003 (amended 2005, 2013)
with Decrees 42/2010, 65/2014 and 91/2017, ``data_rules`` the Law 06/2022/QH15 with
Decrees 98/2023 and 152/2025.
"""

import datetime

from awards.catalogue.data_history import HISTORY_RULES, KNC_RULES
from awards.catalogue.data_registry import LEGAL_DOCUMENTS
from awards.catalogue.data_rules import CURRENT_RULES, Prerequisite, RuleSpec
from awards.catalogue.models import Authority, Award

__all__ = ["AUTHORITIES", "AWARDS", "LEGAL_DOCUMENTS", "RULES", "Prerequisite", "RuleSpec"]

_STATE, _MINISTRY, _UNIT = (
    Authority.Level.STATE,
    Authority.Level.MINISTRY_PROVINCE,
    Authority.Level.UNIT,
)
AUTHORITIES = [
    {"code": code, "name": name, "report_name": report, "level": level, "order": order}
    for order, (code, name, report, level) in enumerate(
        [
            ("chu-tich-nuoc", "Chủ tịch nước", "Chủ tịch nước", _STATE),
            ("thu-tuong", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ", _STATE),
            ("bo-truong-btp", "Bộ trưởng Bộ Tư pháp", "Bộ Tư pháp", _MINISTRY),
            (
                "chu-tich-ubnd-tinh",
                "Chủ tịch Ủy ban nhân dân tỉnh",
                "Chủ tịch Ủy ban nhân dân tỉnh",
                _MINISTRY,
            ),
            ("thu-truong-don-vi", "Thủ trưởng đơn vị", "Thủ trưởng đơn vị", _UNIT),
        ],
        start=1,
    )
]

_T, _R = Award.Kind.TITLE, Award.Kind.REWARD
_I, _C = Award.Subject.INDIVIDUAL, Award.Subject.COLLECTIVE
_HEAD, _MINISTER, _PM = "thu-truong-don-vi", "bo-truong-btp", "thu-tuong"


def _award(code, name, short, kind, subject, authority, form=None, reward_type=None):
    """``form`` is the word in report sentences; it defaults to the award's name."""
    return {
        "code": code,
        "name": name,
        "short_name": short,
        "form_name": form or name,
        "kind": kind,
        "subject": subject,
        "authority": authority,
        "reward_type": reward_type or Award.RewardType.MERIT,
    }


_GK, _BK_BO = "Giấy khen của Thủ trưởng đơn vị", "Bằng khen của Bộ trưởng Bộ Tư pháp"
_BK_UBND, _BK_TTG = "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của Thủ tướng Chính phủ"
_KNC = 'Kỷ niệm chương "Vì sự nghiệp Tư pháp"'
# In catalogue order; the seed numbers them 10, 20, … in this order.
AWARDS = [
    _award("ldtt", "Lao động tiên tiến", "LĐTT", _T, _I, _HEAD),
    _award("cstdcs", "Chiến sĩ thi đua cơ sở", "CSTĐCS", _T, _I, _HEAD),
    _award("cstd-nganh", "Chiến sĩ thi đua ngành Tư pháp", "CSTĐ ngành", _T, _I, _MINISTER),
    _award("cstd-toan-quoc", "Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc", _T, _I, _PM),
    _award("tt-ldtt", "Tập thể lao động tiên tiến", "TT LĐTT", _T, _C, _HEAD),
    _award("tt-ldxs", "Tập thể lao động xuất sắc", "TT LĐXS", _T, _C, _MINISTER),
    _award(
        "co-nganh", "Cờ thi đua ngành Tư pháp", "Cờ ngành", _T, _C, _MINISTER, "Cờ thi đua ngành"
    ),
    _award("co-chinh-phu", "Cờ thi đua của Chính phủ", "Cờ Chính phủ", _T, _C, _PM),
    _award("giay-khen-ca-nhan", _GK, "Giấy khen (CN)", _R, _I, _HEAD, "Giấy khen"),
    _award("giay-khen-tap-the", _GK, "Giấy khen (TT)", _R, _C, _HEAD, "Giấy khen"),
    _award("bk-bo-ca-nhan", _BK_BO, "BK Bộ (CN)", _R, _I, _MINISTER, "Bằng khen"),
    _award("bk-bo-tap-the", _BK_BO, "BK Bộ (TT)", _R, _C, _MINISTER, "Bằng khen"),
    _award("bk-ubnd-ca-nhan", _BK_UBND, "BK UBND (CN)", _R, _I, "chu-tich-ubnd-tinh", "Bằng khen"),
    _award("bk-ubnd-tap-the", _BK_UBND, "BK UBND (TT)", _R, _C, "chu-tich-ubnd-tinh", "Bằng khen"),
    _award("bk-ttg-ca-nhan", _BK_TTG, "BK TTg (CN)", _R, _I, _PM, "Bằng khen"),
    _award("bk-ttg-tap-the", _BK_TTG, "BK TTg (TT)", _R, _C, _PM, "Bằng khen"),
    *[
        _award(
            f"hcld-{n}-{suffix}",
            f"Huân chương Lao động hạng {rank}",
            f"HCLĐ hạng {rank} ({short})",
            _R,
            subject,
            "chu-tich-nuoc",
        )
        for n, rank in ((3, "Ba"), (2, "Nhì"), (1, "Nhất"))
        for suffix, short, subject in (("ca-nhan", "CN", _I), ("tap-the", "TT", _C))
    ],
    _award(
        "knc-tu-phap", _KNC, "KNC Tư pháp", _R, _I, _MINISTER, None, Award.RewardType.DEDICATION
    ),
]


RULES = [*HISTORY_RULES, *CURRENT_RULES, *KNC_RULES]

# Versions an earlier seed created under another start date: (award, old start) → new start.
# The seed moves such a row (keeping its id) instead of adding an overlapping one.
MOVED_STARTS = {
    ("ldtt", datetime.date(2018, 7, 26)): datetime.date(2018, 7, 21),
    ("cstdcs", datetime.date(2018, 7, 26)): datetime.date(2018, 7, 21),
}

# Values and ladder rows an earlier seed gave a version and the law does not set: the seed
# takes them back (a value only while it is still the one seeded, see seed._retired_values).
_2024, _2025 = datetime.date(2024, 1, 1), datetime.date(2025, 7, 1)
_OLD_CAP = {"quota_percent": 15, "quota_base": "ldtt"}
_OLD_TTG = {"initiative_level": 1, "initiatives_required": 5, "initiative_window_years": 5}
RETIRED_VALUES = {
    ("cstdcs", _2024): _OLD_CAP,
    ("cstdcs", _2025): _OLD_CAP,
    ("tt-ldxs", _2024): {"max_member_discipline": 1},  # khiển trách
    ("tt-ldxs", _2025): {"max_member_discipline": 1},
    ("bk-ttg-ca-nhan", _2024): _OLD_TTG,
    ("bk-ttg-ca-nhan", _2025): _OLD_TTG,
}
RETIRED_PREREQUISITES = {
    ("bk-ttg-ca-nhan", _2024): ("ldtt",),
    ("bk-ttg-ca-nhan", _2025): ("ldtt",),
}
