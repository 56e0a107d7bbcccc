"""The first-login tour: a few steps per role, shown on the home page until dismissed.

A user sees the steps of every role they act in (a unit role, a council seat, the TĐKT
office) whose tour they have not dismissed; dismissing hides them all, and a role gained
later brings its own tour.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from awards.todo import sits_on_a_council
from thidua.guide.models import TourDismissal
from units.access import is_admin, user_roles
from units.models import UnitRole

R = UnitRole.Role


@dataclass(frozen=True)
class Step:
    title: Promise
    text: Promise
    page: str  # the help page that says more (a slug of thidua.guide.pages)


STEPS: dict[str, tuple[Step, ...]] = {
    R.STAFF: (
        Step(
            _("Việc cần làm của cán bộ nhập liệu"),
            _(
                "Khung “Việc cần làm” đếm bản đăng ký nháp chưa gửi, phiếu chấm điểm chưa gửi "
                "và hồ sơ bị trả lại; bấm một dòng để mở đúng danh sách."
            ),
            "home",
        ),
        Step(
            _("Đăng ký danh hiệu thi đua"),
            _(
                "Vào Thi đua → Phong trào thi đua, chọn phong trào rồi đơn vị của bạn: đăng ký "
                "cho tập thể, cho từng cán bộ hoặc nhập từ tệp Excel mẫu, rồi gửi lãnh đạo duyệt."
            ),
            "campaigns",
        ),
        Step(
            _("Lập hồ sơ đề nghị"),
            _(
                "Cuối năm, Khen thưởng → Đề nghị khen thưởng: thêm người được đề nghị, tải tờ "
                "trình, biên bản, báo cáo thành tích, xem kết quả kiểm tra điều kiện rồi trình "
                "lãnh đạo."
            ),
            "proposals",
        ),
    ),
    R.LEADER: (
        Step(
            _("Việc chờ lãnh đạo"),
            _(
                "Trang chủ cho biết đăng ký và đề nghị đang chờ bạn duyệt, chờ từ ngày nào, và "
                "giao ước năm nay đơn vị chưa ký."
            ),
            "home",
        ),
        Step(
            _("Duyệt đăng ký và đề nghị"),
            _(
                "Duyệt hoặc trả lại (ghi rõ lý do) đăng ký thi đua; với đề nghị khen thưởng, "
                "xem điều kiện từng người rồi gửi cấp trên hoặc trả lại."
            ),
            "proposals",
        ),
        Step(
            _("Ký giao ước, xem kết quả"),
            _(
                "Lãnh đạo ký giao ước thi đua của khối/cụm, thẩm định chấm điểm khi đơn vị làm "
                "Trưởng khối và xem báo cáo kết quả khen thưởng của các đơn vị mình phụ trách."
            ),
            "pledges",
        ),
    ),
    R.COUNCIL: (
        Step(
            _("Phiên họp Hội đồng"),
            _(
                "Khen thưởng → Hội đồng liệt kê các phiên họp của Hội đồng bạn tham gia; trang "
                "chủ đếm phiên đang chờ và đề cử bạn chưa bỏ phiếu."
            ),
            "council",
        ),
        Step(
            _("Xem hồ sơ trước khi bỏ phiếu"),
            _(
                "Ở mỗi dòng của chương trình họp, “Xem hồ sơ” mở tóm tắt thành tích, kết quả "
                "kiểm tra điều kiện và căn cứ pháp lý của người được đề nghị."
            ),
            "council",
        ),
        Step(
            _("Bỏ phiếu kín"),
            _(
                "Khi phiên họp mở, chọn Đồng ý hoặc Không đồng ý rồi xác nhận phiếu; bạn sửa "
                "được phiếu của mình cho đến khi phiên họp kết thúc."
            ),
            "council",
        ),
    ),
    R.ADMIN: (
        Step(
            _("Việc của Văn phòng TĐKT"),
            _(
                "Trang chủ đếm đề nghị đến cần thẩm định, quyết định dự thảo chờ ban hành và "
                "bằng khen chưa in."
            ),
            "home",
        ),
        Step(
            _("Danh mục và văn bản pháp lý"),
            _(
                "Khi văn bản quy định thay đổi, thêm văn bản vào danh mục văn bản pháp lý và "
                "một phiên bản tiêu chuẩn mới cho danh hiệu trong trang Quản trị."
            ),
            "history",
        ),
        Step(
            _("Quyết định, in bằng, báo cáo"),
            _(
                "Ban hành quyết định cho người đã được Hội đồng thông qua, in bằng khen, và lập "
                "báo cáo, biểu thống kê của toàn ngành trong menu Báo cáo."
            ),
            "decisions",
        ),
    ),
}
ORDER = (R.STAFF, R.LEADER, R.COUNCIL, R.ADMIN)


def acting_roles(user) -> list[str]:
    """The roles the user acts in, as the home page's to-do counts them."""
    held = {role for _unit, role in user_roles(user)}
    if is_admin(user):
        held.add(R.ADMIN)
    if R.COUNCIL not in held and sits_on_a_council(user):
        held.add(R.COUNCIL)
    return [role for role in ORDER if role in held]


def pending_roles(user) -> list[str]:
    """The user's roles whose tour they have not dismissed."""
    roles = acting_roles(user)
    if not roles:
        return []
    dismissed = set(
        TourDismissal.objects.filter(user=user, role__in=roles).values_list("role", flat=True)
    )
    return [role for role in roles if role not in dismissed]


def steps_for(roles) -> list[tuple[str, Step]]:
    """(role, step) for each step of each role, in the roles' order."""
    return [(role, step) for role in roles for step in STEPS[role]]
