"""Rule versions under the Law of 2003 (amended 2005, 2013), 01/01/2010 – 31/12/2023.

Four periods: Decree 42/2010 (to 30/06/2014), Decree 65/2014 with Circular 07/2014/TT-BNV
(to 30/07/2017), Decree 91/2017 (to 20/07/2018), then Decree 91/2017 with the sector's
Circular 05/2018/TT-BTP (to 31/12/2023). Under the old Law a title's prerequisites were
its own standards, so they block. A criterion no public source gave is not seeded: the
version says so and is marked unverified ("Chưa đối chiếu văn bản"). Sources:
docs/legal-regimes.md (the [Sn] tags in comments).
"""

from awards.catalogue.data_registry import (
    C06_2018,
    C14,
    LAW,
    LAW_2003,
    LAW_2005,
    LAW_2013,
    OLD_PERIODS,
    P2010,
    P2014,
    P2017,
    P2018,
    D,
    Period,
)
from awards.catalogue.data_rules import LDTT, P, RuleSpec, version
from units.models import Discipline, InitiativeLevel, QualityRating

_NOT_CHECKED = (
    " Chưa đối chiếu văn bản: tiêu chuẩn chi tiết của {name} chưa được nhập — Hội đồng đối "
    "chiếu văn bản khi xét."
)
_BEFORE_D42 = (
    " Đề nghị trước ngày Nghị định 42/2010/NĐ-CP được ban hành (15/04/2010) thuộc văn bản "
    "trước đó, chưa có trong danh mục."
)


_SAID = "chưa đối chiếu văn bản"


def _note(period: Period) -> str:
    return _NOT_CHECKED.format(name=period.name)


def old(award, summary, periods=OLD_PERIODS, *, params=None, ladder=(), unverified, **kw):
    """One version per period; an unverified one gets the "not checked" note."""
    return [
        version(
            award,
            period,
            summary
            + (_note(period) if unverified and _SAID not in summary.lower() else "")
            + (_BEFORE_D42 if period is P2010 else ""),
            params=params,
            ladder=ladder,
            unverified=unverified,
            **kw,
        )
        for period in periods
    ]


_CSTDCS = {
    "initiative_level": InitiativeLevel.BASE,
    "initiatives_required": 1,
    "initiative_window_years": 1,
}
_CAP_15 = {"quota_percent": 15, "quota_base": "ldtt"}
_VOTE_90 = {"vote_threshold_percent": 90}
# Ministry of Justice practice under Decree 91/2017 (Art. 45(10) sets no number) [S29].
_NOTICE_5 = {"public_notice_days": 5}
_OLD_TT = {
    "member_award": "ldtt",
    "member_share_percent": 50,
    "member_share_strict": True,
    "max_member_discipline": Discipline.Form.WARNING,
}
_OLD_TTXS = {
    "all_members_completed": True,
    "member_award": "ldtt",
    "member_share_percent": 70,
    "member_share_strict": False,
    "min_members_with_award": "cstdcs",
    "min_members_count": 1,
    "max_member_discipline": Discipline.Form.WARNING,
}
_CSTD_BO_OLD = (
    "Điều 22 Luật Thi đua, khen thưởng 2003 (sửa đổi): được lựa chọn trong số những cá nhân "
    "có 03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở, có thành tích tiêu biểu xuất "
    "sắc trong ngành."
)
_BK_TTG_65 = (
    "Điểm c khoản 1 Điều 23 Nghị định 65/2014/NĐ-CP: đã được tặng Bằng khen cấp Bộ, 05 năm "
    "tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 05 sáng kiến "
    "được công nhận và áp dụng hiệu quả ở cơ sở. Xếp loại của năm xét được kiểm tra; chuỗi "
    "05 năm do Hội đồng đối chiếu hồ sơ."
)
_BK_TTG_PARAMS = {
    "min_rating": QualityRating.Rating.EXCELLENT,
    "initiative_level": InitiativeLevel.BASE,
    "initiatives_required": 5,
    "initiative_window_years": 5,
}

