"""Official documents: pure rules (kinds, numbers, four eyes, texts, the
état des services from a list of acts)."""

from datetime import date
import pytest
from sirhp.content.attestations import rules


def test_kinds():
    assert rules.KINDS == (
        "attestation_service",
        "attestation_travail",
        "etat_services",
    )
    assert rules.is_kind("etat_services") and not rules.is_kind("badge")


def test_number_format_and_parse():
    assert rules.format_number("PN", 2026, 123) == "PN-2026-000123"
    assert rules.parse_number("PN-2026-000123") == ("PN", 2026, 123)
    for bad in ("PN-26-1", "pn-2026-000123", "", None, "PN-2026-0001234"):
        assert rules.parse_number(bad) is None
    for bad in (0, 1_000_000):
        with pytest.raises(ValueError):
            rules.format_number("PN", 2026, bad)
    assert rules.prefix_of("P.N.", "police-nationale") == "PN"
    assert rules.prefix_of(None, "ocs") == "OCS"


def test_four_eyes():
    assert rules.may_issue("hr", "officer1", "officer1", None, four_eyes=False)
    assert not rules.may_issue("hr", "hr", "officer1", None, four_eyes=False)
    assert not rules.may_issue("officer1", "clerk", "officer1", None, four_eyes=False)
    assert rules.may_issue("hr", "officer1", "officer1", "hr", four_eyes=False)
    assert not rules.may_issue("hr", "officer1", "officer1", "hr", four_eyes=True)
    assert not rules.may_issue(None, "a", "b", None, four_eyes=False)


ACTS = [
    {"type": "promotion", "date": date(2015, 1, 1), "grade": "g2", "unit_title": "U"},
    {"type": "recruitment", "date": date(2010, 3, 1), "grade": "g1", "unit_title": "E"},
    {"type": "sanction", "date": date(2012, 1, 1), "grade": None, "unit_title": None},
    {"type": "transfer", "date": date(2018, 6, 1), "grade": None, "unit_title": "K"},
    {"type": "leave", "date": date(2019, 6, 1)},
]


def test_record_lines_keep_career_steps_oldest_first():
    lines = rules.record_lines(ACTS)
    assert [(line["date"], line["title"]) for line in lines] == [
        (date(2010, 3, 1), "Recrutement"),
        (date(2015, 1, 1), "Avancement de grade"),
        (date(2018, 6, 1), "Mutation"),
    ]
    assert lines[2]["grade"] == "" and lines[2]["unit"] == "K"


def test_service_start_and_texts():
    assert rules.service_start(ACTS, date(2011, 1, 1)) == date(2010, 3, 1)
    assert rules.service_start([], date(2011, 1, 1)) == date(2011, 1, 1)
    holder = {
        "civility": rules.civility("F"),
        "name": "TRAORE Awa",
        "matricule": "PN-1",
        "grade": "Inspecteur",
        "unit": "Commissariat 1",
        "agency": "Police nationale",
        "since": date(2010, 3, 1),
    }
    text = " ".join(rules.body_lines(rules.SERVICE, holder))
    assert "certifie que Mme TRAORE Awa, matricule PN-1" in text
    assert "est en service à Commissariat 1" in text and "depuis le 01/03/2010" in text
    assert "employé(e) par Police nationale" in " ".join(
        rules.body_lines(rules.WORK, holder)
    )
    assert rules.civility("M") == "M." and rules.civility(None) == "M./Mme"
