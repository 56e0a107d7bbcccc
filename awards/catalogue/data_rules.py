"""Rule versions under the Law on Emulation and Rewards 06/2022/QH15 (from 01/01/2024).

Per award: Decree 98/2023 before and after Circular 11/2023/TT-BTP (12/02/2024), then
Decree 152/2025. Sources are in
docs/legal-regimes.md. A lower reward form is not a hard prerequisite for a higher one
(Decree 98 and 152, Art. 4(1)): such ladder rows warn. A title's own standard in the Law
(3 consecutive CSTĐCS for CSTĐ ngành, Art. 22; 2 CSTĐ ngành for CSTĐ toàn quốc, Art. 21;
LĐTT for CSTĐCS, Art. 23) blocks. Where a Law article lists several alternative
standards ("một trong các tiêu chuẩn"), the one seeded warns: another route may apply.
"""

import datetime
from dataclasses import dataclass, field

from awards.catalogue.data_registry import LAW_2022_PERIODS, P2025, Period
from units.models import InitiativeLevel, QualityRating


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


def version(award, period: Period, summary, *, params=None, ladder=(), unverified, sector=True):
    """The rule version of ``award`` for ``period``; ``ladder`` are Prerequisite rows."""
    bases = period.bases + (period.sector if sector else ())
    return RuleSpec(
        award,
        period.start,
        period.end,
        bases,
        summary,
        unverified,
        dict(params or {}),
        tuple(ladder),
    )


OPTIONAL = (
    " Không bắt buộc phải có hình thức khen thưởng mức thấp hơn (nguyên tắc tại khoản 1 "
    "Điều 4 Nghị định 98/2023/NĐ-CP và Nghị định 152/2025/NĐ-CP): thiếu điều kiện đã đạt "
    "trước chỉ được cảnh báo, kèm lý do."
)
VOTE_98 = (
    " Tỷ lệ phiếu đồng ý theo khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP — chưa đối chiếu văn "
    "bản (không tìm được nguyên văn điều khoản)."
)
KEPT_152 = (
    " Nghị định 152/2025/NĐ-CP: chưa đối chiếu văn bản về điểm này, giữ giá trị của Nghị "
    "định 98/2023/NĐ-CP."
)
NOTICE_10 = (
    " Công khai danh sách ít nhất 10 ngày làm việc trước khi họp Hội đồng Thi đua – Khen "
    "thưởng Bộ (khoản 2 Điều 46 Nghị định 98/2023/NĐ-CP)."
)


def law_2022(award, summary, *, params=None, ladder=(), unverified=False, note_152="", **kw):
    """The Decree 98/2023 and Decree 152/2025 versions: same Law, same criteria.

    ``note_152`` (a point of Decree 152 not checked) marks the newer version unverified.
    """
    return [
        version(
            award,
            period,
            summary + (note_152 if period is P2025 else ""),
            params=params,
            ladder=ladder,
            unverified=unverified or (period is P2025 and bool(note_152)),
            **kw,
        )
        for period in LAW_2022_PERIODS
    ]


P = Prerequisite
_GOOD = {"min_rating": QualityRating.Rating.GOOD}
_NOTICE = {"public_notice_days": 10}
LDTT = (
    "Cá nhân hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách của Đảng, "
    "pháp luật của Nhà nước; có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực "
    "tham gia phong trào thi đua. Thủ trưởng đơn vị công nhận hằng năm."
)

