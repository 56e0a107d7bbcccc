"""The standards of a title for one subject: rating, service time, ladder, initiatives.

Under Decree 152/2025 a lower award is not a hard prerequisite for a higher one, so a
missing prerequisite, rating or initiative is a warning that says what is missing;
a prerequisite marked ``blocking`` in the catalogue blocks instead.
"""

import datetime
from typing import NamedTuple

from django.utils.translation import gettext_lazy

from awards.catalogue.models import Award, RulePrerequisite
from awards.eligibility import text
from awards.eligibility.context import Context
from awards.eligibility.history import Awarded, DisciplineRecord, History
from awards.eligibility.text import _
from awards.eligibility.verdict import Check, CheckCode, CheckStatus
from units.models import InitiativeLevel, Leave, QualityRating

INITIATIVE_LEVEL = {
    InitiativeLevel.BASE: gettext_lazy("cấp cơ sở"),
    InitiativeLevel.MINISTRY: gettext_lazy("cấp Bộ, ngành, tỉnh"),
    InitiativeLevel.NATIONAL: gettext_lazy("cấp toàn quốc"),
}
REWARD_TYPE = {
    Award.RewardType.MERIT: gettext_lazy("công trạng"),
    Award.RewardType.THEMED: gettext_lazy("theo chuyên đề"),
    Award.RewardType.SUDDEN: gettext_lazy("đột xuất"),
    Award.RewardType.FOREIGN: gettext_lazy("đối ngoại"),
    Award.RewardType.DEDICATION: gettext_lazy("cống hiến"),
    Award.RewardType.SENIORITY: gettext_lazy("niên hạn"),
}
VOID_REASON = {
    "revoked": gettext_lazy("đã bị hủy"),
    "draft": gettext_lazy("quyết định chưa ban hành"),
}
# Leave that is not service time. Maternity leave counts (a principle of the current
# decree); long sick leave is kept as service too; other leave (unpaid…) is not. Unverified.
LEAVE_NOT_COUNTED = frozenset({Leave.Kind.OTHER})


def counts_after(year: int, cutoff: DisciplineRecord | None) -> bool:
    """Whether an achievement of ``year`` counts after the last penalty (see rules.py)."""
    return cutoff is None or year > cutoff.ends_on.year


def _failed(blocking: bool) -> str:
    return CheckStatus.BLOCK if blocking else CheckStatus.WARN


def _optional_note(blocking: bool) -> str:
    return "" if blocking else _(" (không bắt buộc theo quy định hiện hành)")


def rating_check(ctx: Context, history: History) -> Check:
    got = history.ratings.get(ctx.year)
    return ctx.once(("rating", got), lambda: _rating(ctx, got))


def _rating(ctx: Context, got: int | None) -> Check:
    wanted = ctx.rule.min_rating
    values = {"year": ctx.year, "wanted": _(QualityRating.Rating(wanted).label)}
    if got is None:
        message = _("Chưa có xếp loại chất lượng năm %(year)s (yêu cầu từ %(wanted)s trở lên)")
        return Check(CheckCode.RATING, CheckStatus.WARN, message % values)
    values["got"] = _(QualityRating.Rating(got).label)
    if got >= wanted:
        message = _("Xếp loại năm %(year)s: %(got)s — đạt yêu cầu (từ %(wanted)s trở lên)")
        return Check(CheckCode.RATING, CheckStatus.PASS, message % values)
    message = _("Xếp loại năm %(year)s: %(got)s — thấp hơn yêu cầu (từ %(wanted)s trở lên)")
    return Check(CheckCode.RATING, CheckStatus.WARN, message % values)


def _overlap_days(leave, first: datetime.date, last: datetime.date) -> int:
    start, end = max(leave.start, first), min(leave.end, last)
    return max((end - start).days + 1, 0)


