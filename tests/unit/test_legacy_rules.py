"""The legacy import's pure rules: date styles, column mapping, lookups."""

from datetime import date
from datetime import datetime
from sirhp.content.legacy import rules

TODAY = date(2026, 11, 1)


def test_date_styles():
    expected = date(1998, 3, 12)
    for value in ("12/03/1998", "12-03-1998", "1998-03-12", "12.03.98",
                  "12 mars 1998", "12 Mars 1998", datetime(1998, 3, 12, 0, 0),
                  expected, 35866, 35866.0):  # fmt: skip
        assert rules.parse_date(value, TODAY) == expected, value
    assert rules.parse_date("1er février 2001", TODAY) == date(2001, 2, 1)
    assert rules.parse_date("05.06.24", TODAY) == date(2024, 6, 5)
    assert rules.parse_date("05.06.27", TODAY) == date(1927, 6, 5)  # not future
    for value in ("31/02/1998", "12/13/1998", "mars 1998", "hier", 12, "12/03/998"):
        assert rules.parse_date(value, TODAY) is None, value


def test_auto_mapping_by_normalized_name():
    headers = ["N° Matricule", "NOM", "Prénom", "Né le", "Date entrée", "Sexe",
               "GRADE", "Corps", "Affectation", "Nom"]  # fmt: skip
    mapping = rules.auto_mapping(headers)
    assert mapping == {
        0: "matricule", 1: "last_name", 2: "first_names", 3: "birth_date",
        4: "hire_date", 5: "sex", 6: "grade", 7: "corps", 8: "unit",
    }  # fmt: skip
    assert rules.missing_columns(mapping) == []
    assert rules.missing_columns({0: "matricule"}) == [
        "last_name", "first_names", "sex", "birth_date", "hire_date", "corps", "grade"
    ]  # fmt: skip


def test_lookup_by_code_or_label():
    table = {"officier-2": ("Officier de police de 2e classe", "officiers")}
    assert rules.lookup("officier-2", table) == "officier-2"
    assert rules.lookup("OFFICIER DE POLICE DE 2E CLASSE", table) == "officier-2"
    assert rules.lookup("Officier-2 ", table) == "officier-2"
    assert rules.lookup("officier", table) is None


def test_duplicates_within_the_file_and_against_existing():
    lookups = rules.Lookups({"c": "C"}, {"g": ("G", "c")}, {})
    row = {"last_name": "A", "first_names": "B", "sex": "F", "corps": "c",
           "grade": "g", "birth_date": "01/01/1980", "hire_date": "01/01/2005"}  # fmt: skip
    rows = [
        (2, {**row, "matricule": "100000A"}),
        (3, {**row, "matricule": "100000A"}),
        (4, {**row, "matricule": "100001A"}),
    ]
    _records, problems = rules.check_rows(
        rows, lookups, {"matricule": {"100001A"}}, TODAY
    )
    assert [(p.row, p.code) for p in problems] == [(3, "duplicate"), (4, "taken")]
    assert problems[0].mapping == {"value": "100000A", "first": 2}


def test_scan_names():
    assert rules.scan_name("104582M_diplome.pdf") == ("104582M", "diplome")
    assert rules.scan_name("104582m_acte-naissance.pdf") == (
        "104582M",
        "acte-naissance",
    )
    assert rules.scan_name("scan.pdf") is None
    assert rules.scan_name("../104582M_diplome.pdf") is None
