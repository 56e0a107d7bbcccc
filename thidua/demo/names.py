"""Realistic Vietnamese personal names: family name, middle name, given name.

Family names are weighted roughly like the population (Nguyễn close to 38 %); in the south
Hoàng and Vũ are mostly pronounced and written Huỳnh and Võ. The middle name agrees with
the gender (Văn is male, Thị female); some women carry a double middle name
("Nguyễn Thị Thanh Hương").
"""

import random

FAMILY_NAMES = {
    "Nguyễn": 34,
    "Trần": 11,
    "Lê": 9.5,
    "Phạm": 7,
    "Hoàng": 4,
    "Phan": 4.5,
    "Vũ": 3.5,
    "Đặng": 2.1,
    "Bùi": 2,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1,
    "Lý": 0.5,
    "Đinh": 0.8,
    "Trương": 0.8,
    "Mai": 0.5,
    "Cao": 0.4,
    "Lương": 0.4,
    "Hà": 0.4,
}
SOUTHERN_SPELLING = {"Hoàng": "Huỳnh", "Vũ": "Võ"}

MIDDLE_NAMES = {
    "M": ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Công", "Quốc", "Xuân"],
    "F": ["Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thùy", "Kim", "Phương"],
}
FEMALE_SECOND_MIDDLE = ["Thanh", "Thu", "Ngọc", "Kim", "Minh", "Hồng", "Bích"]

_GIVEN = {
    "M": (
        "An Anh Bình Cường Dũng Đạt Hải Hùng Huy Hiếu Hưng Khánh Khoa Kiên Lâm Long Lợi Minh "
        "Nam Nghĩa Phong Phúc Quân Sơn Tài Tâm Thắng Thành Thịnh Tiến Toàn Trí Trung Tuấn "
        "Tùng Việt Vinh Hòa Đông"
    ),
    "F": (
        "Anh Chi Dung Giang Hà Hạnh Hằng Hiền Hoa Hồng Huyền Hương Lan Liên Linh Loan Mai "
        "Ngân Nga Nhung Oanh Phương Quyên Thảo Thủy Trang Trinh Tuyết Uyên Vân Yến Hậu Ngọc"
    ),
}
GIVEN_NAMES = {gender: names.split() for gender, names in _GIVEN.items()}


class NameMaker:
    """Draws names from one ``random.Random`` so a seeded run is reproducible."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._families = list(FAMILY_NAMES)
        self._weights = list(FAMILY_NAMES.values())

    def make(self, *, southern: bool = False, gender: str | None = None) -> tuple[str, str]:
        """A (full name, gender) pair; ``gender`` is "M" or "F", drawn when not given."""
        rng = self.rng
        gender = gender or rng.choice("MF")
        family = rng.choices(self._families, self._weights)[0]
        if southern and rng.random() < 0.8:
            family = SOUTHERN_SPELLING.get(family, family)
        middle = rng.choice(MIDDLE_NAMES[gender])
        given = rng.choice(GIVEN_NAMES[gender])
        if middle == "Thị" and rng.random() < 0.3:
            second = rng.choice(FEMALE_SECOND_MIDDLE)
            if second != given:
                middle = f"Thị {second}"
        return f"{family} {middle} {given}", gender