def service_check(ctx: Context, history: History) -> Check:
    """Full years from joining the sector to the reference date, less leave not counted."""
    wanted = ctx.rule.min_service_years
    if history.joined_on is None:
        message = _("Chưa có ngày vào ngành để tính thời gian công tác (yêu cầu %(n)s năm)")
        return Check(CheckCode.SERVICE, CheckStatus.WARN, message % {"n": wanted})
    joined, on = history.joined_on, ctx.on
    not_counted = sum(
        _overlap_days(leave, joined, on)
        for leave in history.leaves
        if leave.kind in LEAVE_NOT_COUNTED
    )
    maternity = sum(
        _overlap_days(leave, joined, on)
        for leave in history.leaves
        if leave.kind == Leave.Kind.MATERNITY
    )
    start = joined + datetime.timedelta(days=not_counted)
    full_years = max(on.year - start.year - ((on.month, on.day) < (start.month, start.day)), 0)
    details = [_("vào ngành %(day)s") % {"day": text.day(joined)}]
    if maternity:
        details.append(_("đã tính %(n)s ngày nghỉ thai sản") % {"n": maternity})
    if not_counted:
        details.append(_("không tính %(n)s ngày nghỉ khác") % {"n": not_counted})
    values = {"on": text.day(on), "years": full_years, "details": "; ".join(details), "n": wanted}
    if full_years >= wanted:
        message = _(
            "Thời gian công tác đến %(on)s: %(years)s năm (%(details)s) — đạt yêu cầu %(n)s năm"
        )
        return Check(CheckCode.SERVICE, CheckStatus.PASS, message % values)
    message = _("Thời gian công tác đến %(on)s: %(years)s năm (%(details)s) — chưa đủ %(n)s năm")
    return Check(CheckCode.SERVICE, CheckStatus.BLOCK, message % values)


def _evidence(records: list[Awarded], with_year: bool) -> str:
    if not with_year:
        return "; ".join(text.decision(c.decision_number, c.signed_on) for c in records)
    return "; ".join(f"{c.year}: {text.decision(c.decision_number, c.signed_on)}" for c in records)


def _requirement(ctx: Context, p: RulePrerequisite, window: range) -> str:
    values = {
        "award": p.required_award.name,
        "count": text.count(p.count),
        "year": ctx.year,
        "width": len(window),
        "span": text.span(window.start, ctx.year),
    }
    if p.consecutive and p.count > 1:
        values["span"] = text.span(ctx.year - p.count + 1, ctx.year)
        return _("Yêu cầu %(count)s năm liên tục đạt %(award)s (%(span)s)") % values
    if len(window) == 1:
        if p.count == 1:
            return _("Yêu cầu đạt %(award)s năm %(year)s") % values
        return _("Yêu cầu %(count)s %(award)s năm %(year)s") % values
    return _("Yêu cầu %(count)s %(award)s trong %(width)s năm gần nhất (%(span)s)") % values


def _sort_out(ctx: Context, p: RulePrerequisite, history: History, cutoff):
    """The window's conferments of the required award: (counted, void, ignored, early)."""
    first, last = ctx.prerequisite_years(p).start, ctx.year
    required_id = p.required_award_id
    others = ctx.once(
        ("others", p.pk),
        lambda: {a.pk: a for a in ctx.same_form_not_for_merit(p.required_award)},
    )
    valid, void, ignored = [], [], []
    for c in history.conferments:
        if not first <= c.year <= last:
            continue
        if c.award_id == required_id:
            (void if c.void else valid).append(c)
        elif c.award_id in others and not c.void:
            ignored.append((others[c.award_id], c))
    if not ctx.counts_toward(p.required_award):
        ignored += [(p.required_award, c) for c in valid]
        valid = []
    early = [c for c in valid if not counts_after(c.year, cutoff)]
    counted = [c for c in valid if counts_after(c.year, cutoff)] if early else valid
    used = [c for c in counted if c.used]
    if used:
        counted = [c for c in counted if not c.used]
    by_date = lambda c: c.sort_key  # noqa: E731
    return (
        sorted(counted, key=by_date),
        sorted(void, key=by_date),
        sorted(ignored, key=lambda pair: pair[1].sort_key),
        early,
        sorted(used, key=by_date),
    )


