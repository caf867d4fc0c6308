"""The legacy import's API on the test site: dry run refusals of each
kind, all or nothing, duplicates, date styles, permission, scans."""

from datetime import date
from plone import api
import pytest
from sirhp.content.base.bulk import BulkCreator
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.legacy import api as legacy
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.documents.files import text_pdf
from tests.legacy import rows as registers


def _rows(data, filename="agents.xlsx"):
    return legacy.read_upload(data=data, filename=filename).rows


def _codes(report):
    return {(p.row, p.field, p.code) for p in report["problems"]}


def test_dry_run_reports_every_kind(portal, testdata):
    existing = testdata.FILES["pn_validated"]
    data = registers.xlsx(
        [
            registers.row(1),
            registers.row(2, birth_date="31/02/1980"),  # no such day
            registers.row(3, grade="general-5-etoiles"),
            registers.row(4, corps="inconnu"),
            registers.row(5, unit="nulle-part"),
            registers.row(6, matricule="1234"),
            registers.row(7, nina="ABC"),
            registers.row(8, last_name=""),
            registers.row(9, birth_date="01/01/2010", hire_date="01/01/2008"),
            registers.row(10, matricule=registers.row(1)[0]),  # in the file
            registers.row(11, matricule=existing),  # an existing file
            registers.row(12, nina=registers.row(1)[1]),
            registers.row(13, corps="commissaires"),  # officier-2 is an officer
            registers.row(14, sex="X"),
        ]
    )
    with api.env.adopt_user(username="clerk.pn"):
        agency = portal["police-nationale"]
        report = legacy.dry_run(agency=agency, rows=_rows(data), today=REFERENCE_DATE)
    codes = _codes(report)
    assert (3, "birth_date", "date") in codes
    assert (4, "grade", "grade") in codes
    assert (5, "corps", "corps") in codes
    assert (6, "unit", "unit") in codes
    assert (7, "matricule", "matricule") in codes
    assert (8, "nina", "nina") in codes
    assert (9, "last_name", "required") in codes
    assert (10, "birth_date", "dates") in codes
    assert (11, "matricule", "duplicate") in codes
    assert (12, "matricule", "taken") in codes
    assert (13, "nina", "duplicate") in codes
    assert (14, "grade", "grade_corps") in codes
    assert (15, "sex", "sex") in codes
    assert [p for p in report["problems"] if p.row == 2] == []
    assert report["rows"] == 14 and report["valid"] == 1
    lines = legacy.describe(report["problems"], registers.HEADERS, None)
    line = next(line for line in lines if line["row"] == 3)
    assert line["column"] == "Date de naissance"
    assert "31/02/1980" in line["message"] and "non comprise" in line["message"]
    assert not api.content.find(portal_type="PersonnelFile", matricule="900001K")


def test_date_styles_and_csv(portal):
    styles = ["12/03/1985", "12-03-1985", "1985-03-12", "12.03.85", "12 mars 1985"]
    data = registers.csv_bytes(
        [registers.row(i, birth_date=str(style)) for i, style in enumerate(styles)],
        delimiter=",",
        encoding="cp1252",
    )
    with api.env.adopt_user(username="clerk.pn"):
        report = legacy.dry_run(
            agency=portal["police-nationale"],
            rows=_rows(data, "agents.csv"),
            today=REFERENCE_DATE,
        )
    assert not report["problems"]
    assert {r["birth_date"] for r in report["records"]} == {date(1985, 3, 12)}
    assert report["records"][0]["birth_place"] == "Ségou"  # cp1252 read


def test_import_creates_drafts_owned_and_all_or_nothing(portal):
    agency = portal["police-nationale"]
    good = [registers.row(i) for i in range(1, 2000)]
    bad = registers.xlsx(good + [registers.row(2000, grade="?")])
    with api.env.adopt_user(username="clerk.pn"):
        with pytest.raises(legacy.LegacyImportError) as refused:
            legacy.import_rows(agency=agency, rows=_rows(bad), today=REFERENCE_DATE)
        assert [p.row for p in refused.value.problems] == [2001]
        assert "900001K" not in agency
        result = legacy.import_rows(
            agency=agency, rows=_rows(registers.xlsx(good[:3])), today=REFERENCE_DATE
        )
    assert result["created"] == ["900001K", "900002K", "900003K"]
    file = agency["900001K"]
    assert api.content.get_state(file) == "draft"
    assert "clerk.pn" in file.users_with_local_role("Owner")
    assert file.unit.to_object.getId() == "commissariat-1"
    catalog = portal.portal_catalog
    (brain,) = catalog.unrestrictedSearchResults(UID=file.UID())
    assert brain.matricule == "900001K" and brain.review_state == "draft"
    assert catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", nina=file.nina
    )
    with api.env.adopt_user(username="clerk.pn"):
        assert api.content.find(UID=file.UID())


def test_failure_while_creating_stores_nothing(portal, monkeypatch):
    agency = portal["police-nationale"]
    rows = _rows(registers.xlsx([registers.row(i) for i in range(1, 600)]))
    real = BulkCreator.add

    def failing(self, container, name, **fields):
        if fields["matricule"] == "900599K":
            raise RuntimeError("disk full")
        return real(self, container, name, **fields)

    monkeypatch.setattr(BulkCreator, "add", failing)
    with api.env.adopt_user(username="clerk.pn"):
        with pytest.raises(legacy.LegacyImportError) as refused:
            legacy.import_rows(agency=agency, rows=rows, today=REFERENCE_DATE)
    assert "ligne 600" in refused.value.text()
    assert "900001K" not in agency and "900500K" not in agency
    assert not api.content.find(portal_type="PersonnelFile", matricule="900001K")


@pytest.mark.parametrize("user", ["reviewer.pn", "clerk.ocs", "commander.pn"])
def test_refused_to_others(portal, user):
    rows = _rows(registers.xlsx([registers.row(1)]))
    with api.env.adopt_user(username=user):
        with pytest.raises(SirhpForbidden):
            legacy.dry_run(agency=portal["police-nationale"], rows=rows)


@pytest.mark.parametrize("user", ["clerk.pn", "hrmanager.pn"])
def test_allowed_to_clerks_and_hr_managers(portal, user):
    rows = _rows(registers.xlsx([registers.row(1)]))
    with api.env.adopt_user(username=user):
        legacy.dry_run(
            agency=portal["police-nationale"], rows=rows, today=REFERENCE_DATE
        )


def test_scans_filed(portal):
    agency = portal["police-nationale"]
    rows = _rows(registers.xlsx([registers.row(1)]))
    pdf = text_pdf()
    with api.env.adopt_user(username="clerk.pn"):
        report = legacy.dry_run(
            agency=agency, rows=rows, today=REFERENCE_DATE,
            scans={"900001K_diplome.pdf": pdf, "900009K_diplome.pdf": pdf,
                   "900001K_nope.pdf": pdf, "x.pdf": pdf,
                   "900001K_cni.pdf": b"<html></html>"},
        )  # fmt: skip
        assert [name for name, _m in report["scan_problems"]] == [
            "900001K_cni.pdf", "900001K_nope.pdf", "900009K_diplome.pdf", "x.pdf"
        ]  # fmt: skip
        result = legacy.import_rows(
            agency=agency, rows=rows, today=REFERENCE_DATE,
            scans={"900001K_diplome.pdf": pdf},
        )  # fmt: skip
    assert result["documents"] == 1
    (document,) = agency["900001K"].objectValues()
    assert document.document_type == "diplome" and document.scan_source == "import"
