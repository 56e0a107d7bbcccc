"""Standards a collective meets through its members' records for the year.

Members are the people whose current unit is the collective. The members' own titles
are often decided in the same decision as the collective's, so shortfalls are warnings
to check; a disciplined member is a hard rule and blocks.
"""

from decimal import Decimal

from awards.eligibility import text
from awards.eligibility.context import Context
from awards.eligibility.history import MemberStats
from awards.eligibility.text import _
from awards.eligibility.verdict import Check, CheckCode, CheckStatus
from units.models import Discipline


def member_checks(ctx: Context, members: MemberStats) -> list[Check]:
    rule = ctx.rule
    checks = []
    if rule.member_award_id and rule.member_share_percent is not None:
        checks.append(share_check(ctx, members))
    if rule.all_members_completed:
        checks.append(completed_check(ctx, members))
    if rule.min_members_with_award_id:
        checks.append(with_award_check(ctx, members))
    if rule.max_member_discipline:
        checks.append(discipline_check(ctx, members))
    return checks


def share_check(ctx: Context, members: MemberStats) -> Check:
    rule = ctx.rule
    award = rule.member_award
    values = {
        "pct": text.percent(rule.member_share_percent),
        "award": award.name,
        "year": ctx.year,
        "k": members.awarded.get(award.pk, 0),
        "n": members.total,
    }
    if rule.member_share_strict:
        need = _("Yêu cầu trên %(pct)s thành viên đạt %(award)s năm %(year)s") % values
    else:
        need = _("Yêu cầu từ %(pct)s thành viên trở lên đạt %(award)s năm %(year)s") % values
    if not members.total:
        message = _("%(need)s — tập thể chưa có danh sách thành viên") % {"need": need}
        return Check(CheckCode.MEMBER_SHARE, CheckStatus.WARN, message)
    share = Decimal(values["k"]) * 100 / members.total
    values["share"] = text.percent(share)
    if rule.member_share_strict:
        met = share > rule.member_share_percent
    else:
        met = share >= rule.member_share_percent
    if met:
        result = _("đạt %(k)s/%(n)s = %(share)s") % values
    else:
        result = _("mới có %(k)s/%(n)s = %(share)s") % values
    status = CheckStatus.PASS if met else CheckStatus.WARN
    return Check(CheckCode.MEMBER_SHARE, status, f"{need} — {result}")


def completed_check(ctx: Context, members: MemberStats) -> Check:
    need = _("Yêu cầu mọi thành viên hoàn thành nhiệm vụ năm %(year)s") % {"year": ctx.year}
    unrated = members.total - members.rated
    if members.total and not unrated and not members.not_completed:
        result = _("đạt (%(n)s/%(n)s)") % {"n": members.total}
        return Check(CheckCode.MEMBERS_COMPLETED, CheckStatus.PASS, f"{need} — {result}")
    problems = []
    if members.not_completed:
        names = ", ".join(sorted(members.not_completed))
        problems.append(_("%(names)s không hoàn thành nhiệm vụ") % {"names": names})
    if unrated:
        problems.append(_("%(n)s thành viên chưa có xếp loại") % {"n": text.count(unrated)})
    if not members.total:
        problems.append(_("tập thể chưa có danh sách thành viên"))
    message = f"{need} — {'; '.join(problems)}"
    return Check(CheckCode.MEMBERS_COMPLETED, CheckStatus.WARN, message)


def with_award_check(ctx: Context, members: MemberStats) -> Check:
    award = ctx.rule.min_members_with_award
    wanted = max(ctx.rule.min_members_count, 1)
    got = members.awarded.get(award.pk, 0)
    values = {"n": text.count(wanted), "award": award.name, "year": ctx.year}
    need = _("Yêu cầu ít nhất %(n)s thành viên đạt %(award)s năm %(year)s") % values
    if got >= wanted:
        result = _("đã có %(k)s") % {"k": text.count(got)}
    elif got:
        result = _("mới có %(k)s") % {"k": text.count(got)}
    else:
        result = _("chưa có")
    status = CheckStatus.PASS if got >= wanted else CheckStatus.WARN
    return Check(CheckCode.MEMBERS_WITH_AWARD, status, f"{need} — {result}")


def discipline_check(ctx: Context, members: MemberStats) -> Check:
    values = {
        "form": _(Discipline.Form(ctx.rule.max_member_discipline).label),
        "year": ctx.year,
    }
    found = sorted(members.disciplined, key=lambda d: (d.decided_on, d.person_name, d.form))
    if not found:
        message = _("Không có thành viên bị kỷ luật từ mức %(form)s trở lên trong năm %(year)s")
        return Check(CheckCode.MEMBER_DISCIPLINE, CheckStatus.PASS, message % values)
    values["items"] = "; ".join(
        f"{d.person_name} ({_(Discipline.Form(d.form).label)}, "
        f"{text.decision(d.decision_number, d.decided_on)})"
        for d in found
    )
    message = _(
        "Có thành viên bị kỷ luật từ mức %(form)s trở lên trong năm %(year)s: %(items)s — "
        "tập thể không được đề nghị"
    )
    return Check(CheckCode.MEMBER_DISCIPLINE, CheckStatus.BLOCK, message % values)
