"""What the two seed commands share: the safety checks, the transaction, the report."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.catalogue.seed import seed_catalogue
from thidua.demo.accounts import DEMO_PASSWORD
from thidua.demo.pipeline import Result, build, number
from thidua.demo.plans import Plan
from thidua.demo.reset import has_data, is_seeded, wipe


class SeedCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Xóa dữ liệu mẫu đã có rồi tạo lại (người dùng mẫu được giữ, cấp lại vai trò)."),
        )

    def refuse_foreign_data(self):
        if has_data() and not is_seeded():
            raise CommandError(
                _(
                    "Cơ sở dữ liệu đã có dữ liệu không phải do lệnh tạo dữ liệu mẫu sinh ra; "
                    "không ghi đè, không xóa. Hãy dùng một cơ sở dữ liệu trống."
                )
            )

    def seed(self, plan: Plan, *, reset: bool) -> Result:
        """In one transaction: empty the seeded data if asked, seed the catalogue, build."""
        with transaction.atomic():
            if reset and has_data():
                self.stdout.write(_("Xóa dữ liệu mẫu cũ: %(n)s bản ghi.") % {"n": number(wipe())})
            self.stdout.write(_("Danh mục khen thưởng:"))
            counts = seed_catalogue()
            awards = counts.get("awards", {})
            self.stdout.write(
                "  "
                + _("%(created)s hình thức mới, %(unchanged)s giữ nguyên")
                % {"created": awards.get("created", 0), "unchanged": awards.get("unchanged", 0)}
            )
            for warning in counts.get("warnings", []):
                self.stdout.write(self.style.WARNING(f"  {warning}"))
            self.stdout.write(_("Dữ liệu:"))
            return build(plan, self.stdout.write)

    def print_accounts(self, lines: list[str]):
        self.stdout.write(
            _("Người dùng mẫu (mật khẩu %(password)s chỉ dùng để trình diễn):")
            % {"password": DEMO_PASSWORD}
        )
        for line in lines:
            self.stdout.write(f"  {line}")
