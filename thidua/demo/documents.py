"""The demo's templates of drafted documents (tờ trình, dự thảo quyết định).

The general ones are seeded by the certificates migration; they are made again here when
missing (a database emptied by hand). The Minister gets a dự thảo quyết định of their own:
signed by a deputy for the Minister ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG") on the proposal of the
ministry's TĐKT department, so the demo shows a template per conferring authority at work.
A reset keeps templates (they hang on the catalogue, not on units): nothing is made twice.
"""

from awards.catalogue.models import Authority
from awards.certificates.document_defaults import DECISION, DEFAULTS
from awards.certificates.models import DocumentTemplate

MINISTER = "bo-truong-btp"
MINISTER_DECISION = DEFAULTS[DECISION, ""] | {
    "bases": (
        "{bases}\nXét kết quả bỏ phiếu của {council_name} ngày {session_date};\n"
        "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng."
    ),
    "body": (
        "Điều 1. Tặng {award_counts} có tên trong danh sách kèm theo, đã có thành tích xuất "
        "sắc trong thực hiện nhiệm vụ công tác năm {year}.\n"
        "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định của Luật Thi đua, khen thưởng và "
        "các văn bản hướng dẫn thi hành, từ nguồn kinh phí khen thưởng của Bộ Tư pháp.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Bộ, Vụ trưởng Vụ Thi "
        "đua - Khen thưởng, Thủ trưởng {proposing_unit} và các cá nhân, tập thể có tên trong "
        "danh sách kèm theo chịu trách nhiệm thi hành Quyết định này./."
    ),
    "signature": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
    "recipients": "Như Điều 3\nBộ trưởng (để báo cáo)\nLưu: VT, Vụ TĐKT",
}


def build_document_templates() -> int:
    """Make the missing general templates and the Minister's own; return how many exist."""
    for (document, kind), wording in DEFAULTS.items():
        DocumentTemplate.objects.get_or_create(
            document=document, authority=None, award_kind=kind, defaults=wording
        )
    minister = Authority.objects.filter(code=MINISTER).first()
    if minister is not None:
        DocumentTemplate.objects.get_or_create(
            document=DECISION, authority=minister, award_kind="", defaults=MINISTER_DECISION
        )
    return DocumentTemplate.objects.count()
