"""The dates of the 2025 restructuring (``restructured`` in ``conftest.py``): the old tree's
last day and the new tree's first."""

import datetime

LAST_OLD_DAY = datetime.date(2025, 6, 30)
FIRST_NEW_DAY = datetime.date(2025, 7, 1)
