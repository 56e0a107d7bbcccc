"""A grouping's membership of a year in bulk: copied from the year before, read from or
written to an Excel workbook.

Every unit must have existed in the year it is a member for (``Validity.absence_in``): a
copy skips (and names) those that did not; an import refuses the whole file, naming each
bad row. A unit in a workbook is found by its code, or by its name as it was that year
(the unit of that name valid in that year: a renamed unit is a new row, see ``Unit``).
Imports add members and change roles; they never remove a member (edit the grouping for
that), so a partial sheet loses nothing.
"""

import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from thidua.core import audit, spreadsheets
from thidua.core.exports import safe_row
from thidua.core.text import search_key
from units.models import Cluster, ClusterMembership, Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
HEADERS = ("Mã đơn vị", "Tên đơn vị", "Vai trò", "Năm")
ROLE_WORDS = {
    **{search_key(str(label)): value for value, label in ClusterMembership.Role.choices},
    **{value: value for value in ClusterMembership.Role.values},
    "truong khoi": "leader",
    "truong cum": "leader",
    "pho truong khoi": "deputy",
    "pho truong cum": "deputy",
    "": "member",
}


@dataclass
class CopyResult:
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # already members in the target year
    skipped: list = field(default_factory=list)  # (unit, why) not in existence that year


@transaction.atomic
def memberships_copy(*, by, cluster: Cluster, from_year: int, to_year: int) -> CopyResult:
    """Copy ``from_year``'s members and roles into ``to_year`` (then edit them there).

    A unit that no longer exists in ``to_year`` is skipped with the reason; one already a
    member that year keeps its row; the leader's role is not copied when ``to_year``
    already has a leader."""
    if from_year == to_year:
        raise ValidationError(_("Năm nguồn và năm đích phải khác nhau."), code="year")
    if absence := cluster.absence_in(to_year):
        raise ValidationError(absence, code="year")
    source = list(
        ClusterMembership.objects.filter(cluster=cluster, year=from_year).select_related("unit")
    )
    if not source:
        raise ValidationError(
            _("Khối/cụm “%(cluster)s” chưa có thành viên năm %(year)s để sao chép.")
            % {"cluster": cluster, "year": from_year},
            code="empty",
        )
    present = {
        m.unit_id: m for m in ClusterMembership.objects.filter(cluster=cluster, year=to_year)
    }
    has_leader = any(m.role == ClusterMembership.Role.LEADER for m in present.values())
    result = CopyResult()
    for membership in source:
        unit = membership.unit
        if unit.pk in present:
            result.kept.append(unit)
            continue
        absence = unit.absence_in(to_year)
        if absence:
            result.skipped.append((unit, absence))
            continue
        role = membership.role
        if role == ClusterMembership.Role.LEADER and has_leader:
            role = ClusterMembership.Role.MEMBER
        result.created.append(
            ClusterMembership(cluster=cluster, unit=unit, year=to_year, role=role)
        )
    ClusterMembership.objects.bulk_create(result.created)
    audit.record(
        obj=cluster,
        by=by,
        action="copy",
        comment=_("Sao chép %(n)s thành viên từ năm %(from)s sang năm %(to)s.")
        % {"n": len(result.created), "from": from_year, "to": to_year},
    )
    return result


