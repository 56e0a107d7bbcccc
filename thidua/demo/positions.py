"""Positions (chức vụ) by kind of unit, and how they carry over in the 2025 restructuring."""

import random

# Kinds of seeded unit; an ``OrgUnit`` (thidua.demo.org) carries one.
MINISTRY = "ministry"
MINISTRY_UNIT = "ministry_unit"
HQ_OLD = "hq_old"  # Tổng cục THADS, until 30/06/2025
HQ_NEW = "hq_new"  # Cục Quản lý THADS, from 01/07/2025
PROVINCE_OLD = "cuc"  # Cục THADS tỉnh
PROVINCE_NEW = "thads"  # Thi hành án dân sự tỉnh
LOCAL_OLD = "chi_cuc"
LOCAL_NEW = "phong"
JUSTICE_DEPT = "so"
EXTERNAL = "external"
STATE = "state"  # Chính phủ, Chủ tịch nước: they only issue decisions

_MINISTRY_UNIT_TITLES = {
    "Vụ": ("Vụ trưởng", "Phó Vụ trưởng"),
    "Văn phòng": ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    "Thanh tra": ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    "Cục": ("Cục trưởng", "Phó Cục trưởng"),
    "Viện": ("Viện trưởng", "Phó Viện trưởng"),
}
_TITLES = {
    MINISTRY: ("Bộ trưởng", "Thứ trưởng"),
    HQ_OLD: ("Tổng Cục trưởng", "Phó Tổng Cục trưởng"),
    HQ_NEW: ("Cục trưởng", "Phó Cục trưởng"),
    PROVINCE_OLD: ("Cục trưởng", "Phó Cục trưởng"),
    LOCAL_OLD: ("Chi cục trưởng", "Phó Chi cục trưởng"),
    LOCAL_NEW: ("Trưởng phòng", "Phó Trưởng phòng"),
    JUSTICE_DEPT: ("Giám đốc Sở", "Phó Giám đốc Sở"),
}

_THADS_POOL = {
    "Chấp hành viên": 4,
    "Thư ký thi hành án": 3,
    "Thẩm tra viên": 1,
    "Chuyên viên": 1.5,
    "Kế toán": 1,
    "Văn thư": 0.4,
    "Lái xe": 0.3,
}
_LOCAL_POOL = {"Chấp hành viên": 4, "Thư ký thi hành án": 3, "Kế toán": 1}
_OFFICE_POOL = {"Chuyên viên chính": 2, "Chuyên viên": 4, "Kế toán": 0.5, "Văn thư": 0.5}
_DEPT_POOL = {**_OFFICE_POOL, "Trưởng phòng": 1}
_POOLS = {
    HQ_OLD: _THADS_POOL,
    PROVINCE_OLD: _THADS_POOL,
    LOCAL_OLD: _LOCAL_POOL,
    MINISTRY_UNIT: _OFFICE_POOL,
    JUSTICE_DEPT: _DEPT_POOL,
    MINISTRY: {"Thứ trưởng": 1},
}
WORKER_POSITIONS = {"Lái xe"}


def titles(kind: str, name: str) -> tuple[str, str]:
    """(head, deputy) titles of a unit, e.g. ("Chi cục trưởng", "Phó Chi cục trưởng")."""
    if kind == MINISTRY_UNIT:
        for prefix, pair in _MINISTRY_UNIT_TITLES.items():
            if name.startswith(prefix):
                return pair
        return "Thủ trưởng đơn vị", "Phó Thủ trưởng đơn vị"
    if kind == PROVINCE_NEW:
        level = "tỉnh" if " tỉnh " in name else "thành phố"
        return f"Trưởng Thi hành án dân sự {level}", f"Phó Trưởng Thi hành án dân sự {level}"
    return _TITLES.get(kind, ("", ""))


def deputies_for(count: int) -> int:
    if count < 2:
        return 0
    return 1 if count < 7 else 2 if count < 20 else 3


def staff_positions(kind: str, head: str, deputy: str, count: int, rng: random.Random):
    """Positions for ``count`` people of a unit: its head, deputies, then professionals."""
    if count <= 0:
        return []
    pool = _POOLS[kind]
    deputies = deputies_for(count)
    rest = rng.choices(list(pool), list(pool.values()), k=count - 1 - deputies)
    return [head] + [deputy] * deputies + sorted(rest, key=list(pool).index)


def carried_over(position: str, old: tuple[str, str], new: tuple[str, str], head_taken: bool):
    """The position someone holds in the successor unit after the restructuring.

    The first head to arrive keeps heading; other heads and all deputies become deputies;
    professionals keep their position.
    """
    old_head, old_deputy = old
    new_head, new_deputy = new
    if position == old_head:
        return new_deputy if head_taken else new_head
    if position == old_deputy:
        return new_deputy
    return position
