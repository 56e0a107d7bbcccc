"""What the guide remembers per user: which roles' first-login tour they have dismissed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import UnitRole


class TourDismissal(models.Model):
    """The user closed the home page's tour for this role; a role gained later still gets
    its own tour."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="tour_dismissals",
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=UnitRole.Role.choices)
    dismissed_at = models.DateTimeField(_("ẩn lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần ẩn phần giới thiệu")
        verbose_name_plural = _("các lần ẩn phần giới thiệu")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="guide_one_dismissal_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
