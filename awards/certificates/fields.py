"""The named fields a certificate's wording may use and the page they are laid out on: a leaf
module, read by the models (choices), the wording checks and the renderer."""

from django.utils.translation import gettext_lazy as _

# A4 landscape, in millimetres.
PAGE_WIDTH_MM = 297
PAGE_HEIGHT_MM = 210
PT_TO_MM = 25.4 / 72

# The named fields a template may use, in the order the editor lists them.
FIELDS = {
    "authority_heading": _("Người tặng (dòng đầu, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN)"),
    "award_name": _("Tên danh hiệu / hình thức khen thưởng"),
    "honorific": _("Ông / Bà (để trống với tập thể)"),
    "recipient_name": _("Họ và tên cá nhân hoặc tên tập thể"),
    "position": _("Chức vụ khi được khen"),
    "unit_name": _("Đơn vị khi được khen (tên tại thời điểm khen)"),
    "position_unit": _("Chức vụ, đơn vị (nối bằng dấu phẩy)"),
    "achievement": _("Thành tích"),
    "year": _("Năm thành tích"),
    "decision_number": _("Số quyết định"),
    "decision_date": _("Ngày quyết định (dd/mm/yyyy)"),
    "register_number": _("Số vào sổ"),
    "place_date": _("Địa danh, ngày tháng năm"),
    "signer_position": _("Chức vụ người ký"),
    "signer_name": _("Người ký"),
}
FIELD_CHOICES = [(name, name) for name in FIELDS]

# The named fields of a drafted document (tờ trình, dự thảo quyết định), filled from a
# proposal and its council's result (``awards.certificates.drafts``).
DOCUMENT_FIELDS = {
    "issuer": _("Cơ quan ban hành (tờ trình: đơn vị đề nghị; quyết định: cơ quan xét)"),
    "issuer_code": _("Tên viết tắt của cơ quan ban hành, dùng trong số, ký hiệu"),
    "place": _("Địa danh (tỉnh nơi cơ quan ban hành đóng trụ sở)"),
    "today": _("Ngày lập văn bản (ngày … tháng … năm …)"),
    "current_year": _("Năm lập văn bản"),
    "proposing_unit": _("Đơn vị đề nghị"),
    "authority": _("Cấp khen thưởng (ví dụ Bộ trưởng Bộ Tư pháp)"),
    "authority_unit": _("Cơ quan xét, quyết định khen thưởng"),
    "signer_office": _("Người có thẩm quyền, chữ in hoa (BỘ TRƯỞNG BỘ TƯ PHÁP)"),
    "signer_title": _("Chức danh người đứng đầu cơ quan ban hành, chữ in hoa (BỘ TRƯỞNG)"),
    "proposal_title": _("Trích yếu của đề nghị"),
    "summary": _("Nội dung của đề nghị"),
    "year": _("Năm thành tích"),
    "award_words": _("Các hình thức khen thưởng (Bằng khen … và danh hiệu …)"),
    "award_counts": _("Từng hình thức với số cá nhân, tập thể (Bằng khen … cho 02 cá nhân)"),
    "count_words": _("Tổng số được đề nghị / được khen (02 cá nhân và 01 tập thể)"),
    "nominee_names": _("Tên các cá nhân, tập thể (nối bằng dấu phẩy)"),
    "bases": _("Các căn cứ pháp lý, mỗi căn cứ một dòng (theo tiêu chuẩn của hình thức)"),
    "proposer": _("Theo đề nghị của (thông tin ban hành văn bản, hoặc Hội đồng TĐKT)"),
    "council_name": _("Hội đồng đã bỏ phiếu"),
    "session_date": _("Ngày họp Hội đồng (dd/mm/yyyy)"),
    "council_result": _("Kết quả bỏ phiếu của Hội đồng (một câu)"),
    "passed_count": _("Số được Hội đồng đồng ý (01 cá nhân)"),
    "failed_count": _("Số không đạt tỷ lệ phiếu đồng ý"),
}
