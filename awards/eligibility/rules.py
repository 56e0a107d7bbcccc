"""The hard rules, and the order in which every check runs.

Each check is a plain function of (context, history) returning ``Check``s with a
Vietnamese message that cites its evidence. Hard rules (discipline, open reviews, an
achievement already rewarded, once-only awards) block; the standards of a title
(``standards.py``, ``collective.py``) mostly warn, as Decree 152/2025 wants ladder rules.
"""

from django.utils.translation import gettext_lazy

from awards.eligibility import text
from awards.eligibility.collective import member_checks
from awards.eligibility.context import Context
from awards.eligibility.history import Awarded, DisciplineRecord, History
from awards.eligibility.standards import (
    initiative_check,
    prerequisite_check,
    rating_check,
    service_check,
    void_note,
)
from awards.eligibility.text import _
from awards.eligibility.verdict import Check, CheckCode, CheckStatus, Verdict
from units.models import Discipline, Review

REVIEW_STATE = {
    Review.Kind.DISCIPLINE: gettext_lazy("Đang bị xem xét kỷ luật"),
    Review.Kind.INVESTIGATION: gettext_lazy("Đang bị điều tra, thanh tra, kiểm tra"),
    Review.Kind.COMPLAINT: gettext_lazy("Đang trong thời gian xác minh khiếu nại, tố cáo"),
}


def run_checks(ctx: Context, history: History) -> list[Check]:
    rule = ctx.rule
    checks: list[Check] = []
    cutoff = None
    if not ctx.collective:
        discipline, cutoff = discipline_checks(ctx, history)
        checks += discipline
    checks += review_checks(ctx, history)
    checks.append(already_rewarded_check(ctx, history))
    if rule.once_per_subject:
        checks.append(once_check(ctx, history))
    if rule.min_service_years and not ctx.collective:
        checks.append(service_check(ctx, history))
    if rule.min_rating and not ctx.collective:
        checks.append(rating_check(ctx, history))
    checks += [prerequisite_check(ctx, p, history, cutoff) for p in ctx.prerequisites]
    if ctx.initiatives_required:
        checks.append(initiative_check(ctx, history, cutoff))
    if history.members is not None:
        checks += member_checks(ctx, history.members)
    return checks


def judge(ctx: Context, subject_pk: int, history: History | None) -> Verdict:
    """The verdict for one subject; ``history`` is unused when no rule is in force."""
    checks = [no_rule_check(ctx)] if ctx.rule is None else run_checks(ctx, history)
    return Verdict.from_checks(
        subject_pk=subject_pk,
        award=ctx.award,
        year=ctx.year,
        on=ctx.on,
        rule=ctx.rule,
        legal_bases=ctx.legal_bases,
        checks=checks,
    )


def no_rule_check(ctx: Context) -> Check:
    return Check(
        CheckCode.NO_RULE,
        CheckStatus.BLOCK,
        _(
            "Chưa có tiêu chuẩn của %(award)s áp dụng vào ngày %(on)s — "
            "cần cập nhật danh mục khen thưởng trước khi xét"
        )
        % {"award": ctx.award.name, "on": text.day(ctx.on)},
    )


def discipline_checks(ctx: Context, history: History):
    """Blocks for each penalty in effect, and the penalty after which achievements count.

    A penalty blocks when it is in effect on the reference date or at any time in the year.
    One that ended earlier sets a cutoff: achievements of its end year and before never
    count toward prerequisites (a year counts only if it starts after the end date).
    """
    if not history.disciplines:
        return [ctx.once("no_discipline", lambda: _no_discipline(ctx))], None
    found = sorted(history.disciplines, key=lambda d: (d.decided_on, d.form, d.decision_number))
    blocking = [
        d for d in found if d.in_effect_on(ctx.on) or d.overlaps(ctx.year_start, ctx.year_end)
    ]
    checks = [Check(CheckCode.DISCIPLINE, CheckStatus.BLOCK, _penalty(ctx, d)) for d in blocking]
    if not blocking:
        checks.append(ctx.once("no_discipline", lambda: _no_discipline(ctx)))
    ended = [d for d in found if d not in blocking and d.ends_on is not None]
    cutoff = max(ended, key=lambda d: (d.ends_on, d.decided_on), default=None)
    if cutoff:
        message = _(
            "Kỷ luật %(form)s (%(decision)s) hết thời hạn ngày %(end)s — "
            "thành tích chỉ được tính từ năm %(next)s"
        ) % {
            "form": _form(cutoff),
            "decision": text.decision(cutoff.decision_number, cutoff.decided_on),
            "end": text.day(cutoff.ends_on),
            "next": cutoff.ends_on.year + 1,
        }
        checks.append(Check(CheckCode.PENALTY_CUTOFF, CheckStatus.PASS, message))
    return checks, cutoff


