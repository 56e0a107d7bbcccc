"""Why a sheet, round or scorecard refuses an action now, in words a user can act on.

Pages show these reasons up front; services and workflow guards raise them, so the page
and the refusal always say the same thing.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.models import (
    AwardSuggestion,
    Scorecard,
    ScoreEntry,
    ScoreItem,
    ScoreSheet,
    ScoringRound,
)
from campaigns.scoring.formulas import figure

K = ScoreItem.Kind

# --- Sheets --------------------------------------------------------------------------------


def sheet_in_use(sheet: ScoreSheet) -> bool:
    """Any score (or figure, or evidence) entered against the sheet's items."""
    return ScoreEntry.objects.filter(item__sheet=sheet).exists()


def _subtree_max(item: ScoreItem, children: dict, memo: dict) -> Decimal:
    """What a node is worth: a criterion its maximum, a group the sum of what it holds."""
    if item.pk in memo:
        return memo[item.pk]
    if item.kind == K.CRITERION:
        value = item.max_score or Decimal(0)
    elif item.kind == K.GROUP:
        value = sum(
            (_subtree_max(child, children, memo) for child in children[item.pk]), Decimal(0)
        )
    else:
        value = Decimal(0)
    memo[item.pk] = value
    return value


def sheet_problems(sheet: ScoreSheet, items: list[ScoreItem] | None = None) -> list[str]:
    """What stops the sheet from being published (empty when it is balanced)."""
    items = list(sheet.items.all()) if items is None else items
    problems = []
    criteria = [i for i in items if i.kind == K.CRITERION]
    if not criteria:
        problems.append(_("Bảng điểm chưa có tiêu chí nào."))
    for item in items:
        if item.kind != K.GROUP and item.max_score is None:
            problems.append(_("Tiêu chí “%(code)s” chưa có điểm tối đa.") % {"code": item.code})
        if item.is_target and item.target is None:
            problems.append(
                _("Tiêu chí “%(code)s” tính điểm theo chỉ tiêu nhưng chưa có mức chỉ tiêu.")
                % {"code": item.code}
            )
    children, memo = defaultdict(list), {}
    for item in items:
        children[item.parent_id].append(item)
    for group in (i for i in items if i.kind == K.GROUP):
        held = _subtree_max(group, children, memo)
        if group.max_score is not None and group.max_score != held:
            problems.append(
                _(
                    "Nhóm “%(code)s” ghi %(stated)s điểm nhưng các tiêu chí trong nhóm cộng "
                    "lại %(held)s điểm."
                )
                % {"code": group.code, "stated": figure(group.max_score), "held": figure(held)}
            )
    total = sum((c.max_score or Decimal(0) for c in criteria), Decimal(0))
    if criteria and total != sheet.total:
        gap = sheet.total - total
        problems.append(
            _(
                "Điểm tối đa của các tiêu chí cộng lại %(sum)s điểm, khác tổng điểm của bảng "
                "(%(total)s điểm): %(gap)s."
            )
            % {
                "sum": figure(total),
                "total": figure(sheet.total),
                "gap": (_("còn thiếu %(n)s điểm") if gap > 0 else _("thừa %(n)s điểm"))
                % {"n": figure(abs(gap))},
            }
        )
    if sheet.tie_rule == ScoreSheet.TieRule.GROUP and not any(
        i.kind == K.GROUP and i.code == sheet.tie_group for i in items
    ):
        problems.append(
            _("Quy tắc đồng hạng xét nhóm tiêu chí “%(code)s”, nhưng bảng điểm không có nhóm này.")
            % {"code": sheet.tie_group or "—"}
        )
    for rule in sheet.grade_rules.all():
        if rule.min_score > sheet.total:
            problems.append(
                _("Loại %(grade)s yêu cầu %(min)s điểm, cao hơn tổng điểm của bảng (%(total)s).")
                % {
                    "grade": rule.grade,
                    "min": figure(rule.min_score),
                    "total": figure(sheet.total),
                }
            )
    return problems


def sheet_conflict(sheet: ScoreSheet) -> ScoreSheet | None:
    """Another published sheet for the same year, grouping and agency type (not an older
    version of this one, which publishing supersedes)."""
    return (
        ScoreSheet.objects.filter(
            status=ScoreSheet.Status.PUBLISHED,
            year=sheet.year,
            cluster=sheet.cluster_id,
            agency_type=sheet.agency_type,
        )
        .exclude(pk__in=[sheet.pk, sheet.previous_id])
        .first()
    )


def sheet_can_publish(sheet: ScoreSheet, by) -> None:
    problems = sheet_problems(sheet)
    if problems:
        raise ValidationError([_("Chưa thể ban hành bảng điểm:"), *problems], code="guard")
    other = sheet_conflict(sheet)
    if other is not None:
        raise ValidationError(
            _(
                "Đã có bảng điểm “%(other)s” đang áp dụng cho cùng năm và phạm vi; hãy tạo "
                "phiên bản mới từ bảng đó thay vì ban hành thêm một bảng."
            )
            % {"other": other},
            code="guard",
        )


