"""The justice sector's award catalogue as data: legal registry, authorities, awards, rules.

Every number here comes from the legal document a rule version cites, or is a plausible
default marked ``unverified`` (shown highlighted in the catalogue until someone checks the
text). Versions under Decree 98/2023 treat prerequisites as hard rules; under Decree
152/2025 a lower award is no longer a hard prerequisite for a higher one, so the same
prerequisites become warnings (``blocking=False``).
"""

import datetime
from dataclasses import dataclass, field

from awards.catalogue.models import Authority, Award, LegalDocument
from units.models import Discipline, InitiativeLevel, QualityRating

D = datetime.date

LAW = "06/2022/QH15"
D98 = "98/2023/NĐ-CP"
D152 = "152/2025/NĐ-CP"
C05 = "05/2018/TT-BTP"
C11 = "11/2023/TT-BTP"
C14 = "14/2025/TT-BTP"

_GUIDE = "Hướng dẫn công tác thi đua, khen thưởng ngành Tư pháp"
_DECREE = "Quy định chi tiết một số điều của Luật Thi đua, khen thưởng"

# A successor comes before the documents it replaces (the seed links them in one pass).
LEGAL_DOCUMENTS = [
    {
        "number": LAW,
        "kind": LegalDocument.Kind.LAW,
        "title": "Luật Thi đua, khen thưởng",
        "issuer": "Quốc hội",
        "issued_on": D(2022, 6, 15),
        "effective_from": D(2024, 1, 1),
        "effective_to": None,
    },
    {
        "number": D152,
        "kind": LegalDocument.Kind.DECREE,
        "title": _DECREE,
        "issuer": "Chính phủ",
        "issued_on": D(2025, 6, 14),
        "effective_from": D(2025, 7, 1),
        "effective_to": None,
    },
    {
        "number": D98,
        "kind": LegalDocument.Kind.DECREE,
        "title": _DECREE,
        "issuer": "Chính phủ",
        "issued_on": D(2023, 12, 31),
        "effective_from": D(2024, 1, 1),
        "effective_to": D(2025, 6, 30),
        "replaced_by": D152,
    },
    {
        "number": C14,
        "kind": LegalDocument.Kind.CIRCULAR,
        "title": 'Quy định xét tặng Kỷ niệm chương "Vì sự nghiệp Tư pháp"',
        "issuer": "Bộ Tư pháp",
        "issued_on": D(2025, 7, 31),
        "effective_from": D(2025, 9, 15),
        "effective_to": None,
    },
    {
        "number": C11,
        "kind": LegalDocument.Kind.CIRCULAR,
        "title": _GUIDE,
        "issuer": "Bộ Tư pháp",
        "issued_on": D(2023, 12, 29),
        "effective_from": D(2024, 2, 12),
        "effective_to": None,
    },
    {
        "number": C05,
        "kind": LegalDocument.Kind.CIRCULAR,
        "title": _GUIDE,
        "issuer": "Bộ Tư pháp",
        "issued_on": D(2018, 6, 11),
        "effective_from": D(2018, 7, 26),
        "effective_to": D(2024, 2, 11),
        "replaced_by": C11,
    },
]

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


@dataclass(frozen=True)
class Prerequisite:
    award: str
    count: int = 1
    window_years: int = 1
    consecutive: bool = False
    blocking: bool = False


@dataclass(frozen=True)
class RuleSpec:
    award: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    legal_bases: tuple[str, ...]
    summary: str
    unverified: bool = False
    params: dict = field(default_factory=dict)
    prerequisites: tuple[Prerequisite, ...] = ()


_OLD = (D(2024, 1, 1), D(2025, 6, 30))
_NEW = (D(2025, 7, 1), None)
_LADDER_152 = (
    " Theo Nghị định 152/2025/NĐ-CP, hình thức thấp hơn không còn là điều kiện bắt buộc: "
    "thiếu điều kiện này chỉ được cảnh báo, kèm lý do."
)


def _pair(award, summary, *, params=None, ladder=(), unverified=False, note_152="", sector=True):
    """The Decree 98/2023 version and the Decree 152/2025 version of one award's rules.

    ``ladder`` prerequisites block under Decree 98 and only warn under Decree 152.
    ``sector`` adds Circular 11/2023/TT-BTP (the sector's guidance) to the legal bases.
    """
    guide = (C11,) if sector else ()
    params = params or {}
    old = RuleSpec(
        award,
        *_OLD,
        (LAW, D98, *guide),
        summary,
        unverified,
        params,
        tuple(Prerequisite(**p, blocking=True) for p in ladder),
    )
    new = RuleSpec(
        award,
        *_NEW,
        (LAW, D152, *guide),
        summary + (_LADDER_152 if ladder else "") + note_152,
        unverified or bool(note_152),
        params,
        tuple(Prerequisite(**p) for p in ladder),
    )
    return [old, new]


