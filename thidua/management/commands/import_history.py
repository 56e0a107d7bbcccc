"""``manage.py import_history FILE [--create-missing] [--dry-run]``: the admin page's import
from the command line (the same service, the same all-or-nothing checks)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.history.services import ERROR, EXISTS, OK, history_import, summary
from awards.history.sheets import read_workbook

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = (
        "Nhập lịch sử khen thưởng (quyết định, khen thưởng, xếp loại, sáng kiến) từ tệp Excel "
        "theo mẫu; lưu tất cả hoặc không lưu gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx theo mẫu nhập lịch sử.")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Tạo mới cán bộ và cơ quan ngoài ngành chưa có trên hệ thống.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và báo cáo, không lưu gì."
        )

    def handle(self, *args, file, create_missing=False, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            with path.open("rb") as stream:
                workbook = read_workbook(stream)
            result = history_import(
                by=None,
                file=workbook,
                dry_run=dry_run,
                create_missing=create_missing,
                filename=path.name,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        errors = [row for row in result.rows if row.status == ERROR]
        for row in errors[:SHOWN_ERRORS]:
            for column, message in row.errors:
                self.stdout.write(f"{row.sheet}, dòng {row.number}, cột “{column}”: {message}")
        if len(errors) > SHOWN_ERRORS:
            self.stdout.write(f"… và {len(errors) - SHOWN_ERRORS} dòng lỗi khác.")
        self.stdout.write(
            f"{len(result.rows)} dòng: {result.count(OK)} dòng mới, {result.count(EXISTS)} dòng "
            f"đã có, {len(errors)} dòng lỗi; chưa có trên hệ thống: "
            f"{len(result.new_people)} cán bộ, {len(result.new_bodies)} cơ quan."
        )
        if errors:
            raise CommandError("Tệp có dòng lỗi: không lưu gì.")
        if dry_run:
            self.stdout.write("Chạy thử: không lưu gì.")
        elif not result.saved:
            self.stdout.write("Không có gì thay đổi: mọi dòng đã có trên hệ thống.")
        else:
            self.stdout.write(summary(result, path.name))
