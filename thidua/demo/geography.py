"""Provinces before and after the 2025 merger, their emulation zones and some districts.

``PROVINCES`` lists the 63 provinces and centrally-run cities as they were until
30/06/2025, with their zone (khu vực thi đua) and an approximate number of district-level
units (each had a Chi cục THADS). ``MERGERS`` gives the 34 provinces from 01/07/2025 and
which old ones each absorbed (Resolution 202/2025/QH15); a surviving province keeps its
name. Thừa Thiên Huế is called Huế throughout (it became a city on 01/01/2025).
"""

from dataclasses import dataclass

ZONE_NORTH_MOUNTAINS = "Miền núi phía Bắc"
ZONE_RED_RIVER = "Đồng bằng Bắc bộ"
ZONE_CENTRAL = "Duyên hải miền Trung và Tây Nguyên"
ZONE_SOUTH_EAST = "Miền Đông Nam bộ"
ZONE_MEKONG = "Đồng bằng sông Cửu Long"
ZONES = [ZONE_NORTH_MOUNTAINS, ZONE_RED_RIVER, ZONE_CENTRAL, ZONE_SOUTH_EAST, ZONE_MEKONG]
SOUTHERN_ZONES = {ZONE_SOUTH_EAST, ZONE_MEKONG}

CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Huế", "Cần Thơ", "Thành phố Hồ Chí Minh"}


@dataclass(frozen=True)
class ProvinceInfo:
    zone: str
    districts: int


_BY_ZONE = {
    ZONE_NORTH_MOUNTAINS: {
        "Hà Giang": 11,
        "Cao Bằng": 10,
        "Bắc Kạn": 8,
        "Tuyên Quang": 7,
        "Lào Cai": 9,
        "Yên Bái": 9,
        "Thái Nguyên": 9,
        "Lạng Sơn": 11,
        "Bắc Giang": 10,
        "Phú Thọ": 13,
        "Điện Biên": 10,
        "Lai Châu": 8,
        "Sơn La": 12,
        "Hòa Bình": 10,
    },
    ZONE_RED_RIVER: {
        "Hà Nội": 30,
        "Hải Phòng": 15,
        "Quảng Ninh": 13,
        "Vĩnh Phúc": 9,
        "Bắc Ninh": 8,
        "Hải Dương": 12,
        "Hưng Yên": 10,
        "Thái Bình": 8,
        "Hà Nam": 6,
        "Nam Định": 10,
        "Ninh Bình": 8,
    },
    ZONE_CENTRAL: {
        "Thanh Hóa": 26,
        "Nghệ An": 21,
        "Hà Tĩnh": 13,
        "Quảng Bình": 8,
        "Quảng Trị": 10,
        "Huế": 9,
        "Đà Nẵng": 8,
        "Quảng Nam": 18,
        "Quảng Ngãi": 13,
        "Bình Định": 11,
        "Phú Yên": 9,
        "Khánh Hòa": 9,
        "Ninh Thuận": 7,
        "Bình Thuận": 10,
        "Kon Tum": 10,
        "Gia Lai": 17,
        "Đắk Lắk": 15,
        "Đắk Nông": 8,
        "Lâm Đồng": 12,
    },
    ZONE_SOUTH_EAST: {
        "Thành phố Hồ Chí Minh": 22,
        "Bình Dương": 9,
        "Bình Phước": 11,
        "Tây Ninh": 9,
        "Đồng Nai": 11,
        "Bà Rịa – Vũng Tàu": 8,
    },
    ZONE_MEKONG: {
        "Long An": 15,
        "Tiền Giang": 11,
        "Bến Tre": 9,
        "Trà Vinh": 9,
        "Vĩnh Long": 8,
        "Đồng Tháp": 12,
        "An Giang": 11,
        "Kiên Giang": 15,
        "Cần Thơ": 9,
        "Hậu Giang": 8,
        "Sóc Trăng": 11,
        "Bạc Liêu": 7,
        "Cà Mau": 9,
    },
}

PROVINCES: dict[str, ProvinceInfo] = {
    name: ProvinceInfo(zone, districts)
    for zone, provinces in _BY_ZONE.items()
    for name, districts in provinces.items()
}

