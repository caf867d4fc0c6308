"""Pure rules of a new agency or service, without Zope: id, short name,
colour and matricule prefix syntax, uniqueness, prefixes that would share
numbers."""

from sirhp.content.agencies import rules

PN = {
    "id": "police-nationale",
    "title": "Police nationale",
    "short_name": "PN",
    "matricule_prefix": "1",
}
OCS = {
    "id": "ocs",
    "title": "Office Central des Stupéfiants",
    "short_name": "OCS",
    "matricule_prefix": "8",
}
GOOD = {
    "id": "protection-civile-test",
    "title": "Service test",
    "short_name": "STS",
    "primary_color": "#A01B2C",
    "matricule_prefix": "5",
}


def _msgids(values, others=(PN, OCS), taken=frozenset()):
    found = rules.problems(rules.clean(values), list(others), taken)
    return [(field, msgid) for field, msgid, _default, _mapping in found]


def test_a_good_agency_passes():
    assert _msgids(GOOD) == []
    assert _msgids({**GOOD, "matricule_prefix": "50"}) == []


def test_syntax_of_each_value():
    bad = {
        "id": "Protection Civile",
        "title": "  ",
        "short_name": "st",
        "primary_color": "rouge",
        "matricule_prefix": "5a",
    }
    assert _msgids(bad) == [
        ("id", "error_agency_id_syntax"),
        ("title", "error_agency_title_missing"),
        ("short_name", "error_agency_short_name_syntax"),
        ("primary_color", "error_agency_color_syntax"),
        ("matricule_prefix", "error_agency_prefix_syntax"),
    ]
    for agency_id in ("-pn", "pn-", "p--n", "é-pn", "a" * 41, "1pn"):
        assert _msgids({**GOOD, "id": agency_id}) == [("id", "error_agency_id_syntax")]
    for short_name in ("P", "PNPNPNP", "P1", "PÉ"):
        assert _msgids({**GOOD, "short_name": short_name}) == [
            ("short_name", "error_agency_short_name_syntax")
        ]
    for color in ("#12345", "#1234567", "1F3A93", "#GG0000"):
        assert _msgids({**GOOD, "primary_color": color}) == [
            ("primary_color", "error_agency_color_syntax")
        ]
    assert _msgids({**GOOD, "matricule_prefix": "1234"}) == [
        ("matricule_prefix", "error_agency_prefix_syntax")
    ]


def test_unique_id_short_name_and_numbers():
    assert _msgids({**GOOD, "id": "ocs"}) == [("id", "error_agency_id_taken")]
    assert _msgids({**GOOD, "id": "login"}) == [("id", "error_agency_id_taken")]
    assert _msgids(GOOD, taken={GOOD["id"]}) == [("id", "error_agency_id_taken")]
    assert _msgids({**GOOD, "short_name": "OCS"}) == [
        ("short_name", "error_agency_short_name_taken")
    ]
    # "1" holds 100000-199999: "12" and "1" would hand out the same numbers
    for prefix in ("1", "12", "105", "8", "80"):
        found = rules.problems(
            rules.clean({**GOOD, "matricule_prefix": prefix}), [PN, OCS]
        )
        assert [(f, m) for f, m, _d, _map in found] == [
            ("matricule_prefix", "error_agency_prefix_overlap")
        ]
    assert rules.overlaps("12", "1") and rules.overlaps("1", "12")
    assert not rules.overlaps("12", "13") and not rules.overlaps("", "1")


def test_clean_strips_and_fills():
    assert rules.clean({"id": " sts ", "title": None}) == {
        "id": "sts",
        "title": "",
        "short_name": "",
        "primary_color": "",
        "matricule_prefix": "",
    }
