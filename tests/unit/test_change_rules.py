"""Rules of change requests (sirhp.content.changes.rules): no Plone layer."""

from datetime import date
import pytest
from sirhp.content.changes import rules


@pytest.mark.parametrize(
    "value, refusal",
    [
        (None, rules.MISSING),
        ("", rules.MISSING),
        ("   \n ", rules.MISSING),
        (["Acte"], rules.NOT_TEXT),
        (42, rules.NOT_TEXT),
        ("Acte de naissance", None),
        ("x" * rules.MAX_JUSTIFICATION, None),
        (" " + "x" * rules.MAX_JUSTIFICATION + " ", None),  # blanks do not count
        ("x" * (rules.MAX_JUSTIFICATION + 1), rules.TOO_LONG),
    ],
)
def test_justification_refusal(value, refusal):
    assert rules.justification_refusal(value) == refusal


def test_justification_stored_without_outer_blanks():
    assert rules.clean_justification("  Acte n° 12 \n") == "Acte n° 12"
    assert rules.clean_justification(None) == ""
    assert rules.MAX_JUSTIFICATION == 2000


@pytest.mark.parametrize(
    "name, readonly, proposable",
    [
        ("birth_place", False, True),
        ("birth_place", True, False),
        ("matricule", False, False),
        ("versioning_enabled", False, False),
        ("photo", False, False),
    ],
)
def test_is_proposable(name, readonly, proposable):
    assert rules.is_proposable(name, readonly) is proposable


class _Target:
    def UID(self):
        return "uid-1"


class _Relation:
    def __init__(self, target):
        self.to_object = target

    def isBroken(self):
        return self.to_object is None


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        (date(1990, 5, 2), "1990-05-02"),
        ({"b", "a"}, ["a", "b"]),
        (("a", "b"), ["a", "b"]),
        (_Relation(_Target()), "uid-1"),
        (_Relation(None), None),
        (_Target(), "uid-1"),
        ("Kati", "Kati"),
        (3, 3),
    ],
)
def test_to_json(value, expected):
    assert rules.to_json(value) == expected


def test_differs_compares_as_json():
    assert not rules.differs({"a", "b"}, ["b", "a"][::-1])
    assert not rules.differs(date(1990, 5, 2), date(1990, 5, 2))
    assert rules.differs("Kati", "Ségou")


def test_common_fields_and_kind():
    assert rules.common_fields({"a": 1, "b": 2}, {"b": 3, "c": 4}) == ["b"]
    assert rules.common_fields(None, {"b": 3}) == []
    assert rules.kind_of("123456A", "123456A") == rules.OFFICER
    assert rules.kind_of("clerk.pn", "123456A") == rules.STAFF
    assert rules.kind_of(None, None) == rules.STAFF


def test_is_stale():
    assert not rules.is_stale(3, 3)
    assert rules.is_stale(3, 4)
    assert rules.is_stale(3, 3, target_exists=False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("02/05/1994", date(1994, 5, 2)),
        ("1994-05-02", date(1994, 5, 2)),
        ("31/02/1990", None),
        ("2 mai 1994", None),
    ],
)
def test_date_from_text(text, expected):
    assert rules.date_from_text(text) == expected


def test_typed_values():
    assert rules.int_from_text("3") == 3
    assert rules.int_from_text("trois") is None
    assert rules.items_from_text(" fr, bm ,, en ") == ["fr", "bm", "en"]
    assert rules.iso_date("1994-05-02T00:00:00") == date(1994, 5, 2)
    with pytest.raises(TypeError):
        rules.iso_date(19940502)
    with pytest.raises(ValueError):
        rules.iso_date("02/05/1994")


def test_shown_values_and_display():
    assert rules.shown_values({"a": 1, "b": 2}, {"b": "masqué"}) == {
        "a": 1,
        "b": None,
    }
    assert rules.display_date("1994-05-02") == "02/05/1994"
    assert rules.display_date("1994-02-31") is None
    assert rules.display_date("Kati") is None


def test_fields_career_acts_set_are_named_on_a_file_only():
    names = {"grade": "x", "phone": "1", "unit": "u", "corps": "c"}
    assert rules.set_by_acts("PersonnelFile", names) == ["grade", "unit", "corps"]
    assert rules.set_by_acts("CareerEvent", {"event_date": "2020-01-01"}) == []
    assert rules.set_by_acts("PersonnelFile", {"phone": "1"}) == []


def test_the_officer_reports_no_field_acts_set():
    assert not set(rules.OFFICER_FILE_FIELDS) & set(rules.SET_BY_ACTS)