def memberships_workbook(*, cluster: Cluster, year: int) -> bytes:
    """The year's members as an .xlsx: code, name, role (in words), year; re-importable."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(year)
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    memberships = ClusterMembership.objects.filter(cluster=cluster, year=year).select_related(
        "unit"
    )
    order = {ClusterMembership.Role.LEADER: 0, ClusterMembership.Role.DEPUTY: 1}
    for m in sorted(memberships, key=lambda m: (order.get(m.role, 2), m.unit.name)):
        sheet.append(safe_row([m.unit.code, m.unit.name, str(m.get_role_display()), year]))
    for column, width in zip("ABCD", (18, 60, 18, 8), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _too_many_rows() -> str:
    return _("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_ROWS}


def _rows(upload) -> list[tuple[int, str, str, str]]:
    """(row number, code, name, role) of the first sheet, bounded in size and rows."""
    try:  # the kernel's one bounded reader: size, inflated size, elements and raw rows
        data = spreadsheets.read_upload(upload, limit=MAX_BYTES)
        book = spreadsheets.open_workbook(data, rows=MAX_ROWS + spreadsheets.HEADER_ROWS)
    except spreadsheets.SpreadsheetError as error:
        message = error.messages[0]
        if message == spreadsheets.too_many_rows():  # the kernel's words name its own limit
            message = _too_many_rows()
        raise ValidationError(message, code="format") from None
    rows = []
    try:
        lines = spreadsheets.bounded_rows(book.worksheets[0], limit=MAX_ROWS + 2)
        for number, values in enumerate(lines, 1):
            if number == 1:
                continue
            if number > MAX_ROWS + 1:
                raise ValidationError(_too_many_rows(), code="rows")
            cells = [("" if v is None else str(v)).strip()[:255] for v in (values or ())[:3]]
            cells += [""] * (3 - len(cells))
            if any(cells):
                rows.append((number, *cells))
    finally:
        book.close()
    return rows


def _find_unit(code: str, name: str, year: int, by_code: dict, by_name: dict):
    """The unit of a row, or the reason it cannot be found (in Vietnamese)."""
    if code:
        unit = by_code.get(code.casefold())
        if unit is None:
            return None, _("không có đơn vị mã “%(code)s”") % {"code": code}
        return unit, ""
    if not name:
        return None, _("thiếu mã và tên đơn vị")
    candidates = [u for u in by_name.get(search_key(name), []) if u.existed_in(year)]
    if not candidates:
        return None, _("không có đơn vị tên “%(name)s” trong năm %(year)s") % {
            "name": name,
            "year": year,
        }
    if len(candidates) > 1:
        return None, _("có %(n)s đơn vị tên “%(name)s” trong năm %(year)s; hãy ghi mã") % {
            "n": len(candidates),
            "name": name,
            "year": year,
        }
    return candidates[0], ""


@transaction.atomic
def memberships_import(*, by, cluster: Cluster, year: int, upload) -> dict:
    """Add the workbook's units as members of ``year`` (and set their roles); all or
    nothing. Returns counts {"added", "changed", "unchanged"}."""
    if absence := cluster.absence_in(year):
        raise ValidationError(absence, code="year")
    rows = _rows(upload)
    if not rows:
        raise ValidationError(_("Tệp không có dòng thành viên nào."), code="empty")
    codes = {code.casefold() for _n, code, _name, _role in rows if code}
    keys = {search_key(name) for _n, code, name, _role in rows if not code and name}
    units = Unit.objects.filter(Q(code__in=list(codes)) | Q(search_key__in=keys))
    by_code, by_name = {}, {}
    for unit in units:
        by_code[unit.code.casefold()] = unit
        by_name.setdefault(unit.search_key, []).append(unit)
    # codes are matched case-insensitively; fetch the rest that differ only by case
    missing = codes - set(by_code)
    if missing:
        for unit in Unit.objects.filter(
            Q.create([("code__iexact", c) for c in missing], connector=Q.OR)
        ):
            by_code[unit.code.casefold()] = unit
    errors, wanted = [], {}
    for number, code, name, role_text in rows:
        unit, problem = _find_unit(code, name, year, by_code, by_name)
        role = ROLE_WORDS.get(search_key(role_text))
        problems = [problem] if problem else []
        if role is None:
            problems.append(
                _("vai trò “%(role)s” không hợp lệ (Trưởng khối, Phó trưởng khối, Thành viên)")
                % {"role": role_text}
            )
        if unit is not None and (absence := unit.absence_in(year)):
            problems.append(absence)
        if unit is not None and unit.pk in wanted:
            problems.append(_("đơn vị “%(unit)s” lặp lại") % {"unit": unit})
        if problems:
            errors.append(_("Dòng %(n)s: %(why)s.") % {"n": number, "why": "; ".join(problems)})
        else:
            wanted[unit.pk] = (unit, role)
    leaders = [u for u, r in wanted.values() if r == ClusterMembership.Role.LEADER]
    if len(leaders) > 1:
        errors.append(
            _("Mỗi năm khối/cụm chỉ có một đơn vị Trưởng khối; tệp ghi %(n)s: %(units)s.")
            % {"n": len(leaders), "units": ", ".join(str(u) for u in leaders)}
        )
    present = {m.unit_id: m for m in ClusterMembership.objects.filter(cluster=cluster, year=year)}
    if leaders:
        other = [
            m
            for m in present.values()
            if m.role == ClusterMembership.Role.LEADER and m.unit_id != leaders[0].pk
        ]
        if other and other[0].unit_id not in wanted:
            errors.append(
                _(
                    "Năm %(year)s khối/cụm đã có Trưởng khối khác; hãy ghi lại vai trò "
                    "của đơn vị đó."
                )
                % {"year": year}
            )
    if errors:
        raise ValidationError(errors, code="rows")
    added, changed, unchanged = [], [], 0
    for unit, role in wanted.values():
        membership = present.get(unit.pk)
        if membership is None:
            added.append(ClusterMembership(cluster=cluster, unit=unit, year=year, role=role))
        elif membership.role != role:
            membership.role = role
            changed.append(membership)
        else:
            unchanged += 1
    # Demote first, so that the one-leader constraint holds at every step.
    changed.sort(key=lambda m: m.role == ClusterMembership.Role.LEADER)
    for membership in changed:
        membership.save(update_fields=["role"])
    ClusterMembership.objects.bulk_create(added)
    audit.record(
        obj=cluster,
        by=by,
        action="import",
        comment=_("Năm %(year)s: thêm %(added)s, đổi vai trò %(changed)s thành viên.")
        % {"year": year, "added": len(added), "changed": len(changed)},
    )
    return {"added": len(added), "changed": len(changed), "unchanged": unchanged}