HISTORY_RULES = [
    *old("ldtt", LDTT, params={"min_rating": QualityRating.Rating.GOOD}, unverified=True),
    *old(
        "cstdcs",
        "Điều 23 Luật Thi đua, khen thưởng 2003 (sửa đổi 2005): đạt danh hiệu Lao động tiên "
        "tiến và có sáng kiến (hoặc đề tài khoa học, giải pháp) được công nhận, áp dụng ở cơ "
        "sở.",
        (P2010,),
        params=_CSTDCS,
        ladder=[P("ldtt", blocking=True)],
        unverified=True,
    ),
    *old(
        "cstdcs",
        "Điều 23 Luật Thi đua, khen thưởng (sửa đổi 2013): đạt danh hiệu Lao động tiên tiến "
        "và có sáng kiến (hoặc đề tài khoa học, đề án) được công nhận, áp dụng hiệu quả ở cơ "
        "sở. Số cá nhân được công nhận không quá 15 % số cá nhân đạt danh hiệu Lao động "
        "tiên tiến (Thông tư 07/2014/TT-BNV).",
        (P2014,),
        params={**_CSTDCS, **_CAP_15},
        ladder=[P("ldtt", blocking=True)],
        unverified=False,
    ),
    *old(
        "cstdcs",
        "Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP: đạt danh hiệu Lao động tiên tiến và có sáng "
        "kiến (hoặc đề tài khoa học, đề án) được công nhận, áp dụng hiệu quả ở cơ sở; số cá "
        "nhân được công nhận không quá 15 % tổng số cá nhân đạt danh hiệu Lao động tiên tiến.",
        (P2017, P2018),
        params={**_CSTDCS, **_CAP_15},
        ladder=[P("ldtt", blocking=True)],
        unverified=False,
    ),
    *old(
        "cstd-nganh",
        _CSTD_BO_OLD + " Yêu cầu về sáng kiến theo quy định cũ: chưa đối chiếu văn bản.",
        (P2010, P2014),
        ladder=[P("cstdcs", 3, 3, consecutive=True, blocking=True)],
        unverified=True,
    ),
    *old(
        "cstd-nganh",
        _CSTD_BO_OLD + " Hội đồng Thi đua – Khen thưởng Bộ bỏ phiếu kín, đồng ý từ 90 % tổng "
        "số thành viên (khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP). Yêu cầu về sáng kiến theo "
        "quy định cũ: chưa đối chiếu văn bản.",
        (P2017, P2018),
        params=_VOTE_90,
        ladder=[P("cstdcs", 3, 3, consecutive=True, blocking=True)],
        unverified=True,
    ),
    *old("cstd-toan-quoc", "Chiến sĩ thi đua toàn quốc.", (P2010,), unverified=True),
    *old(
        "cstd-toan-quoc",
        "Thông tư 07/2014/TT-BNV: có 02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cấp Bộ và "
        "06 năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; xét vào năm sau lần thứ hai "
        "đạt Chiến sĩ thi đua cấp Bộ.",
        (P2014,),
        ladder=[
            P("cstd-nganh", 2, 6, blocking=True),
            P("cstdcs", 6, 6, consecutive=True, blocking=True),
        ],
        unverified=False,
    ),
    *old(
        "cstd-toan-quoc",
        "Luật Thi đua, khen thưởng (sửa đổi 2013): được lựa chọn trong số những cá nhân có 02 "
        "lần liên tục đạt danh hiệu Chiến sĩ thi đua cấp Bộ. Hội đồng bỏ phiếu kín, đồng ý "
        "từ 90 % tổng số thành viên (khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP); Bộ Tư pháp "
        "lấy ý kiến công khai 05 ngày làm việc. Yêu cầu về sáng kiến: chưa đối chiếu văn bản.",
        (P2017, P2018),
        params={**_VOTE_90, **_NOTICE_5},
        ladder=[P("cstd-nganh", 2, 6, blocking=True)],
        unverified=True,
    ),
    *old(
        "tt-ldtt",
        "Điều 28 Luật Thi đua, khen thưởng 2003: hoàn thành tốt nhiệm vụ và kế hoạch được "
        "giao; tích cực tham gia phong trào thi đua thường xuyên; có trên 50 % cá nhân trong "
        "tập thể đạt danh hiệu Lao động tiên tiến và không có cá nhân bị kỷ luật từ hình thức "
        "cảnh cáo trở lên; nội bộ đoàn kết.",
        params=_OLD_TT,
        unverified=False,
    ),
    *old(
        "tt-ldxs",
        "Quy định cũ (trích dẫn công khai, chưa xác định điều khoản): sáng tạo, vượt khó hoàn "
        "thành xuất sắc nhiệm vụ; 100 % thành viên hoàn thành nhiệm vụ, ít nhất 70 % đạt danh "
        "hiệu Lao động tiên tiến; có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở và không "
        "có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.",
        params=_OLD_TTXS,
        unverified=True,
    ),
    *old(
        "co-nganh",
        "Cờ thi đua của Bộ Tư pháp: tặng hằng năm cho tập thể tiêu biểu dẫn đầu khối/cụm thi "
        "đua, được khối/cụm suy tôn; mỗi khối/cụm không quá 01 đơn vị.",
        params={"per_cluster_limit": 1},
        unverified=True,
    ),
    *old(
        "co-chinh-phu",
        "Điều 25 Luật Thi đua, khen thưởng 2003: tập thể hoàn thành vượt mức các chỉ tiêu, là "
        "tập thể tiêu biểu xuất sắc nhất của Bộ, được lựa chọn trong số các tập thể được tặng "
        "Cờ thi đua cấp Bộ; nội bộ đoàn kết. Từ 2014 (Thông tư 07/2014/TT-BNV): số đề nghị "
        "không quá 20 % số tập thể đủ điều kiện tặng Cờ thi đua cấp Bộ (Hội đồng đối chiếu).",
        ladder=[P("co-nganh")],
        unverified=True,
    ),
    *[
        rule
        for code, summary in (
            ("giay-khen-ca-nhan", "Giấy khen của Thủ trưởng đơn vị tặng cá nhân."),
            ("giay-khen-tap-the", "Giấy khen của Thủ trưởng đơn vị tặng tập thể."),
            (
                "bk-bo-ca-nhan",
                "Bằng khen của Bộ trưởng Bộ Tư pháp tặng cá nhân gương mẫu chấp hành chủ "
                "trương, chính sách, pháp luật, hoàn thành xuất sắc nhiệm vụ.",
            ),
            ("bk-bo-tap-the", "Bằng khen của Bộ trưởng Bộ Tư pháp tặng tập thể."),
            ("bk-ttg-tap-the", "Bằng khen của Thủ tướng Chính phủ tặng tập thể."),
        )
        for rule in old(code, summary, unverified=True)
    ],
    *[
        rule
        for code, summary in (
            ("bk-ubnd-ca-nhan", "Bằng khen của Chủ tịch UBND tỉnh tặng cá nhân."),
            ("bk-ubnd-tap-the", "Bằng khen của Chủ tịch UBND tỉnh tặng tập thể."),
        )
        for rule in old(code, summary, unverified=True, sector=False)
    ],
    *old(
        "bk-ttg-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ tặng cá nhân.",
        (P2010,),
        unverified=True,
    ),
    *old(
        "bk-ttg-ca-nhan",
        _BK_TTG_65
        + " Điều 23 còn các tiêu chuẩn khác nên thiếu Bằng khen cấp Bộ chỉ được cảnh báo.",
        (P2014,),
        params=_BK_TTG_PARAMS,
        ladder=[P("bk-bo-ca-nhan", 1, 10)],
        unverified=False,
    ),
    *old(
        "bk-ttg-ca-nhan",
        "Giữ tiêu chuẩn của Nghị định 65/2014/NĐ-CP; Nghị định 91/2017/NĐ-CP: chưa đối chiếu "
        "văn bản. " + _BK_TTG_65,
        (P2017, P2018),
        params=_BK_TTG_PARAMS,
        ladder=[P("bk-bo-ca-nhan", 1, 10)],
        unverified=True,
    ),
    *old(
        "hcld-3-ca-nhan",
        "Điểm a khoản 1 Điều 44 Luật Thi đua, khen thưởng 2003, một trong các tiêu chuẩn: có "
        "07 năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở và có hai lần được tặng Bằng "
        "khen cấp Bộ hoặc một lần được tặng Bằng khen của Thủ tướng Chính phủ (Hội đồng đối "
        "chiếu). Sửa đổi năm 2005: chưa đối chiếu văn bản.",
        (P2010,),
        ladder=[P("cstdcs", 7, 7, consecutive=True)],
        unverified=True,
    ),
    *old(
        "hcld-3-ca-nhan",
        "Huân chương Lao động hạng Ba theo Luật Thi đua, khen thưởng sửa đổi năm 2013.",
        (P2014,),
        ladder=[P("bk-ttg-ca-nhan", 1, 10)],
        unverified=True,
    ),
    *old(
        "hcld-3-ca-nhan",
        "Điều 24 Nghị định 91/2017/NĐ-CP, một trong các tiêu chuẩn: đã được tặng Bằng khen của "
        "Thủ tướng Chính phủ và 05 năm tiếp theo trở lên liên tục lập được thành tích xuất "
        "sắc, trong thời gian đó có 02 sáng kiến có phạm vi ảnh hưởng trong Bộ, ngành được "
        "công nhận. Bộ Tư pháp lấy ý kiến công khai 05 ngày làm việc.",
        (P2017, P2018),
        params={
            "min_rating": QualityRating.Rating.EXCELLENT,
            "initiative_level": InitiativeLevel.MINISTRY,
            "initiatives_required": 2,
            "initiative_window_years": 5,
            **_NOTICE_5,
        },
        ladder=[P("bk-ttg-ca-nhan", 1, 10)],
        unverified=False,
    ),
    *old(
        "hcld-3-tap-the",
        "Khoản 2 Điều 44 Luật Thi đua, khen thưởng 2003, một trong các tiêu chuẩn: có 05 năm "
        "liên tục đạt danh hiệu Tập thể lao động xuất sắc và có một lần được tặng Cờ thi đua "
        "cấp Bộ hoặc một lần được tặng Bằng khen của Thủ tướng Chính phủ (Hội đồng đối "
        "chiếu). Sửa đổi năm 2005: chưa đối chiếu văn bản.",
        (P2010,),
        ladder=[P("tt-ldxs", 5, 5, consecutive=True)],
        unverified=True,
    ),
    *old(
        "hcld-3-tap-the",
        "Huân chương Lao động hạng Ba tặng tập thể; đã được tặng Bằng khen của Thủ tướng "
        "Chính phủ.",
        (P2014,),
        ladder=[P("bk-ttg-tap-the", 1, 10)],
        unverified=True,
    ),
    *old(
        "hcld-3-tap-the",
        "Huân chương Lao động hạng Ba tặng tập thể; đã được tặng Bằng khen của Thủ tướng "
        "Chính phủ. Bộ Tư pháp lấy ý kiến công khai 05 ngày làm việc.",
        (P2017, P2018),
        params=_NOTICE_5,
        ladder=[P("bk-ttg-tap-the", 1, 10)],
        unverified=True,
    ),
    *[
        rule
        for rank, lower in (("2", "3"), ("1", "2"))
        for subject in ("ca-nhan", "tap-the")
        for periods, params in (((P2010, P2014), {}), ((P2017, P2018), _NOTICE_5))
        for rule in old(
            f"hcld-{rank}-{subject}",
            f"Đã được tặng Huân chương Lao động hạng {'Ba' if lower == '3' else 'Nhì'} và tiếp "
            "tục lập thành tích xuất sắc.",
            periods,
            params=params,
            ladder=[P(f"hcld-{lower}-{subject}", 1, 10)],
            unverified=True,
        )
    ],
]

