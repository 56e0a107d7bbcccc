from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

from thidua.demo.command import SeedCommand
from thidua.demo.pipeline import number, seconds
from thidua.demo.plans import TooFewUnits, national_plan
from thidua.demo.reset import has_data


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise ValueError(value)
    return n


class Command(SeedCommand):
    help = _(
        "Tạo dữ liệu quy mô toàn ngành để đo hiệu năng: toàn bộ 63 → 34 tỉnh, ~1.000 đơn vị, "
        "~15.000 cán bộ, mỗi năm ~15.000 lượt khen thưởng. Chỉ chạy trên cơ sở dữ liệu trống "
        "(hoặc đã có dữ liệu mẫu, với --reset)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--years", type=_positive, default=10, help=_("Số năm khen thưởng."))
        parser.add_argument("--units", type=_positive, default=1000, help=_("Tổng số đơn vị."))
        parser.add_argument("--people", type=_positive, default=15000, help=_("Số cán bộ."))
        parser.add_argument(
            "--per-year", type=_positive, default=15000, help=_("Số lượt khen thưởng mỗi năm.")
        )

    def handle(self, *args, reset=False, years, units, people, per_year, **options):
        if years > 30:
            raise CommandError(_("Tối đa 30 năm."))
        try:
            plan = national_plan(units=units, people=people, per_year=per_year, years=years)
        except TooFewUnits as error:
            raise CommandError(
                _("Cần ít nhất %(n)s đơn vị.") % {"n": number(error.minimum)}
            ) from None
        self.refuse_foreign_data()
        if has_data() and not reset:
            raise CommandError(
                _("Cơ sở dữ liệu đã có dữ liệu mẫu. Dùng --reset để xóa và tạo lại.")
            )
        result = self.seed(plan, reset=reset)
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã tạo %(units)s đơn vị, %(people)s cán bộ, %(decisions)s quyết định, "
                    "%(conferments)s lượt khen thưởng trong %(s)s giây."
                )
                % {
                    "units": number(counts["units"]),
                    "people": number(counts["people"]),
                    "decisions": number(counts["decisions"]),
                    "conferments": number(counts["conferments"]),
                    "s": seconds(result.seconds),
                }
            )
        )
        self.print_accounts([account.describe() for account in result.accounts])
        self.analyze()

    def analyze(self):
        """Give PostgreSQL's planner statistics of the new rows.

        Autovacuum would get there eventually; until then the planner guesses from empty
        tables (the scoring trend query took 46 s on a fresh seed without it).
        """
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(_("Đã cập nhật thống kê của cơ sở dữ liệu (ANALYZE)."))
