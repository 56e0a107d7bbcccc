"""Working days, the one calendar for public notices and the national database's deadline."""

import datetime

import pytest

from thidua.core.workdays import add_working_days, latest_overdue, working_days_end

D = datetime.date
FRIDAY = D(2026, 11, 20)


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (FRIDAY, 10, D(2026, 12, 3)),  # Fri counted, two weekends skipped
        (FRIDAY, 1, FRIDAY),  # a one-day notice ends the day it starts
        (D(2026, 11, 21), 1, D(2026, 11, 23)),  # starting on Saturday: Monday
        (FRIDAY, 5, D(2026, 11, 26)),
    ],
)
def test_a_notice_ends_on_its_last_working_day(start, days, end):
    assert working_days_end(start, days) == end


def test_the_day_itself_is_not_counted_when_adding_working_days():
    assert add_working_days(FRIDAY, 1) == D(2026, 11, 23)
    assert add_working_days(FRIDAY, 3) == D(2026, 11, 25)
    assert add_working_days(FRIDAY, 0) == FRIDAY


def test_what_was_due_three_working_days_after_a_day_is_late_the_day_after_its_deadline():
    # A decision of Friday 20/11 (or of the weekend after) is due by Wednesday 25/11: late on
    # Thursday 26/11; on Wednesday only Thursday 19/11's (due Tuesday) is late.
    assert latest_overdue(D(2026, 11, 26), 3) == D(2026, 11, 22)
    assert latest_overdue(D(2026, 11, 25), 3) == D(2026, 11, 19)
