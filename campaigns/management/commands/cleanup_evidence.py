"""Remove score evidence files left behind: held files never attached (their form was not
corrected before the hold expired) and stored files no score line points to. Run daily
(cron or a scheduled task); ``--dry-run`` lists without deleting."""

from django.core.management.base import BaseCommand

from campaigns.scoring.services.uploads import evidence_cleanup


class Command(BaseCommand):
    help = (
        "Xóa tệp minh chứng chấm điểm bị bỏ lại: tệp giữ tạm đã quá hạn và tệp không còn gắn "
        "với dòng điểm nào."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê các tệp sẽ xóa, không xóa."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        result = evidence_cleanup(dry_run=dry_run)
        if verbosity > 1 or dry_run:
            for path in (*result.held, *result.orphans):
                self.stdout.write(path)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(
            f"{verb} {len(result.held)} tệp minh chứng giữ tạm đã quá hạn và "
            f"{len(result.orphans)} tệp minh chứng không gắn với dòng điểm nào."
        )