_KNC = (
    'Kỷ niệm chương "Vì sự nghiệp Tư pháp": tặng một lần cho cá nhân có nhiều đóng góp cho '
    "sự nghiệp xây dựng và phát triển ngành Tư pháp, thường xét vào dịp Ngày truyền thống "
    "ngành Tư pháp (28/8)"
)
KNC_RULES = [
    RuleSpec(
        "knc-tu-phap",
        D(2010, 1, 1),
        D(2018, 8, 20),
        (LAW_2003, LAW_2005),
        _KNC + ". Văn bản quy định trước Thông tư 06/2018/TT-BTP: chưa đối chiếu văn bản.",
        unverified=True,
        params={"once_per_subject": True},
    ),
    RuleSpec(
        "knc-tu-phap",
        D(2018, 8, 21),
        D(2023, 12, 31),
        (LAW_2003, LAW_2005, LAW_2013, C06_2018),
        _KNC + " (Thông tư 06/2018/TT-BTP); thời gian công tác tối thiểu: chưa đối chiếu văn bản.",
        unverified=True,
        params={"once_per_subject": True},
    ),
    RuleSpec(
        "knc-tu-phap",
        D(2024, 1, 1),
        D(2025, 9, 14),
        (LAW, C06_2018),
        _KNC + " (Thông tư 06/2018/TT-BTP); thời gian công tác tối thiểu: chưa đối chiếu văn bản.",
        unverified=True,
        params={"once_per_subject": True},
    ),
    RuleSpec(
        "knc-tu-phap",
        D(2025, 9, 15),
        None,
        (LAW, C14),
        _KNC + "; thời gian công tác tối thiểu theo Thông tư 14/2025/TT-BTP.",
        params={"once_per_subject": True},
    ),
]