class Met(NamedTuple):
    met: bool
    shown: list[Awarded]  # the conferments that show it
    streak: int | None  # consecutive years ending at ``year``; None: not asked for


def _meets(ctx: Context, p: RulePrerequisite, counted: list[Awarded]) -> Met:
    counted_years = {c.year for c in counted}
    if not p.consecutive:
        return Met(len(counted) >= p.count, counted, None)
    streak = 0
    while ctx.year - streak in counted_years:
        streak += 1
    return Met(streak >= p.count, [c for c in counted if c.year > ctx.year - streak], streak)


def _relied_awards(p: RulePrerequisite, shown: list[Awarded]) -> tuple:
    """The ``count`` conferments a reward relies on: the streak's last years, else the
    earliest of the window (later ones stay free for the next step of the ladder)."""
    need = max(p.count, 1)
    chosen = shown[-need:] if p.consecutive else shown[:need]
    return tuple(("conferment", c.pk) for c in chosen if c.pk)


def used_note(items) -> str:
    """E.g. "Không tính Chiến sĩ thi đua cơ sở năm 2023 (QĐ …) vì đã dùng để xét Chiến sĩ thi
    đua ngành Tư pháp năm 2024 (QĐ …)"; ``items`` are (name, record) pairs."""
    listed = "; ".join(
        _(
            "%(item)s năm %(year)s (%(decision)s) vì đã dùng để xét %(other)s năm "
            "%(other_year)s (%(other_decision)s)"
        )
        % {
            "item": name,
            "year": record.year,
            "decision": text.decision(*_decision_of(record)),
            "other": record.used.award_name,
            "other_year": record.used.year,
            "other_decision": text.decision(record.used.decision_number, record.used.signed_on),
        }
        for name, record in items
    )
    return _("Không tính %(items)s") % {"items": listed}


def _decision_of(record) -> tuple:
    if isinstance(record, Awarded):
        return record.decision_number, record.signed_on
    return record.decision_number, record.decision_date


def reused_message() -> str:
    return _(
        "Thành tích đã được khen thưởng: không dùng lại thành tích đã được tính cho khen "
        "thưởng khác — mỗi thành tích chỉ được khen thưởng một lần"
    )


def prerequisite_check(
    ctx: Context, p: RulePrerequisite, history: History, cutoff: DisciplineRecord | None
) -> Check:
    """Whether ``count`` × ``required_award`` were received in the window (consecutive:
    a streak ending at ``year``).

    Only issued, unrevoked conferments count; sudden/themed ones never count toward a merit
    award, and nothing before the end of the last penalty counts. What was found and not
    counted is said in the message, so nobody wonders why a decision on file was ignored.
    """
    counted, void, ignored, early, used = _sort_out(ctx, p, history, cutoff)
    window = ctx.prerequisite_years(p)
    need = ctx.once(("requirement", p.pk), lambda: _requirement(ctx, p, window))
    if not (counted or void or ignored or early or used):
        return ctx.once(
            ("nothing", p.pk),
            lambda: Check(
                CheckCode.PREREQUISITE,
                _failed(p.blocking),
                f"{need} — {_('chưa có')}{_optional_note(p.blocking)}",
            ),
        )
    counted_years = {c.year for c in counted}
    met, shown, streak = _meets(ctx, p, counted)
    # Met only by counting what another reward already relied on: the same achievement
    # would be rewarded twice, a hard rule whatever the ladder says.
    reused = not met and bool(used) and _meets(ctx, p, sorted(counted + used, key=_key)).met
    if met:
        evidence = _evidence(shown, with_year=len(window) > 1)
        result = _("đã đạt (%(evidence)s)") % {"evidence": evidence}
    elif not counted:
        result = _("chưa có")
    elif p.consecutive and not shown:
        result = _("chưa đạt năm %(year)s (đã đạt: %(years)s)") % {
            "year": ctx.year,
            "years": text.years(counted_years),
        }
    elif p.consecutive:
        result = _("mới có %(n)s năm liên tục (%(years)s)") % {
            "n": text.count(streak),
            "years": text.span(ctx.year - streak + 1, ctx.year),
        }
    else:
        result = _("mới có %(n)s (%(years)s)") % {
            "n": text.count(len(counted)),
            "years": text.years(counted_years),
        }
    said = f"{need} — {result}"
    if not met and not reused:
        said += _optional_note(p.blocking)
    parts = [said]
    void = [(p.required_award.name, c) for c in void]
    parts += _not_counted_notes(ignored, void, early, cutoff)
    if used:
        parts.append(used_note([(p.required_award.name, c) for c in used]))
    if met:
        return Check(
            CheckCode.PREREQUISITE, CheckStatus.PASS, ". ".join(parts), _relied_awards(p, shown)
        )
    if reused:
        parts.append(reused_message())
        return Check(CheckCode.PREREQUISITE, CheckStatus.BLOCK, ". ".join(parts))
    return Check(CheckCode.PREREQUISITE, _failed(p.blocking), ". ".join(parts))


