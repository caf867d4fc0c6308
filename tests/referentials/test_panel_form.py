"""The panel's rows as typed become tables; what is not a number stays as
typed, for the API to refuse at its row."""

from sirhp.policy.referentials.forms import echelons_of
from sirhp.policy.referentials.forms import echelons_text
from sirhp.policy.referentials.forms import tables_from_form


def test_echelons_round_trip():
    assert echelons_of("2, 2, 3, ") == {"1": 2, "2": 2, "3": 3, "4": None}
    assert echelons_of("2, x, ") == {"1": 2, "2": "x", "3": None}
    assert echelons_text({"2": None, "1": 3}) == "3, "


def test_rows_without_code_are_ignored_and_numbers_parsed():
    form = {
        "corps": [
            {
                "code": "officiers",
                "label": "Officiers",
                "category": "B",
                "age_limit": "62",
            },
            {"code": " ", "label": "", "category": "", "age_limit": ""},
        ],
        "grades": [
            {
                "code": "officier-1",
                "label": "Officier",
                "corps": "officiers",
                "order": "1",
                "echelons": "2, ",
                "age_limit": "",
            },
        ],
        "leave_types": [
            {
                "code": "annual",
                "label": "Congé annuel",
                "yearly_days": "",
                "counting": "calendar",
                "restricted_scan": "1",
            },
        ],
        "sanctions": "not rows",
    }
    tables = tables_from_form(form)
    assert tables["corps"] == {
        "officiers": {"label": "Officiers", "category": "B", "age_limit": 62}
    }
    assert tables["grades"]["officier-1"] == {
        "corps": "officiers",
        "order": 1,
        "label": "Officier",
        "echelons": {"1": 2, "2": None},
    }
    assert tables["leave_types"]["annual"]["yearly_days"] is None
    assert tables["leave_types"]["annual"]["restricted_scan"] is True
    assert tables["sanctions"] == {}
