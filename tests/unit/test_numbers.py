"""Numbers with a French decimal comma (``sirhp.content.base.number_rules``)."""

from decimal import Decimal
from sirhp.content.base.number_rules import decimal_text
from sirhp.content.base.number_rules import percent_text


def test_a_stored_mark_keeps_its_decimals():
    assert decimal_text("13.80") == "13,80"
    assert decimal_text(Decimal("15.4")) == "15,4"
    assert decimal_text("12") == "12"
    assert decimal_text(13.8) == "13,8"


def test_fixed_places_round():
    assert decimal_text(13.8, 2) == "13,80"
    assert decimal_text("13.456", 2) == "13,46"
    assert decimal_text(Decimal("0.0449"), 3) == "0,045"
    assert decimal_text(7, 1) == "7,0"


def test_nothing_and_nonsense_show_the_dash():
    for value in (None, "", "abc", float("nan"), float("inf")):
        assert decimal_text(value) == "—"
    assert decimal_text(None, empty="–") == "–"
    assert decimal_text("", empty="") == ""


def test_percentages():
    assert percent_text(0.5) == "50,0 %"
    assert percent_text(0.5, 0) == "50 %"
    assert percent_text(Decimal("0.1234")) == "12,3 %"
    assert percent_text(None) == "—"
    assert percent_text(None, empty="–") == "–"


def test_english_readers_get_a_point():
    from sirhp.content.base.number_rules import POINT

    assert decimal_text("13.80", separator=POINT) == "13.80"
    assert decimal_text(13.456, 2, separator=POINT) == "13.46"
    assert percent_text(0.125, separator=POINT) == "12.5 %"


def test_what_users_type_reads_back():
    from sirhp.content.base.number_rules import typed

    assert typed(" 14,5 ") == "14.5"
    assert typed("13.80") == "13.80"
    assert typed(12) == "12"
    assert typed("douze") == "douze"  # the caller refuses it