_LDTT = (
    "Cá nhân hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách của Đảng, "
    "pháp luật của Nhà nước; có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực "
    "tham gia phong trào thi đua. Thủ trưởng đơn vị công nhận hằng năm."
)
_CSTDCS = (
    "Đạt danh hiệu Lao động tiên tiến trong năm và có ít nhất 01 sáng kiến (hoặc đề tài "
    "khoa học, đề án) được công nhận, áp dụng hiệu quả ở cơ sở. Số cá nhân được công nhận "
    "không quá 15 % số cá nhân đạt danh hiệu Lao động tiên tiến của đơn vị."
)
_CSTDCS_PARAMS = {
    "initiative_level": InitiativeLevel.BASE,
    "initiatives_required": 1,
    "initiative_window_years": 1,
    "quota_percent": 15,
    "quota_base": "ldtt",
}
_GOOD = {"min_rating": QualityRating.Rating.GOOD}
_NOTICE = {"public_notice_days": 5}

RULES = [
    # History: the sector circular before the 2022 Law took effect.
    RuleSpec("ldtt", D(2018, 7, 26), D(2023, 12, 31), (C05,), _LDTT, params=_GOOD),
    RuleSpec(
        "cstdcs",
        D(2018, 7, 26),
        D(2023, 12, 31),
        (C05,),
        _CSTDCS,
        params=_CSTDCS_PARAMS,
        prerequisites=(Prerequisite("ldtt", blocking=True),),
    ),
    *_pair("ldtt", _LDTT, params=_GOOD),
    *_pair(
        "cstdcs",
        _CSTDCS,
        params=_CSTDCS_PARAMS,
        ladder=[{"award": "ldtt"}],
        note_152=" Tỷ lệ 15 % giữ theo quy định cũ, chưa đối chiếu với Nghị định 152/2025/NĐ-CP.",
    ),
    *_pair(
        "cstd-nganh",
        "03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở và có sáng kiến (hoặc đề tài "
        "khoa học, đề án) có phạm vi ảnh hưởng trong ngành Tư pháp được công nhận. Hội đồng "
        "Thi đua – Khen thưởng Bộ bỏ phiếu kín, tỷ lệ đồng ý từ 90 % tổng số thành viên.",
        params={
            "initiative_level": InitiativeLevel.MINISTRY,
            "initiatives_required": 1,
            "initiative_window_years": 3,
            "vote_threshold_percent": 90,
        },
        ladder=[{"award": "cstdcs", "count": 3, "window_years": 3, "consecutive": True}],
        unverified=True,
    ),
    *_pair(
        "cstd-toan-quoc",
        "02 lần liên tục đạt danh hiệu Chiến sĩ thi đua ngành Tư pháp (trong 06 năm gần nhất) "
        "và có sáng kiến (hoặc đề tài khoa học, đề án) có phạm vi ảnh hưởng toàn quốc. Tỷ lệ "
        "phiếu đồng ý từ 90 % tổng số thành viên Hội đồng; lấy ý kiến công khai 05 ngày "
        "làm việc trước khi trình Thủ tướng Chính phủ.",
        params={
            "initiative_level": InitiativeLevel.NATIONAL,
            "initiatives_required": 1,
            "initiative_window_years": 6,
            "vote_threshold_percent": 90,
            **_NOTICE,
        },
        ladder=[{"award": "cstd-nganh", "count": 2, "window_years": 6}],
    ),
    *_pair(
        "tt-ldtt",
        "Hoàn thành tốt nhiệm vụ và kế hoạch được giao; có trên 50 % cá nhân trong tập thể "
        "đạt danh hiệu Lao động tiên tiến; nội bộ đoàn kết, chấp hành tốt chủ trương, chính "
        "sách, pháp luật.",
        params={"member_award": "ldtt", "member_share_percent": 50, "member_share_strict": True},
        unverified=True,
    ),
    *_pair(
        "tt-ldxs",
        "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; mọi thành viên hoàn thành nhiệm vụ, "
        "ít nhất 70 % đạt danh hiệu Lao động tiên tiến; có ít nhất 01 cá nhân đạt danh hiệu "
        "Chiến sĩ thi đua cơ sở; không có thành viên bị kỷ luật từ hình thức khiển trách "
        "trở lên.",
        params={
            "all_members_completed": True,
            "member_award": "ldtt",
            "member_share_percent": 70,
            "member_share_strict": False,
            "min_members_with_award": "cstdcs",
            "min_members_count": 1,
            "max_member_discipline": Discipline.Form.REPRIMAND,
        },
        unverified=True,
    ),
    *_pair(
        "co-nganh",
        "Tặng hằng năm cho tập thể hoàn thành xuất sắc, toàn diện nhiệm vụ, tiêu biểu dẫn đầu "
        "khối/cụm thi đua của ngành Tư pháp, được khối/cụm suy tôn; mỗi khối/cụm không quá "
        "01 đơn vị.",
        params={"per_cluster_limit": 1},
    ),
    *_pair(
        "co-chinh-phu",
        "Tặng cho tập thể tiêu biểu xuất sắc, được lựa chọn trong số các tập thể được tặng Cờ "
        "thi đua ngành Tư pháp trong năm. Hội đồng bỏ phiếu kín, tỷ lệ đồng ý từ 80 % tổng số "
        "thành viên.",
        params={"vote_threshold_percent": 80},
        ladder=[{"award": "co-nganh"}],
    ),
    *_pair(
        "giay-khen-ca-nhan",
        "Tặng cá nhân có thành tích được bình xét trong phong trào thi đua, lập được thành tích "
        "đột xuất, hoặc hoàn thành tốt nhiệm vụ, chấp hành tốt chủ trương, chính sách, pháp luật.",
    ),
    *_pair(
        "giay-khen-tap-the",
        "Tặng tập thể có thành tích được bình xét trong phong trào thi đua, lập được thành tích "
        "đột xuất, hoặc hoàn thành tốt nhiệm vụ, nội bộ đoàn kết.",
    ),
    *_pair(
        "bk-bo-ca-nhan",
        "Tặng cá nhân có thành tích xuất sắc, tiêu biểu được bình xét trong phong trào thi đua "
        "do Bộ Tư pháp phát động, lập được thành tích đột xuất, hoặc có đóng góp nổi bật cho "
        "ngành Tư pháp.",
    ),
    *_pair(
        "bk-bo-tap-the",
        "Tặng tập thể có thành tích xuất sắc, tiêu biểu được bình xét trong phong trào thi đua "
        "do Bộ Tư pháp phát động, hoặc lập được thành tích đột xuất; nội bộ đoàn kết.",
    ),
    *_pair(
        "bk-ubnd-ca-nhan",
        "Tặng cá nhân có thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh "
        "phát động, hoặc lập được thành tích đột xuất tại địa phương.",
        sector=False,
    ),
    *_pair(
        "bk-ubnd-tap-the",
        "Tặng tập thể có thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh "
        "phát động, hoặc lập được thành tích đột xuất tại địa phương.",
        sector=False,
    ),
    *_pair(
        "bk-ttg-ca-nhan",
        "Đã được tặng Bằng khen cấp Bộ, sau đó có từ 05 năm liên tục trở lên đạt danh hiệu Lao "
        "động tiên tiến, hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 05 sáng kiến được "
        "công nhận và áp dụng hiệu quả ở cơ sở (mô phỏng quy định cũ).",
        params={
            "initiative_level": InitiativeLevel.BASE,
            "initiatives_required": 5,
            "initiative_window_years": 5,
        },
        ladder=[
            {"award": "bk-bo-ca-nhan", "window_years": 10},
            {"award": "ldtt", "count": 5, "window_years": 5, "consecutive": True},
        ],
        unverified=True,
    ),
    *_pair(
        "bk-ttg-tap-the",
        "Đã được tặng Bằng khen cấp Bộ, sau đó có từ 05 năm liên tục trở lên đạt danh hiệu Tập "
        "thể lao động xuất sắc, nội bộ đoàn kết (mô phỏng quy định cũ).",
        ladder=[
            {"award": "bk-bo-tap-the", "window_years": 10},
            {"award": "tt-ldxs", "count": 5, "window_years": 5, "consecutive": True},
        ],
        unverified=True,
    ),
    *_pair(
        "hcld-3-ca-nhan",
        "Đã được tặng Bằng khen của Thủ tướng Chính phủ và tiếp tục lập thành tích xuất sắc "
        "theo Luật Thi đua, khen thưởng. Chủ tịch nước quyết định theo đề nghị của Thủ tướng; "
        "lấy ý kiến công khai 05 ngày làm việc.",
        params=_NOTICE,
        ladder=[{"award": "bk-ttg-ca-nhan", "window_years": 10}],
    ),
    *_pair(
        "hcld-3-tap-the",
        "Đã được tặng Bằng khen của Thủ tướng Chính phủ và tiếp tục lập thành tích xuất sắc "
        "theo Luật Thi đua, khen thưởng; lấy ý kiến công khai 05 ngày làm việc.",
        params=_NOTICE,
        ladder=[{"award": "bk-ttg-tap-the", "window_years": 10}],
    ),
    *[
        rule
        for rank, lower in (("2", "3"), ("1", "2"))
        for subject in ("ca-nhan", "tap-the")
        for rule in _pair(
            f"hcld-{rank}-{subject}",
            f"Đã được tặng Huân chương Lao động hạng {'Ba' if lower == '3' else 'Nhì'} và tiếp "
            "tục lập thành tích xuất sắc theo Luật Thi đua, khen thưởng; lấy ý kiến công khai "
            "05 ngày làm việc.",
            params=_NOTICE,
            ladder=[{"award": f"hcld-{lower}-{subject}", "window_years": 10}],
            unverified=True,
        )
    ],
    RuleSpec(
        "knc-tu-phap",
        D(2025, 9, 15),
        None,
        (LAW, C14),
        "Tặng một lần cho cá nhân có nhiều đóng góp cho sự nghiệp xây dựng và phát triển ngành "
        "Tư pháp, thường xét vào dịp Ngày truyền thống ngành Tư pháp (28/8); thời gian công tác "
        "tối thiểu theo Thông tư 14/2025/TT-BTP.",
        params={"once_per_subject": True},
    ),
]