def sheet_not_in_use(sheet: ScoreSheet, by) -> None:
    if sheet_in_use(sheet):
        raise ValidationError(
            _(
                "Bảng điểm đã có điểm chấm nên không sửa trực tiếp được; hãy tạo phiên bản mới "
                "(các đợt đã chấm giữ nguyên phiên bản cũ)."
            ),
            code="guard",
        )


# --- Rounds and scorecards ------------------------------------------------------------------


def finalised_message() -> str:
    return _("Đợt chấm điểm đã chốt kết quả: chỉ xem, không sửa được.")


def round_not_finalised(obj, by) -> None:
    scoring_round = obj if isinstance(obj, ScoringRound) else obj.round
    if scoring_round.is_finalised:
        raise ValidationError(finalised_message(), code="finalised")


def self_edit_refusal(card: Scorecard) -> str:
    """Why the unit cannot change its self-score now ("" when it can)."""
    scoring_round = card.round
    if scoring_round.is_finalised:
        return finalised_message()
    if scoring_round.sheet.status == ScoreSheet.Status.DRAFT:
        return _("Bảng chấm điểm của đợt đang được sửa (chưa ban hành): chưa thể chấm điểm.")
    if card.status in (Scorecard.Status.SUBMITTED, Scorecard.Status.REVIEWED):
        return _(
            "Phiếu chấm đã gửi thẩm định nên không sửa được điểm tự chấm; nếu cần sửa, "
            "đơn vị thẩm định sẽ trả lại phiếu."
        )
    if scoring_round.status == ScoringRound.Status.REVIEW and card.status == Scorecard.Status.DRAFT:
        return _("Đã hết thời gian tự chấm của đợt này: không thể chấm hay gửi phiếu nữa.")
    return ""


def review_refusal(card: Scorecard) -> str:
    """Why the reviewer cannot set agreed scores now ("" when they can)."""
    if card.round.is_finalised:
        return finalised_message()
    if card.status != Scorecard.Status.SUBMITTED:
        return _("Chỉ thẩm định được phiếu đã gửi (phiếu đang ở trạng thái “%(state)s”).") % {
            "state": card.get_status_display()
        }
    return ""


def missing_criteria(card: Scorecard) -> list[str]:
    """Codes of the criteria the unit has not scored (bonus and penalty are optional)."""
    scored = set(card.entries.filter(self_score__isnull=False).values_list("item_id", flat=True))
    criteria = card.round.sheet.items.filter(kind=K.CRITERION).values_list("pk", "code")
    return [code for pk, code in criteria if pk not in scored]


def scorecard_can_submit(card: Scorecard, by) -> None:
    reason = self_edit_refusal(card)
    if reason:
        raise ValidationError(reason, code="guard")
    missing = missing_criteria(card)
    if missing:
        raise ValidationError(
            _("Chưa chấm %(n)s tiêu chí: %(codes)s. Hãy chấm đủ rồi gửi.")
            % {"n": len(missing), "codes": ", ".join(missing)},
            code="incomplete",
        )


def round_can_finalise(scoring_round: ScoringRound, by) -> None:
    pending = list(
        scoring_round.scorecards.filter(
            status__in=(Scorecard.Status.SUBMITTED, Scorecard.Status.RETURNED)
        )
        .select_related("unit")
        .order_by("unit__name")
    )
    if pending:
        raise ValidationError(
            _("Còn %(n)s đơn vị chưa thẩm định xong: %(units)s.")
            % {"n": len(pending), "units": ", ".join(c.unit.name for c in pending)},
            code="guard",
        )


def suggestion_not_proposed(suggestion: AwardSuggestion, by) -> None:
    if suggestion.is_proposed:
        raise ValidationError(
            _(
                "Đề xuất đã thành dòng đề nghị khen thưởng; hãy rút dòng đó trong đề nghị "
                "nếu không đề nghị nữa."
            ),
            code="guard",
        )


def suggestion_seat_free(suggestion: AwardSuggestion, by) -> None:
    """Units tied for fewer seats than they are (two tied first, one flag): no more of
    them can be accepted than there are seats; the conference chooses."""
    if not suggestion.seats:
        return
    taken = list(
        AwardSuggestion.objects.filter(
            round=suggestion.round_id,
            award=suggestion.award_id,
            place=suggestion.place,
            status=AwardSuggestion.Status.ACCEPTED,
        )
        .exclude(pk=suggestion.pk)
        .select_related("unit")
    )
    if len(taken) >= suggestion.seats:
        raise ValidationError(
            _(
                "Các đơn vị đồng hạng %(place)s chỉ có %(seats)s suất “%(award)s” và đã chấp "
                "nhận: %(units)s. Nếu hội nghị chọn đơn vị khác, hãy bỏ đề xuất đó (ghi lý do) "
                "trước."
            )
            % {
                "place": suggestion.place,
                "seats": suggestion.seats,
                "award": suggestion.award,
                "units": ", ".join(str(s.unit) for s in taken),
            },
            code="guard",
        )
