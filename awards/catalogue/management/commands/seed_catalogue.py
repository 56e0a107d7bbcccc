from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.catalogue.seed import seed_catalogue

LABELS = {
    "legal_documents": gettext_lazy("Văn bản pháp lý"),
    "authorities": gettext_lazy("Cấp khen thưởng"),
    "awards": gettext_lazy("Danh hiệu / hình thức khen thưởng"),
    "rules": gettext_lazy("Phiên bản tiêu chuẩn"),
    "prerequisites": gettext_lazy("Điều kiện đã đạt trước"),
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Nạp (hoặc cập nhật) danh mục khen thưởng và văn bản pháp lý của ngành Tư pháp. "
        "Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def handle(self, *args, **options):
        result = seed_catalogue()
        for key, label in LABELS.items():
            counts = result.get(key, {})
            line = _(
                "%(label)s: %(created)d tạo mới, %(updated)d cập nhật, %(unchanged)d không đổi"
            ) % {
                "label": label,
                **{k: counts.get(k, 0) for k in ("created", "updated", "unchanged")},
            }
            if counts.get("skipped"):
                line += _(", %(n)d bỏ qua") % {"n": counts["skipped"]}
            self.stdout.write(line)
        for warning in result["warnings"]:
            self.stderr.write(self.style.WARNING(_("Bỏ qua %(rule)s") % {"rule": warning}))
        self.stdout.write(self.style.SUCCESS(_("Đã nạp danh mục khen thưởng.")))
