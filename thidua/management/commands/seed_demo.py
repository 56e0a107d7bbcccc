from django.utils.translation import gettext as _

from thidua.demo.accounts import existing_lines
from thidua.demo.command import SeedCommand
from thidua.demo.pipeline import seconds
from thidua.demo.plans import demo_plan
from thidua.demo.reset import is_seeded


class Command(SeedCommand):
    help = _(
        "Tạo dữ liệu mẫu: 17 tỉnh trước và sau sáp nhập 01/07/2025, cây đơn vị THADS, "
        "khối/cụm thi đua, vài trăm cán bộ, lịch sử khen thưởng 2019–2025 và 4 người dùng mẫu."
    )

    def handle(self, *args, reset=False, **options):
        self.refuse_foreign_data()
        if is_seeded() and not reset:
            self.stdout.write(
                _("Dữ liệu mẫu đã có, không tạo thêm. Dùng --reset để xóa và tạo lại.")
            )
            self.print_accounts(existing_lines())
            return
        result = self.seed(demo_plan(), reset=reset)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo dữ liệu mẫu trong %(s)s giây.") % {"s": seconds(result.seconds)}
            )
        )
        self.print_accounts([account.describe() for account in result.accounts])
