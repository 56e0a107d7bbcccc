"""Helpers to build the grouping's 200-point sheet and to score it (see conftest.py for
the sheet's shape); imported by the tests, unlike the fixtures."""

from decimal import Decimal

from campaigns.models import AwardPlace, GradeRule, Scorecard, ScoreEntry, ScoreItem, ScoreSheet
from campaigns.scoring.formulas import formula_score
from units.models import AgencyType

K, F = ScoreItem.Kind, ScoreItem.Formula

ITEMS = [
    # code, parent, kind, name, max, formula, target, higher_is_better, measure
    ("I", "", K.GROUP, "Công tác chuyên môn", 120, F.MANUAL, None, True, ""),
    ("1.1", "I", K.CRITERION, "Tỷ lệ việc thi hành xong", 40, F.PROPORTIONAL, 80, True, "%"),
    ("1.2", "I", K.CRITERION, "Tỷ lệ tiền thi hành xong", 40, F.PROPORTIONAL, 60, True, "%"),
    ("1.3", "I", K.CRITERION, "Tỷ lệ việc chuyển kỳ sau", 40, F.THRESHOLD, 30, False, "%"),
    ("II", "", K.GROUP, "Công tác xây dựng ngành", 80, F.MANUAL, None, True, ""),
    ("2.1", "II", K.CRITERION, "Công tác tổ chức cán bộ", 40, F.MANUAL, None, True, ""),
    (
        "2.2",
        "II",
        K.CRITERION,
        "Công tác kiểm tra, giải quyết khiếu nại",
        40,
        F.MANUAL,
        None,
        True,
        "",
    ),
    ("T", "", K.BONUS, "Sáng kiến, cách làm hay", 5, F.MANUAL, None, True, ""),
    ("P", "", K.PENALTY, "Vi phạm kỷ luật", 10, F.MANUAL, None, True, ""),
]


def build_sheet(*, year, cluster=None, status=ScoreSheet.Status.PUBLISHED, places=None, **extra):
    sheet = ScoreSheet.objects.create(
        name="Bảng chấm điểm thi đua cơ quan THADS cấp tỉnh",
        year=year,
        cluster=cluster,
        agency_type=extra.pop("agency_type", AgencyType.THADS_PROVINCE),
        total=Decimal(200),
        status=status,
        **extra,
    )
    by_code = {}
    for order, (code, parent, kind, name, top, formula, target, higher, measure) in enumerate(
        ITEMS
    ):
        by_code[code] = ScoreItem.objects.create(
            sheet=sheet,
            parent=by_code.get(parent),
            kind=kind,
            code=code,
            name=name,
            max_score=Decimal(top),
            order=order,
            formula=formula,
            target=None if target is None else Decimal(target),
            higher_is_better=higher,
            measure=measure,
        )
    rules = [
        ("A", 180, GradeRule.Targets.ALL_MET, 0, 2),
        ("B", 160, GradeRule.Targets.NEAR_MISS, 5, None),
        ("C", 120, GradeRule.Targets.ANY, 0, None),
        ("D", 0, GradeRule.Targets.ANY, 0, None),
    ]
    for order, (grade, least, targets, margin, cap) in enumerate(rules):
        GradeRule.objects.create(
            sheet=sheet,
            grade=grade,
            order=order,
            min_score=Decimal(least),
            targets=targets,
            near_miss_margin=Decimal(margin),
            cap=cap,
        )
    for first, last, award in places or []:
        AwardPlace.objects.create(sheet=sheet, first_place=first, last_place=last, award=award)
    sheet.by_code = by_code
    return sheet


FULL = {"1.1": 85, "1.2": 65, "1.3": 20, "2.1": 40, "2.2": 40}


def fill(scoring_round, unit, scores=None, *, agreed=None, status=Scorecard.Status.REVIEWED):
    """Write a unit's scorecard directly: ``scores`` by code (figures for targets),
    ``agreed`` the reviewer's changes by code; targets are scored by their formula."""

    scores = {**FULL, **(scores or {})}
    agreed = agreed or {}
    card = Scorecard.objects.get(round=scoring_round, unit=unit)
    items = {i.code: i for i in scoring_round.sheet.items.all()}
    entries = []
    for code, value in scores.items():
        item, value = items[code], Decimal(str(value))
        entry = ScoreEntry(scorecard=card, item=item)
        if item.is_target:
            entry.actual, entry.self_score = value, formula_score(item, value)
        else:
            entry.self_score = value
        if code in agreed:
            changed = Decimal(str(agreed[code]))
            if item.is_target:
                entry.agreed_actual, entry.agreed = changed, formula_score(item, changed)
            else:
                entry.agreed = changed
            entry.comment = "Điều chỉnh theo số liệu thống kê."
        entries.append(entry)
    ScoreEntry.objects.bulk_create(entries)
    Scorecard.objects.filter(pk=card.pk).update(status=status)
    card.refresh_from_db()
    return card