CURRENT_RULES = [
    *law_2022("ldtt", LDTT + " (Điều 24 Luật Thi đua, khen thưởng 2022.)", params=_GOOD),
    *law_2022(
        "cstdcs",
        "Điều 23 Luật Thi đua, khen thưởng 2022: (1) đạt tiêu chuẩn danh hiệu Lao động tiên "
        "tiến; (2) hoàn thành xuất sắc nhiệm vụ HOẶC có sáng kiến (đề tài khoa học, đề án) "
        "được cơ sở công nhận. Sáng kiến không bắt buộc khi hoàn thành xuất sắc nhiệm vụ. "
        "Luật và Nghị định 98/2023/NĐ-CP không giới hạn tỷ lệ (mức 15 % số đạt Lao động "
        "tiên tiến là của khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP); cơ quan có thẩm quyền "
        "có thể tự đặt tỷ lệ tối đa trong phiên bản này. Hội đồng Thi đua – Khen thưởng cơ "
        "sở bỏ phiếu kín, đồng ý từ 80 % tổng số thành viên." + VOTE_98,
        params={
            "initiative_level": InitiativeLevel.BASE,
            "initiatives_required": 1,
            "initiative_window_years": 1,
            "initiative_or_min_rating": QualityRating.Rating.EXCELLENT,
            "vote_threshold_percent": 80,
        },
        ladder=[P("ldtt", blocking=True)],
        unverified=True,
        note_152=KEPT_152,
    ),
    *law_2022(
        "cstd-nganh",
        "Điều 22 Luật Thi đua, khen thưởng 2022: có 03 lần liên tục đạt danh hiệu Chiến sĩ thi "
        "đua cơ sở (tiêu chuẩn của Luật, bắt buộc) và có sáng kiến (hoặc đề tài khoa học, đề "
        "án) có phạm vi ảnh hưởng trong ngành Tư pháp được công nhận. Hội đồng Thi đua – Khen "
        "thưởng Bộ bỏ phiếu kín, đồng ý từ 90 % tổng số thành viên." + VOTE_98,
        params={
            "initiative_level": InitiativeLevel.MINISTRY,
            "initiatives_required": 1,
            "initiative_window_years": 3,
            "vote_threshold_percent": 90,
        },
        ladder=[P("cstdcs", 3, 3, consecutive=True, blocking=True)],
        unverified=True,
        note_152=KEPT_152,
    ),
    *law_2022(
        "cstd-toan-quoc",
        "Điều 21 Luật Thi đua, khen thưởng 2022: có 02 lần liên tục đạt danh hiệu Chiến sĩ thi "
        "đua ngành Tư pháp (tiêu chuẩn của Luật, bắt buộc) và có sáng kiến (hoặc đề tài khoa "
        "học, đề án) có phạm vi ảnh hưởng toàn quốc. Hội đồng bỏ phiếu kín, đồng ý từ 90 % "
        "tổng số thành viên." + VOTE_98 + NOTICE_10,
        params={
            "initiative_level": InitiativeLevel.NATIONAL,
            "initiatives_required": 1,
            "initiative_window_years": 6,
            "vote_threshold_percent": 90,
            **_NOTICE,
        },
        ladder=[P("cstd-nganh", 2, 6, blocking=True)],
        unverified=True,
        note_152=KEPT_152,
    ),
    *law_2022(
        "tt-ldtt",
        "Hoàn thành tốt nhiệm vụ và kế hoạch được giao; có trên 50 % cá nhân trong tập thể "
        "đạt danh hiệu Lao động tiên tiến; nội bộ đoàn kết, chấp hành tốt chủ trương, chính "
        "sách, pháp luật. Chưa đối chiếu văn bản: Điều 28 Luật Thi đua, khen thưởng 2022.",
        params={"member_award": "ldtt", "member_share_percent": 50, "member_share_strict": True},
        unverified=True,
    ),
    *law_2022(
        "tt-ldxs",
        "Điều 27 Luật Thi đua, khen thưởng 2022: sáng tạo, vượt khó hoàn thành xuất sắc nhiệm "
        "vụ; tích cực tham gia phong trào thi đua; 100 % thành viên hoàn thành nhiệm vụ, ít "
        "nhất 70 % đạt danh hiệu Lao động tiên tiến; có cá nhân đạt danh hiệu Chiến sĩ thi "
        "đua cơ sở; nội bộ đoàn kết. Luật không có điều kiện về kỷ luật của thành viên.",
        params={
            "all_members_completed": True,
            "member_award": "ldtt",
            "member_share_percent": 70,
            "member_share_strict": False,
            "min_members_with_award": "cstdcs",
            "min_members_count": 1,
        },
    ),
    *law_2022(
        "co-nganh",
        "Tặng hằng năm cho tập thể hoàn thành xuất sắc, toàn diện nhiệm vụ, tiêu biểu dẫn đầu "
        "khối/cụm thi đua của ngành Tư pháp, được khối/cụm suy tôn (Thông tư 11/2023/TT-BTP); "
        "mỗi khối/cụm không quá 01 đơn vị. Hội đồng Thi đua – Khen thưởng Bộ bỏ phiếu kín, "
        "đồng ý từ 80 % tổng số thành viên." + VOTE_98,
        params={"per_cluster_limit": 1, "vote_threshold_percent": 80},
        unverified=True,
        note_152=KEPT_152,
    ),
    *law_2022(
        "co-chinh-phu",
        "Tặng cho tập thể tiêu biểu xuất sắc, được lựa chọn trong số các tập thể được tặng Cờ "
        "thi đua ngành Tư pháp trong năm. Hội đồng bỏ phiếu kín, tỷ lệ đồng ý từ 80 % tổng số "
        "thành viên." + VOTE_98 + OPTIONAL,
        params={"vote_threshold_percent": 80},
        ladder=[P("co-nganh")],
        unverified=True,
    ),
    *law_2022(
        "giay-khen-ca-nhan",
        "Tặng cá nhân có thành tích được bình xét trong phong trào thi đua, lập được thành tích "
        "đột xuất, hoặc hoàn thành tốt nhiệm vụ, chấp hành tốt chủ trương, chính sách, pháp luật.",
    ),
    *law_2022(
        "giay-khen-tap-the",
        "Tặng tập thể có thành tích được bình xét trong phong trào thi đua, lập được thành tích "
        "đột xuất, hoặc hoàn thành tốt nhiệm vụ, nội bộ đoàn kết.",
    ),
    *[
        rule
        for code, sector in (("bk-bo-ca-nhan", True), ("bk-ubnd-ca-nhan", False))
        for rule in law_2022(
            code,
            "Khoản 1 Điều 74 Luật Thi đua, khen thưởng 2022, một trong các tiêu chuẩn; điểm d: "
            "có 02 lần liên tục được tặng danh hiệu Chiến sĩ thi đua cơ sở, hoặc có liên tục "
            "từ 02 năm trở lên hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng "
            "kiến (hoặc 02 đề tài khoa học) được công nhận và áp dụng hiệu quả ở cơ sở. Các "
            "điểm khác của khoản 1 (thành tích xuất sắc được bình xét trong phong trào thi "
            "đua, thành tích đột xuất…) cũng có thể áp dụng, nên thiếu 02 lần Chiến sĩ thi "
            "đua cơ sở chỉ được cảnh báo.",
            ladder=[P("cstdcs", 2, 2, consecutive=True)],
            sector=sector,
        )
    ],
    *law_2022(
        "bk-bo-tap-the",
        "Tặng tập thể có thành tích xuất sắc, tiêu biểu được bình xét trong phong trào thi đua "
        "do Bộ Tư pháp phát động, hoặc lập được thành tích đột xuất; nội bộ đoàn kết.",
    ),
    *law_2022(
        "bk-ubnd-tap-the",
        "Tặng tập thể có thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh "
        "phát động, hoặc lập được thành tích đột xuất tại địa phương.",
        sector=False,
    ),
    *law_2022(
        "bk-ttg-ca-nhan",
        "Điểm b khoản 1 Điều 73 Luật Thi đua, khen thưởng 2022: đã được tặng Bằng khen của Bộ, "
        "ban, ngành, tỉnh và có liên tục từ 05 năm trở lên đến thời điểm đề nghị được công "
        "nhận hoàn thành tốt nhiệm vụ trở lên, trong thời gian đó có 03 lần được tặng danh "
        "hiệu Chiến sĩ thi đua cơ sở (không còn yêu cầu 05 sáng kiến của Nghị định "
        "65/2014/NĐ-CP). Xếp loại của năm xét được kiểm tra; chuỗi 05 năm do Hội đồng đối "
        "chiếu hồ sơ. Điều 73 còn các tiêu chuẩn khác nên thiếu điều kiện chỉ được cảnh báo.",
        params=_GOOD,
        ladder=[P("bk-bo-ca-nhan", 1, 10), P("cstdcs", 3, 5)],
    ),
    *law_2022(
        "bk-ttg-tap-the",
        "Đã được tặng Bằng khen cấp Bộ, sau đó có từ 05 năm liên tục trở lên đạt danh hiệu Tập "
        "thể lao động xuất sắc, nội bộ đoàn kết. Chưa đối chiếu văn bản: Điều 73 Luật Thi "
        "đua, khen thưởng 2022 (khoản về tập thể)." + OPTIONAL,
        ladder=[P("bk-bo-tap-the", 1, 10), P("tt-ldxs", 5, 5, consecutive=True)],
        unverified=True,
    ),
    *law_2022(
        "hcld-3-ca-nhan",
        "Điểm e khoản 1 Điều 44 Luật Thi đua, khen thưởng 2022 (theo bản tiếng Anh do Bộ Nội "
        "vụ dẫn; chưa đối chiếu văn bản tiếng Việt): đã được tặng Bằng khen của Thủ tướng "
        "Chính phủ, sau đó có liên tục từ 05 năm trở lên hoàn thành tốt nhiệm vụ trở lên, "
        "trong thời gian đó có ít nhất 01 năm hoàn thành xuất sắc nhiệm vụ và 03 lần đạt danh "
        "hiệu Chiến sĩ thi đua cơ sở. Điều 44 còn các tiêu chuẩn khác nên thiếu điều kiện "
        "chỉ được cảnh báo. Chủ tịch nước quyết định theo đề nghị của Thủ tướng." + NOTICE_10,
        params={**_GOOD, **_NOTICE},
        ladder=[P("bk-ttg-ca-nhan", 1, 10), P("cstdcs", 3, 5)],
        unverified=True,
    ),
    *law_2022(
        "hcld-3-tap-the",
        "Đã được tặng Bằng khen của Thủ tướng Chính phủ và tiếp tục lập thành tích xuất sắc. "
        "Chưa đối chiếu văn bản: Điều 44 Luật Thi đua, khen thưởng 2022 (khoản về tập thể)."
        + NOTICE_10
        + OPTIONAL,
        params=_NOTICE,
        ladder=[P("bk-ttg-tap-the", 1, 10)],
        unverified=True,
    ),
    *[
        rule
        for rank, lower in (("2", "3"), ("1", "2"))
        for subject in ("ca-nhan", "tap-the")
        for rule in law_2022(
            f"hcld-{rank}-{subject}",
            f"Đã được tặng Huân chương Lao động hạng {'Ba' if lower == '3' else 'Nhì'} và tiếp "
            "tục lập thành tích xuất sắc. Chưa đối chiếu văn bản: tiêu chuẩn hạng "
            f"{'Nhì' if rank == '2' else 'Nhất'} trong Luật Thi đua, khen thưởng 2022."
            + NOTICE_10
            + OPTIONAL,
            params=_NOTICE,
            ladder=[P(f"hcld-{lower}-{subject}", 1, 10)],
            unverified=True,
        )
    ],
]