def _no_discipline(ctx: Context) -> Check:
    message = _(
        "Không bị kỷ luật trong năm %(year)s và không đang thi hành kỷ luật vào ngày %(on)s"
    ) % {"year": ctx.year, "on": text.day(ctx.on)}
    return Check(CheckCode.DISCIPLINE, CheckStatus.PASS, message)


def _form(record: DisciplineRecord) -> str:
    return _(Discipline.Form(record.form).label)


def _penalty(ctx: Context, d: DisciplineRecord) -> str:
    values = {
        "form": _form(d),
        "decision": text.decision(d.decision_number, d.decided_on),
        "end": text.day(d.ends_on) if d.ends_on else "",
        "year": ctx.year,
    }
    if d.ends_on is None:
        return (
            _(
                "Kỷ luật %(form)s (%(decision)s) chưa ghi ngày hết thời hạn — coi như đang "
                "thi hành kỷ luật, không được đề nghị khen thưởng"
            )
            % values
        )
    if d.in_effect_on(ctx.on):
        return (
            _(
                "Đang thi hành kỷ luật %(form)s (%(decision)s) đến ngày %(end)s — "
                "không được đề nghị khen thưởng"
            )
            % values
        )
    return (
        _(
            "Bị kỷ luật %(form)s trong năm %(year)s (%(decision)s, hết thời hạn %(end)s) — "
            "không được đề nghị khen thưởng cho thành tích năm %(year)s"
        )
        % values
    )


def _no_review(ctx: Context) -> Check:
    message = _(
        "Không đang bị xem xét kỷ luật, điều tra, thanh tra hay xác minh khiếu nại, tố cáo "
        "vào ngày %(on)s"
    ) % {"on": text.day(ctx.on)}
    return Check(CheckCode.REVIEW, CheckStatus.PASS, message)


def review_checks(ctx: Context, history: History) -> list[Check]:
    if not history.reviews:
        return [ctx.once("no_review", lambda: _no_review(ctx))]
    reviews = sorted(history.reviews, key=lambda r: (r.start, r.kind))
    return [
        Check(
            CheckCode.REVIEW,
            CheckStatus.BLOCK,
            _("%(state)s từ %(start)s — không được đề nghị khen thưởng")
            % {"state": _(REVIEW_STATE[r.kind]), "start": text.day(r.start)},
        )
        for r in reviews
    ]


def _own(ctx: Context, history: History) -> list[Awarded]:
    own = (c for c in history.conferments if c.award_id == ctx.award.pk)
    return sorted(own, key=lambda c: c.sort_key)


def already_rewarded_check(ctx: Context, history: History) -> Check:
    """One achievement is rewarded once: here an achievement is (subject, award, year)."""
    own_id = ctx.award.pk
    same_year = [c for c in history.conferments if c.award_id == own_id and c.year == ctx.year]
    if not same_year:
        return ctx.once("not_rewarded", lambda: _not_rewarded(ctx))
    same_year.sort(key=lambda c: c.sort_key)
    valid = [c for c in same_year if not c.void]
    if valid:
        message = _(
            "Đã được tặng %(award)s cho thành tích năm %(year)s (%(decision)s) — "
            "mỗi thành tích chỉ được khen thưởng một lần"
        ) % {
            "award": ctx.award.name,
            "year": ctx.year,
            "decision": text.decision(valid[0].decision_number, valid[0].signed_on),
        }
        return Check(CheckCode.ALREADY_REWARDED, CheckStatus.BLOCK, message)
    void = void_note([(ctx.award.name, c) for c in same_year])
    message = f"{_not_rewarded(ctx).message}. {void}"
    return Check(CheckCode.ALREADY_REWARDED, CheckStatus.PASS, message)


def _not_rewarded(ctx: Context) -> Check:
    message = _("Chưa được tặng %(award)s cho thành tích năm %(year)s") % {
        "award": ctx.award.name,
        "year": ctx.year,
    }
    return Check(CheckCode.ALREADY_REWARDED, CheckStatus.PASS, message)


def once_check(ctx: Context, history: History) -> Check:
    """Other years only: the same year is reported by ``already_rewarded_check``."""
    earlier = [c for c in _own(ctx, history) if c.year != ctx.year and not c.void]
    if not earlier:
        message = _("%(award)s chỉ tặng một lần — chưa được tặng") % {"award": ctx.award.name}
        return Check(CheckCode.ONCE_PER_SUBJECT, CheckStatus.PASS, message)
    first = earlier[0]
    message = _("%(award)s chỉ tặng một lần — đã được tặng năm %(year)s (%(decision)s)") % {
        "award": ctx.award.name,
        "year": first.year,
        "decision": text.decision(first.decision_number, first.signed_on),
    }
    return Check(CheckCode.ONCE_PER_SUBJECT, CheckStatus.BLOCK, message)
