"""What the engine returns: one verdict per subject, made of explained checks."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Award, AwardRule, LegalDocument


class CheckStatus(models.TextChoices):
    PASS = "pass", _("Đạt")
    WARN = "warn", _("Cần lưu ý")
    BLOCK = "block", _("Không được đề nghị")


class VerdictStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    WARNINGS = "warnings", _("Đủ điều kiện, có lưu ý")
    BLOCKED = "blocked", _("Không được đề nghị")
    NO_RULE = "no_rule", _("Chưa có tiêu chuẩn áp dụng")


class CheckCode(models.TextChoices):
    """One code per rule, so the UI (and tests) can find a check without parsing text."""

    NO_RULE = "no_rule", _("Tiêu chuẩn áp dụng")
    DISCIPLINE = "discipline", _("Kỷ luật")
    PENALTY_CUTOFF = "penalty_cutoff", _("Tính thành tích sau kỷ luật")
    REVIEW = "review", _("Đang bị xem xét")
    ALREADY_REWARDED = "already_rewarded", _("Thành tích đã được khen")
    ONCE_PER_SUBJECT = "once_per_subject", _("Chỉ tặng một lần")
    SERVICE = "service", _("Thời gian công tác")
    RATING = "rating", _("Xếp loại chất lượng")
    PREREQUISITE = "prerequisite", _("Đã đạt trước")
    INITIATIVES = "initiatives", _("Sáng kiến")
    MEMBER_SHARE = "member_share", _("Tỷ lệ thành viên đạt danh hiệu")
    MEMBERS_COMPLETED = "members_completed", _("Thành viên hoàn thành nhiệm vụ")
    MEMBERS_WITH_AWARD = "members_with_award", _("Thành viên đạt danh hiệu")
    MEMBER_DISCIPLINE = "member_discipline", _("Thành viên bị kỷ luật")
    QUOTA = "quota", _("Tỷ lệ tối đa")


class Check(NamedTuple):
    """``relied`` names the records a passing check counted, as ("conferment" | "initiative",
    pk) pairs: the decision that confers the award records them (one achievement, one
    reward)."""

    code: str
    status: str
    message: str
    relied: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome for one subject (a person, or a unit for collective awards).

    ``rule`` and ``legal_bases`` are the rule version used, so the UI can cite it;
    both are empty when no version is in force on the reference date ``on``.
    """

    subject_pk: int
    award: Award
    year: int
    on: datetime.date
    rule: AwardRule | None
    legal_bases: tuple[LegalDocument, ...]
    checks: tuple[Check, ...]
    status: str

    @classmethod
    def from_checks(cls, *, checks, rule, **fields) -> "Verdict":
        checks = tuple(checks)
        statuses = {check.status for check in checks}
        if rule is None:
            status = VerdictStatus.NO_RULE
        elif CheckStatus.BLOCK in statuses:
            status = VerdictStatus.BLOCKED
        elif CheckStatus.WARN in statuses:
            status = VerdictStatus.WARNINGS
        else:
            status = VerdictStatus.ELIGIBLE
        return cls(checks=checks, rule=rule, status=status, **fields)

    @property
    def status_label(self) -> str:
        return str(VerdictStatus(self.status).label)

    @property
    def citation(self) -> str:
        """E.g. "Nghị định 152/2025/NĐ-CP; Thông tư 11/2023/TT-BTP (áp dụng từ 01/07/2025)"."""
        if self.rule is None:
            return ""
        span = gettext("áp dụng từ %(start)s") % {"start": f"{self.rule.effective_from:%d/%m/%Y}"}
        if self.rule.effective_to:
            span += gettext(" đến %(end)s") % {"end": f"{self.rule.effective_to:%d/%m/%Y}"}
        bases = "; ".join(str(doc) for doc in self.legal_bases)
        return f"{bases} ({span})" if bases else span

    @property
    def relied(self) -> list[tuple[str, int]]:
        """What the passing checks counted: ("conferment" | "initiative", pk) pairs."""
        return [item for c in self.checks if c.status == CheckStatus.PASS for item in c.relied]

    def messages(self, status: str | None = None) -> list[str]:
        return [c.message for c in self.checks if status is None or c.status == status]