# New province → the old provinces it absorbed (the surviving name among them). The first
# groups are the ones the demo uses, so a small national seed still contains them.
MERGERS: list[tuple[str, list[str]]] = [
    ("Tây Ninh", ["Long An", "Tây Ninh"]),
    ("Lào Cai", ["Lào Cai", "Yên Bái"]),
    ("Đồng Tháp", ["Đồng Tháp", "Tiền Giang"]),
    ("Quảng Trị", ["Quảng Bình", "Quảng Trị"]),
    ("Khánh Hòa", ["Ninh Thuận", "Khánh Hòa"]),
    ("Lâm Đồng", ["Lâm Đồng", "Đắk Nông", "Bình Thuận"]),
    ("Đồng Nai", ["Đồng Nai", "Bình Phước"]),
    ("Tuyên Quang", ["Tuyên Quang", "Hà Giang"]),
    ("Hà Nội", ["Hà Nội"]),
    ("Huế", ["Huế"]),
    ("Lai Châu", ["Lai Châu"]),
    ("Điện Biên", ["Điện Biên"]),
    ("Sơn La", ["Sơn La"]),
    ("Lạng Sơn", ["Lạng Sơn"]),
    ("Quảng Ninh", ["Quảng Ninh"]),
    ("Thanh Hóa", ["Thanh Hóa"]),
    ("Nghệ An", ["Nghệ An"]),
    ("Hà Tĩnh", ["Hà Tĩnh"]),
    ("Cao Bằng", ["Cao Bằng"]),
    ("Thái Nguyên", ["Thái Nguyên", "Bắc Kạn"]),
    ("Phú Thọ", ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]),
    ("Bắc Ninh", ["Bắc Ninh", "Bắc Giang"]),
    ("Hưng Yên", ["Hưng Yên", "Thái Bình"]),
    ("Hải Phòng", ["Hải Phòng", "Hải Dương"]),
    ("Ninh Bình", ["Ninh Bình", "Hà Nam", "Nam Định"]),
    ("Đà Nẵng", ["Đà Nẵng", "Quảng Nam"]),
    ("Quảng Ngãi", ["Quảng Ngãi", "Kon Tum"]),
    ("Gia Lai", ["Gia Lai", "Bình Định"]),
    ("Đắk Lắk", ["Đắk Lắk", "Phú Yên"]),
    ("Thành phố Hồ Chí Minh", ["Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"]),
    ("Cần Thơ", ["Cần Thơ", "Sóc Trăng", "Hậu Giang"]),
    ("Vĩnh Long", ["Vĩnh Long", "Bến Tre", "Trà Vinh"]),
    ("Cà Mau", ["Cà Mau", "Bạc Liêu"]),
    ("An Giang", ["An Giang", "Kiên Giang"]),
]

# Real district-level units (until 30/06/2025) of the provinces the demo shows in detail.
DISTRICTS: dict[str, list[str]] = {
    "Long An": [
        "huyện Bến Lức",
        "thành phố Tân An",
        "huyện Đức Hòa",
        "huyện Cần Giuộc",
        "thị xã Kiến Tường",
    ],
    "Tây Ninh": [
        "thành phố Tây Ninh",
        "thị xã Hòa Thành",
        "thị xã Trảng Bàng",
        "huyện Gò Dầu",
        "huyện Tân Biên",
    ],
    "Đồng Tháp": [
        "thành phố Cao Lãnh",
        "thành phố Sa Đéc",
        "thành phố Hồng Ngự",
        "huyện Tháp Mười",
        "huyện Lấp Vò",
    ],
    "Tiền Giang": [
        "thành phố Mỹ Tho",
        "thị xã Gò Công",
        "thị xã Cai Lậy",
        "huyện Cái Bè",
        "huyện Chợ Gạo",
    ],
    "Lào Cai": [
        "thành phố Lào Cai",
        "thị xã Sa Pa",
        "huyện Bát Xát",
        "huyện Bảo Thắng",
        "huyện Mường Khương",
    ],
    "Yên Bái": [
        "thành phố Yên Bái",
        "thị xã Nghĩa Lộ",
        "huyện Văn Yên",
        "huyện Trấn Yên",
        "huyện Mù Cang Chải",
    ],
    "Hà Giang": ["thành phố Hà Giang", "huyện Đồng Văn", "huyện Yên Minh", "huyện Bắc Quang"],
    "Tuyên Quang": [
        "thành phố Tuyên Quang",
        "huyện Sơn Dương",
        "huyện Hàm Yên",
        "huyện Na Hang",
    ],
    "Quảng Bình": [
        "thành phố Đồng Hới",
        "thị xã Ba Đồn",
        "huyện Bố Trạch",
        "huyện Lệ Thủy",
    ],
    "Quảng Trị": ["thành phố Đông Hà", "thị xã Quảng Trị", "huyện Vĩnh Linh", "huyện Gio Linh"],
    "Ninh Thuận": [
        "thành phố Phan Rang – Tháp Chàm",
        "huyện Ninh Hải",
        "huyện Ninh Phước",
        "huyện Ninh Sơn",
    ],
    "Khánh Hòa": [
        "thành phố Nha Trang",
        "thành phố Cam Ranh",
        "thị xã Ninh Hòa",
        "huyện Diên Khánh",
        "huyện Vạn Ninh",
    ],
    "Lâm Đồng": ["thành phố Đà Lạt", "thành phố Bảo Lộc", "huyện Đức Trọng", "huyện Di Linh"],
    "Đắk Nông": ["thành phố Gia Nghĩa", "huyện Đắk Mil", "huyện Cư Jút"],
    "Bình Thuận": ["thành phố Phan Thiết", "thị xã La Gi", "huyện Tuy Phong", "huyện Đức Linh"],
    "Đồng Nai": [
        "thành phố Biên Hòa",
        "thành phố Long Khánh",
        "huyện Long Thành",
        "huyện Nhơn Trạch",
        "huyện Trảng Bom",
    ],
    "Bình Phước": [
        "thành phố Đồng Xoài",
        "thị xã Bình Long",
        "thị xã Phước Long",
        "huyện Lộc Ninh",
    ],
}

DEMO_GROUPS = [
    "Tây Ninh",
    "Lào Cai",
    "Đồng Tháp",
    "Quảng Trị",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "Tuyên Quang",
]


def full_name(province: str) -> str:
    """ "tỉnh Lào Cai", "thành phố Hà Nội", "Thành phố Hồ Chí Minh"."""
    if province.startswith("Thành phố"):
        return province
    return f"{'thành phố' if province in CITIES else 'tỉnh'} {province}"
