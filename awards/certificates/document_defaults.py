"""The stock wording of drafted documents: a unit's tờ trình đề nghị khen thưởng and the TĐKT
office's dự thảo quyết định khen thưởng, in general and for emulation titles.

Plain constants (no model import): the seeding migration reads them, and a document whose
default row is missing (a database emptied by a test) is drafted from them.
"""

SUBMISSION, DECISION = "submission", "decision"
TITLE = "title"  # awards.catalogue.models.Award.Kind.TITLE

_SUBMISSION = {
    "number": "        /TTr-{issuer_code}",
    "place_date": "{place}, {today}",
    "subject": "Về việc đề nghị tặng {award_words}",
    "lead": "Kính gửi: {authority}",
    "bases": "{bases}\nCăn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {issuer}.",
    "body": (
        "Thực hiện công tác thi đua, khen thưởng năm {year}, trên cơ sở thành tích đạt được, "
        "Hội đồng Thi đua - Khen thưởng {issuer} đã họp, xét và thống nhất đề nghị khen "
        "thưởng các cá nhân, tập thể có thành tích xuất sắc trong thực hiện nhiệm vụ.\n"
        "{issuer} kính trình {authority} xem xét, tặng {award_counts} "
        "(có danh sách kèm theo).\n"
        "Hồ sơ kèm theo gồm: danh sách đề nghị khen thưởng; biên bản họp Hội đồng Thi đua - "
        "Khen thưởng; báo cáo thành tích của các cá nhân, tập thể được đề nghị.\n"
        "Kính trình {authority} xem xét, quyết định./."
    ),
    "signature": "{signer_title}",
    "signer_name": "",
    "recipients": "Như trên\nLưu: VT, TĐKT",
    "annex_title": "DANH SÁCH\nđề nghị tặng {award_words}\n(Kèm theo Tờ trình của {issuer})",
}

_DECISION = {
    "number": "        /QĐ-{issuer_code}",
    "place_date": "{place}, ngày      tháng      năm {current_year}",
    "subject": "Về việc tặng {award_words}",
    "lead": "{signer_office}",
    "bases": (
        "{bases}\nXét kết quả bỏ phiếu của {council_name} ngày {session_date};\n"
        "Theo đề nghị của {proposer}."
    ),
    "body": (
        "Điều 1. Tặng {award_counts} có tên trong danh sách kèm theo, đã có thành tích xuất "
        "sắc trong thực hiện nhiệm vụ năm {year}.\n"
        "Điều 2. Tiền thưởng thực hiện theo quy định của pháp luật về thi đua, khen thưởng.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng {proposing_unit}, các "
        "đơn vị có liên quan và các cá nhân, tập thể có tên trong danh sách kèm theo chịu "
        "trách nhiệm thi hành Quyết định này./."
    ),
    "signature": "{signer_title}",
    "signer_name": "",
    "recipients": "Như Điều 3\nLưu: VT, TĐKT",
    "annex_title": (
        "DANH SÁCH\nđược tặng {award_words}\n(Kèm theo Quyết định số        /QĐ-{issuer_code} "
        "ngày      tháng      năm {current_year} của {authority})"
    ),
}

# (document, award kind or "" for any) → wording; the conferring authority is left empty:
# these are the defaults every authority uses until an admin writes its own.
DEFAULTS = {
    (SUBMISSION, ""): _SUBMISSION,
    (SUBMISSION, TITLE): _SUBMISSION
    | {
        "subject": "Về việc đề nghị xét tặng danh hiệu thi đua năm {year}",
        "body": (
            "Căn cứ kết quả bình xét danh hiệu thi đua năm {year} và đề nghị của Hội đồng Thi "
            "đua - Khen thưởng {issuer}, các cá nhân, tập thể dưới đây đã đạt tiêu chuẩn danh "
            "hiệu thi đua theo quy định.\n"
            "{issuer} kính trình {authority} xem xét, tặng {award_counts} "
            "(có danh sách kèm theo).\n"
            "Hồ sơ kèm theo gồm: danh sách đề nghị; biên bản họp Hội đồng Thi đua - Khen "
            "thưởng; báo cáo thành tích của các cá nhân, tập thể được đề nghị.\n"
            "Kính trình {authority} xem xét, quyết định./."
        ),
    },
    (DECISION, ""): _DECISION,
    (DECISION, TITLE): _DECISION
    | {
        "subject": "Về việc tặng danh hiệu thi đua năm {year}",
        "body": (
            "Điều 1. Tặng {award_counts} có tên trong danh sách kèm theo, đã đạt tiêu chuẩn "
            "danh hiệu thi đua năm {year}.\n"
            "Điều 2. Tiền thưởng thực hiện theo quy định của pháp luật về thi đua, khen thưởng.\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng {proposing_unit}, các "
            "đơn vị có liên quan và các cá nhân, tập thể có tên trong danh sách kèm theo chịu "
            "trách nhiệm thi hành Quyết định này./."
        ),
    },
}
