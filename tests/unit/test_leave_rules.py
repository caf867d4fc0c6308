"""Leave rules without a site: counting, overlaps, balances across years."""

from datetime import date
from sirhp.content.leave import rules


def test_calendar_days_count_every_day():
    assert rules.days(date(2026, 11, 2), date(2026, 11, 8)) == 7
    assert rules.days(date(2026, 11, 2), date(2026, 11, 2)) == 1
    assert rules.days(date(2026, 11, 3), date(2026, 11, 2)) == 0


def test_working_days_skip_weekends():
    # 2026-11-02 is a Monday
    monday, sunday = date(2026, 11, 2), date(2026, 11, 8)
    assert rules.days(monday, sunday, rules.WORKING) == 5
    assert rules.days(monday, date(2026, 11, 15), rules.WORKING) == 10
    assert rules.days(date(2026, 11, 7), sunday, rules.WORKING) == 0
    assert rules.days(date(2026, 11, 6), date(2026, 11, 9), rules.WORKING) == 2


def test_check_period():
    assert rules.check_period(date(2026, 11, 3), date(2026, 11, 2)) == (
        rules.END_BEFORE_START
    )
    weekend = (date(2026, 11, 7), date(2026, 11, 8))
    assert rules.check_period(*weekend, rules.WORKING) == rules.NO_DAYS
    assert rules.check_period(*weekend, rules.CALENDAR) is None


def test_overlaps_share_a_day():
    others = [
        (date(2026, 11, 1), date(2026, 11, 10)),
        (date(2026, 12, 1), date(2026, 12, 5)),
    ]
    assert rules.overlaps(date(2026, 11, 10), date(2026, 11, 12), others) == [others[0]]
    assert rules.overlaps(date(2026, 11, 11), date(2026, 11, 30), others) == []
    assert rules.overlaps(date(2026, 10, 1), date(2026, 12, 31), others) == others


def test_overlaps_first_and_last_day_included():
    leave = [(date(2026, 11, 9), date(2026, 11, 13))]
    for day in (date(2026, 11, 9), date(2026, 11, 13)):
        assert rules.overlaps(day, day, leave) == leave
    for day in (date(2026, 11, 8), date(2026, 11, 14)):
        assert rules.overlaps(day, day, leave) == []
    assert rules.overlaps(date(2026, 11, 1), date(2026, 11, 9), leave) == leave
    assert rules.overlaps(date(2026, 11, 13), date(2026, 11, 20), leave) == leave


def test_a_leave_across_new_year_counts_in_both_years():
    periods = [(date(2026, 12, 25), date(2027, 1, 5))]
    assert rules.days_in_year(*periods[0], 2026) == 7
    assert rules.days_in_year(*periods[0], 2027) == 5
    assert rules.balance(30, periods, 2026) == {
        "year": 2026,
        "right": 30,
        "taken": 7,
        "remaining": 23,
    }
    assert rules.balance(30, periods, 2027)["remaining"] == 25
    assert rules.balance(30, periods, 2028)["taken"] == 0


def test_beyond_right_per_year():
    rights = {2026: 30, 2027: 30}
    periods = [(date(2026, 11, 1), date(2026, 11, 25))]  # 25 days in 2026
    assert (
        rules.beyond_right(rights, periods, date(2026, 12, 1), date(2026, 12, 5))
        is None
    )
    assert rules.beyond_right(
        rights, periods, date(2026, 12, 1), date(2026, 12, 6)
    ) == (
        2026,
        5,
        6,
    )
    # across new year: 5 days in 2026 fit, 2027 has its own right
    assert (
        rules.beyond_right(rights, periods, date(2026, 12, 27), date(2027, 1, 20))
        is None
    )
    assert rules.beyond_right(
        rights, periods, date(2026, 12, 27), date(2027, 2, 20)
    ) == (2027, 30, 51)
    assert rules.beyond_right(
        {2026: 3}, [], date(2026, 11, 2), date(2026, 11, 6), "working"
    ) == (2026, 3, 5)


def test_four_eyes_and_cancel():
    assert rules.is_requester("clerk", ["clerk"], "123456A")
    assert rules.is_requester("123456A", ["clerk"], "123456A")
    assert not rules.is_requester("commander", ["clerk"], "123456A")
    assert not rules.is_requester(None, [], None)
    assert rules.may_cancel(date(2026, 11, 2), today=date(2026, 11, 1))
    assert not rules.may_cancel(date(2026, 11, 1), today=date(2026, 11, 1))


def test_is_absent():
    assert rules.is_absent(date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 3))
    assert not rules.is_absent(date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 4))