def _key(record: Awarded):
    return record.sort_key


def void_note(items: list[tuple[str, Awarded]]) -> str:
    """E.g. "Không tính Lao động tiên tiến năm 2023 (QĐ …, …) đã bị hủy"."""
    listed = "; ".join(
        _("%(award)s năm %(year)s (%(decision)s) %(reason)s")
        % {
            "award": name,
            "year": c.year,
            "decision": text.decision(c.decision_number, c.signed_on),
            "reason": _(VOID_REASON[c.void]),
        }
        for name, c in items
    )
    return _("Không tính %(items)s") % {"items": listed}


def _not_counted_notes(ignored, void, early, cutoff) -> list[str]:
    notes = []
    if ignored:
        items = "; ".join(
            _("%(award)s năm %(year)s (%(decision)s)")
            % {
                "award": award.name,
                "year": c.year,
                "decision": text.decision(c.decision_number, c.signed_on),
            }
            for award, c in ignored
        )
        kinds = dict.fromkeys(_(REWARD_TYPE[award.reward_type]) for award, _c in ignored)
        notes.append(
            _(
                "Không tính %(items)s vì khen thưởng %(kinds)s không được tính cho khen "
                "thưởng công trạng"
            )
            % {"items": items, "kinds": ", ".join(kinds)}
        )
    if void:
        notes.append(void_note(void))
    if early:
        notes.append(
            _("Không tính thành tích năm %(years)s vì trước khi hết thời hạn kỷ luật (%(end)s)")
            % {"years": text.years(c.year for c in early), "end": text.day(cutoff.ends_on)}
        )
    return notes


def counted_initiatives(ctx: Context, history: History, cutoff: DisciplineRecord | None):
    """(counted, before the penalty's end) initiatives of the window at the level asked."""
    found = sorted(
        (i for i in history.initiatives if i.year in ctx.initiative_years),
        key=lambda i: (i.year, i.decision_date, i.decision_number, i.title),
    )
    found = [i for i in found if i.level >= ctx.initiative_level]
    return (
        [i for i in found if counts_after(i.year, cutoff)],
        [i for i in found if not counts_after(i.year, cutoff)],
    )


def initiative_requirement(ctx: Context) -> str:
    """E.g. "Yêu cầu 01 sáng kiến cấp cơ sở năm 2025" or "… trong 3 năm gần nhất (2023–2025)"."""
    window = ctx.initiative_years
    level = ctx.rule.initiative_level
    kind = _("sáng kiến %(level)s") % {"level": _(INITIATIVE_LEVEL[level])} if level else None
    values = {
        "count": text.count(ctx.initiatives_required),
        "kind": kind or _("sáng kiến"),
        "year": ctx.year,
        "width": len(window),
        "span": text.span(window.start, ctx.year),
    }
    if len(window) == 1:
        return _("Yêu cầu %(count)s %(kind)s năm %(year)s") % values
    return _("Yêu cầu %(count)s %(kind)s trong %(width)s năm gần nhất (%(span)s)") % values


