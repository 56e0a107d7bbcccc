"""Defining score sheets: create, copy from last year, edit a draft, publish, revise.

A sheet is edited only as a draft. A published sheet nobody has scored against goes back
to draft to be edited; one in use is never changed: ``sheet_revise`` makes a new version
(a draft copy) and the rounds already scored keep the old one. ``sheet_save`` writes the
whole tree, the grade rules and the award places at once, or nothing.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import AwardPlace, GradeRule, ScoreItem, ScoreSheet
from campaigns.scoring.rules import sheet_in_use
from campaigns.scoring.workflow import SHEET_WORKFLOW
from thidua.core import audit
from units.access import is_admin

K, F = ScoreItem.Kind, ScoreItem.Formula
HEADER = (
    "name",
    "year",
    "cluster",
    "agency_type",
    "campaign",
    "total",
    "tie_rule",
    "tie_group",
    "visibility",
    "proposer",
    "note",
)
RULE_HEADER = ("tie_rule", "tie_group", "visibility", "proposer")  # copied with the sheet
ITEM_FIELDS = (
    "kind",
    "name",
    "max_score",
    "formula",
    "target",
    "higher_is_better",
    "measure",
    "campaign_target",
    "guidance",
)


def require_admin(by) -> None:
    if not is_admin(by):
        raise ValidationError(
            _("Chỉ quản trị viên (Văn phòng TĐKT) mới soạn được bảng chấm điểm."), code="role"
        )


@dataclass
class ItemRow:
    code: str
    name: str
    kind: str = K.CRITERION
    parent_code: str = ""
    max_score: Decimal | None = None
    formula: str = F.MANUAL
    target: Decimal | None = None
    higher_is_better: bool = True
    measure: str = ""
    campaign_target: object = None
    guidance: str = ""


@dataclass
class RuleRow:
    grade: str
    min_score: Decimal
    label: str = ""
    targets: str = GradeRule.Targets.ANY
    near_miss_margin: Decimal = Decimal(0)
    cap: int | None = None


@dataclass
class PlaceRow:
    first_place: int
    last_place: int
    award: object
    grades: str = ""


@transaction.atomic
def sheet_create(*, by, **header) -> ScoreSheet:
    require_admin(by)
    sheet = ScoreSheet(created_by=by)
    _set_header(sheet, header)
    audit.record(obj=sheet, by=by, action="create", to_state=sheet.status)
    return sheet


def _set_header(sheet: ScoreSheet, header: dict) -> None:
    unknown = set(header) - set(HEADER)
    if unknown:
        raise TypeError(f"unknown sheet fields: {sorted(unknown)}")
    for name, value in header.items():
        setattr(sheet, name, "" if value is None and name == "agency_type" else value)
    sheet.full_clean(exclude=["created_by", "previous", "copied_from"])
    if sheet.campaign and sheet.year not in sheet.campaign.years:
        raise ValidationError(
            {"campaign": _("Phong trào không diễn ra trong năm %(year)s.") % {"year": sheet.year}}
        )
    sheet.save()


def _clone(source: ScoreSheet, target: ScoreSheet, *, keep_campaign: bool) -> None:
    """Copy the tree, the grade rules and the award places of ``source`` into ``target``."""
    items = list(source.items.order_by("order", "pk"))
    copies = {}
    for item in items:
        copy = ScoreItem(sheet=target, code=item.code, order=item.order)
        for name in ITEM_FIELDS:
            setattr(copy, name, getattr(item, name))
        if not keep_campaign:
            copy.campaign_target = None
        copies[item.pk] = copy
    ScoreItem.objects.bulk_create(copies.values())
    for item in items:
        if item.parent_id:
            copies[item.pk].parent = copies[item.parent_id]
    ScoreItem.objects.bulk_update(copies.values(), ["parent"])
    GradeRule.objects.bulk_create(
        GradeRule(
            sheet=target,
            grade=r.grade,
            label=r.label,
            order=r.order,
            min_score=r.min_score,
            targets=r.targets,
            near_miss_margin=r.near_miss_margin,
            cap=r.cap,
        )
        for r in source.grade_rules.all()
    )
    AwardPlace.objects.bulk_create(
        AwardPlace(
            sheet=target,
            first_place=p.first_place,
            last_place=p.last_place,
            award=p.award,
            grades=p.grades,
        )
        for p in source.award_places.all()
    )


@transaction.atomic
def sheet_copy(*, by, source: ScoreSheet, year: int | None = None) -> ScoreSheet:
    """A draft copy of ``source`` for ``year`` (default: the next year), to edit and publish."""
    require_admin(by)
    year = year or source.year + 1
    campaign = source.campaign if source.campaign and year in source.campaign.years else None
    sheet = ScoreSheet.objects.create(
        name=source.name,
        year=year,
        cluster=source.cluster,
        agency_type=source.agency_type,
        campaign=campaign,
        total=source.total,
        note=source.note,
        **{name: getattr(source, name) for name in RULE_HEADER},
        copied_from=source,
        created_by=by,
    )
    _clone(source, sheet, keep_campaign=campaign is not None)
    audit.record(obj=sheet, by=by, action="copy", to_state=sheet.status, comment=str(source))
    return sheet


@transaction.atomic
def sheet_revise(*, by, sheet: ScoreSheet) -> ScoreSheet:
    """The draft to edit instead of ``sheet``: the sheet itself while it is a draft; back to
    draft when published but unused; otherwise a new version (made once, then reused)."""
    require_admin(by)
    if sheet.status == ScoreSheet.Status.DRAFT:
        return sheet
    pending = sheet.next_versions.filter(status=ScoreSheet.Status.DRAFT).first()
    if pending is not None:
        return pending
    if sheet.status == ScoreSheet.Status.PUBLISHED and not sheet_in_use(sheet):
        return SHEET_WORKFLOW.apply(sheet, "unpublish", by=by)
    if sheet.next_versions.exists():
        raise ValidationError(
            _("Bảng điểm này đã có phiên bản mới; hãy sửa phiên bản mới nhất."), code="state"
        )
    version = ScoreSheet.objects.create(
        name=sheet.name,
        year=sheet.year,
        cluster=sheet.cluster,
        agency_type=sheet.agency_type,
        campaign=sheet.campaign,
        total=sheet.total,
        note=sheet.note,
        **{name: getattr(sheet, name) for name in RULE_HEADER},
        version=sheet.version + 1,
        previous=sheet,
        created_by=by,
    )
    _clone(sheet, version, keep_campaign=True)
    audit.record(
        obj=version,
        by=by,
        action="new_version",
        to_state=version.status,
        comment=_("Phiên bản %(n)s, thay cho phiên bản %(old)s đã có điểm chấm.")
        % {"n": version.version, "old": sheet.version},
    )
    return version


@transaction.atomic
def sheet_publish(*, by, sheet: ScoreSheet) -> ScoreSheet:
    """Publish a balanced draft; a new version supersedes the one it replaces."""
    SHEET_WORKFLOW.apply(sheet, "publish", by=by)
    previous = sheet.previous
    if previous is not None and previous.status == ScoreSheet.Status.PUBLISHED:
        ScoreSheet.objects.filter(pk=previous.pk).update(status=ScoreSheet.Status.SUPERSEDED)
        audit.record(
            obj=previous,
            by=by,
            action="supersede",
            from_state=previous.status,
            to_state=ScoreSheet.Status.SUPERSEDED,
            comment=str(sheet),
        )
    return sheet


def _require_draft(sheet: ScoreSheet) -> None:
    if sheet.status != ScoreSheet.Status.DRAFT:
        raise ValidationError(
            _("Chỉ sửa được bảng điểm dự thảo; hãy bấm “Sửa bảng điểm” để tạo bản sửa."),
            code="state",
        )
    if sheet_in_use(sheet):  # cannot happen through the services; kept as a last guard
        raise ValidationError(_("Bảng điểm đã có điểm chấm nên không sửa được."), code="state")


@transaction.atomic
def sheet_save(
    *,
    by,
    sheet: ScoreSheet,
    header: dict,
    items: list[ItemRow],
    rules: list[RuleRow],
    places: list[PlaceRow],
) -> ScoreSheet:
    """Write a draft's header, tree, grade rules and award places; all or nothing.

    Row errors are raised as one ``ValidationError`` keyed ``items-<i>``, ``rules-<i>``,
    ``places-<i>`` (the row's index), so a form shows each where it belongs.
    """
    require_admin(by)
    _require_draft(sheet)
    campaign = header.get("campaign", sheet.campaign)
    for row in items:
        _from_campaign_target(row)
    errors = {
        **_target_errors(items, campaign),
        **_item_errors(items),
        **_rule_errors(rules),
        **_place_errors(places, rules),
    }
    if errors:
        raise ValidationError(errors)
    _set_header(sheet, header)
    _write_items(sheet, items)
    sheet.grade_rules.all().delete()
    GradeRule.objects.bulk_create(
        GradeRule(sheet=sheet, order=index, **vars(row)) for index, row in enumerate(rules)
    )
    sheet.award_places.all().delete()
    AwardPlace.objects.bulk_create(AwardPlace(sheet=sheet, **vars(row)) for row in places)
    audit.record(obj=sheet, by=by, action="update", to_state=sheet.status)
    return sheet


def _from_campaign_target(row: ItemRow) -> None:
    """A row linked to a campaign target takes its level and direction unless given."""
    target = row.campaign_target
    if target is None:
        return
    if row.target is None:
        row.target = target.threshold
        row.higher_is_better = target.comparator in ("gte", "gt", "eq")
    if not row.measure:
        row.measure = target.measure


def _item_errors(rows: list[ItemRow]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    kinds = {}
    for row in rows:
        kinds.setdefault(row.code, row.kind)
    seen = set()
    for index, row in enumerate(rows):
        problems = []
        if row.code in seen:
            problems.append(_("Mã “%(code)s” bị trùng.") % {"code": row.code})
        seen.add(row.code)
        if row.parent_code:
            if row.parent_code == row.code:
                problems.append(_("Một mục không thể thuộc chính nó."))
            elif row.parent_code not in kinds:
                problems.append(
                    _("Không có nhóm mã “%(code)s” trong bảng.") % {"code": row.parent_code}
                )
            elif kinds[row.parent_code] != K.GROUP:
                problems.append(
                    _("“%(code)s” không phải nhóm tiêu chí nên không chứa mục khác được.")
                    % {"code": row.parent_code}
                )
        if row.kind != K.GROUP and row.max_score is None:
            problems.append(_("Nhập điểm tối đa."))
        if row.max_score is not None and row.max_score < 0:
            problems.append(_("Điểm tối đa không được âm."))
        if row.formula != F.MANUAL:
            if row.kind != K.CRITERION:
                problems.append(_("Chỉ tiêu chí mới tính điểm theo chỉ tiêu."))
            if row.target is None or row.target <= 0:
                problems.append(_("Nhập mức chỉ tiêu (lớn hơn 0) để tính điểm theo chỉ tiêu."))
        if problems:
            errors[f"items-{index}"] = problems
    if not errors:
        cycle = _cycle(rows)
        if cycle:
            errors["items-0"] = [
                _("Các nhóm chứa lẫn nhau: %(codes)s.") % {"codes": " → ".join(cycle)}
            ]
    return errors


def _cycle(rows: list[ItemRow]) -> list[str]:
    parent = {row.code: row.parent_code for row in rows}
    for start in parent:
        path, code = [], start
        while code:
            if code in path:
                return [*path[path.index(code) :], code]
            path.append(code)
            code = parent.get(code, "")
    return []


def _target_errors(rows: list[ItemRow], campaign) -> dict[str, list[str]]:
    campaign_id = campaign.pk if campaign else None
    return {
        f"items-{index}": [_("Chỉ tiêu được chọn không thuộc phong trào của bảng điểm.")]
        for index, row in enumerate(rows)
        if row.campaign_target is not None and row.campaign_target.campaign_id != campaign_id
    }


def _rule_errors(rows: list[RuleRow]) -> dict[str, list[str]]:
    errors, seen = {}, set()
    for index, row in enumerate(rows):
        problems = []
        if row.grade in seen:
            problems.append(_("Loại “%(grade)s” bị trùng.") % {"grade": row.grade})
        seen.add(row.grade)
        if row.min_score < 0:
            problems.append(_("Điểm tối thiểu không được âm."))
        if row.near_miss_margin < 0:
            problems.append(_("Mức gần đạt không được âm."))
        if problems:
            errors[f"rules-{index}"] = problems
    return errors


def _place_errors(rows: list[PlaceRow], rules: list[RuleRow] = ()) -> dict[str, list[str]]:
    errors = {}
    known = {rule.grade.strip() for rule in rules}
    for index, row in enumerate(rows):
        problems = []
        if row.first_place < 1 or row.last_place < row.first_place:
            problems.append(_("Hạng phải từ 1 và “đến hạng” không nhỏ hơn “từ hạng”."))
        row.grades = ", ".join(
            g.strip() for g in (row.grades or "").replace(";", ",").split(",") if g.strip()
        )
        unknown = [g for g in row.grades.split(", ") if g and g not in known]
        if unknown:
            problems.append(
                _("Loại %(grades)s không có trong quy tắc xếp loại của bảng điểm.")
                % {"grades": ", ".join(unknown)}
            )
        if problems:
            errors[f"places-{index}"] = problems
    return errors


def _write_items(sheet: ScoreSheet, rows: list[ItemRow]) -> None:
    """Upsert the rows by code, link parents, delete the items no longer listed."""
    sheet.items.update(parent=None)  # so deleting a group never cascades to what it held
    existing = {item.code: item for item in sheet.items.all()}
    kept, created = [], []
    for order, row in enumerate(rows):
        item = existing.pop(row.code, None) or ScoreItem(sheet=sheet, code=row.code)
        item.order = order
        for name in ITEM_FIELDS:
            setattr(item, name, getattr(row, name))
        if item.formula == F.MANUAL:
            item.target = None
        (kept if item.pk else created).append(item)
    if existing:
        ScoreItem.objects.filter(pk__in=[i.pk for i in existing.values()]).delete()
    ScoreItem.objects.bulk_create(created)
    by_code = {item.code: item for item in [*kept, *created]}
    for row in rows:
        by_code[row.code].parent = by_code.get(row.parent_code)
    ScoreItem.objects.bulk_update(by_code.values(), ["order", "parent", *ITEM_FIELDS])
