"""Working days: Monday to Friday. Public holidays are not counted (they are not known to the
app); a deadline that falls after a holiday is therefore one day early, never late."""

import datetime

WORKING_WEEKDAYS = range(5)  # Monday = 0 … Friday = 4


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() in WORKING_WEEKDAYS:
            count -= 1
    return day


def working_days_end(start: datetime.date, days: int) -> datetime.date:
    """The last of ``days`` working days counted from ``start`` (``start`` counted when it is
    a working day): a public notice of 10 working days from Friday 20/11 ends on 03/12."""
    return add_working_days(start - datetime.timedelta(days=1), max(days, 1))


def latest_overdue(today: datetime.date, count: int) -> datetime.date:
    """The last day ``d`` whose deadline ``add_working_days(d, count)`` is before ``today``:
    whatever was due ``count`` working days after a day up to ``d`` is late today."""
    day = today - datetime.timedelta(days=1)
    while add_working_days(day, count) >= today:
        day -= datetime.timedelta(days=1)
    return day
