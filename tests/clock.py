"""Move the clock inside a test: what must not follow the calendar is checked."""

from contextlib import contextmanager
from DateTime import DateTime
from datetime import date
from datetime import datetime
import importlib
import time
from unittest import mock

# the module, not the class the package exports under the same name
DateTimeModule = importlib.import_module("DateTime.DateTime")


@contextmanager
def clock_on(day: date):
    """Run as if today were ``day``, the time of day still running.

    It patches ``time.time``, which ``date.today()`` reads, and DateTime's
    copy of it (``DateTime()``). ``datetime.now()`` reads the system clock
    directly: code whose data must not move should not use it.
    """
    clock = time.time  # maybe moved already (SIRHP_TEST_TODAY)
    now = datetime.fromtimestamp(clock())
    offset = (datetime.combine(day, now.time()) - now).total_seconds()

    def moved():
        return clock() + offset

    with (
        mock.patch("time.time", moved),
        mock.patch.object(DateTimeModule, "_system_time", moved),
    ):
        assert date.today() == day
        assert DateTime().Date() == day.strftime("%Y/%m/%d")
        yield