def initiative_check(ctx: Context, history: History, cutoff: DisciplineRecord | None) -> Check:
    """The initiatives the rule asks for, or, where the rule accepts it instead (Law
    06/2022 Art. 23: "hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"), the year's rating.

    With such an alternative the standard is the title's own: failing both blocks once
    the year's rating is on file; without a rating on file it warns."""
    alternative = ctx.rule.initiative_or_min_rating
    if not alternative:
        return _initiative_check(ctx, history, cutoff)
    got = history.ratings.get(ctx.year)
    values = {
        "year": ctx.year,
        "wanted": _(QualityRating.Rating(alternative).label),
        "got": _(QualityRating.Rating(got).label) if got else "",
    }
    if got is not None and got >= alternative:
        message = _(
            "Xếp loại năm %(year)s: %(got)s — đạt tiêu chuẩn (%(wanted)s hoặc có sáng kiến), "
            "không cần thêm sáng kiến"
        )
        return ctx.once(
            ("alt", got), lambda: Check(CheckCode.INITIATIVES, CheckStatus.PASS, message % values)
        )
    check = _initiative_check(ctx, history, cutoff)
    if check.status != CheckStatus.WARN:
        return check
    if got is None:
        extra = _("chưa có xếp loại năm %(year)s để xét điều kiện thay thế (%(wanted)s)")
        return Check(check.code, CheckStatus.WARN, f"{check.message}; {extra % values}")
    extra = _(
        "xếp loại năm %(year)s là %(got)s, chưa đạt %(wanted)s — cần %(wanted)s hoặc có sáng kiến"
    )
    return Check(check.code, CheckStatus.BLOCK, f"{check.message}; {extra % values}")


def _initiative_check(ctx: Context, history: History, cutoff: DisciplineRecord | None) -> Check:
    need = ctx.once("initiative_requirement", lambda: initiative_requirement(ctx))
    if not history.initiatives:
        return ctx.once(
            "no_initiative",
            lambda: Check(CheckCode.INITIATIVES, CheckStatus.WARN, f"{need} — {_('chưa có')}"),
        )
    counted, early = counted_initiatives(ctx, history, cutoff)
    used = [i for i in counted if i.used]
    if used:
        counted = [i for i in counted if not i.used]
    items = "; ".join(
        _("«%(title)s» (%(level)s, %(decision)s)")
        % {
            "title": i.title,
            "level": _(INITIATIVE_LEVEL[i.level]),
            "decision": text.decision(i.decision_number, i.decision_date),
        }
        for i in counted
    )
    required = ctx.initiatives_required
    met = len(counted) >= required
    if met:
        result = _("đã có: %(items)s") % {"items": items}
    elif counted:
        result = _("mới có %(n)s: %(items)s") % {"n": text.count(len(counted)), "items": items}
    else:
        result = _("chưa có")
    message = f"{need} — {result}"
    if early:
        message += ". " + _(
            "Không tính sáng kiến năm %(years)s vì trước khi hết thời hạn kỷ luật (%(end)s)"
        ) % {"years": text.years(i.year for i in early), "end": text.day(cutoff.ends_on)}
    if used:
        names = [(_("sáng kiến «%(title)s»") % {"title": i.title}, i) for i in used]
        message += ". " + used_note(names)
    if met:
        relied = tuple(("initiative", i.pk) for i in counted[:required] if i.pk)
        return Check(CheckCode.INITIATIVES, CheckStatus.PASS, message, relied)
    if used and len(counted) + len(used) >= required:
        return Check(CheckCode.INITIATIVES, CheckStatus.BLOCK, f"{message}. {reused_message()}")
    return Check(CheckCode.INITIATIVES, CheckStatus.WARN, message)
