"""Days the seeded history turns on."""

import datetime

# The 2025 restructuring: provinces 63 → 34, district Chi cục THADS → Phòng THADS khu vực.
MERGER_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
# The last year whose achievements are already rewarded (conferred early the next year).
LAST_AWARD_YEAR = 2025
# Chi cục staff promoted to their provincial Cục, for a history with more than one move.
TRANSFER_DAY = datetime.date(2022, 3, 1)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)
