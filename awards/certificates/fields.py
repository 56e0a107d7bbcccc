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
