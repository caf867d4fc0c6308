"""The synthetic data generator: matricules and reproducibility, no Plone layer.

``Generator.__init__`` needs a site (units, intids, registry); ``_data`` only
needs its random generator, the grades and skills, the counters and the
reference date.
A stub built with ``Generator.__new__`` gives exactly that.
"""

from datetime import date
from datetime import timedelta
from pathlib import Path
import random
import sirhp.content
from sirhp.content.domain import personnel as rules
from sirhp.content.domain.terms import parse_lines
from sirhp.policy.setuphandlers import demo
import xml.etree.ElementTree as ET


def _registry_terms():
    path = Path(sirhp.content.__file__).parent / "profiles/default/registry.xml"
    return {
        record.get("field"): parse_lines([e.text for e in record.iter("element")])
        for record in ET.parse(path).getroot().iter("record")
    }


TERMS = _registry_terms()


def stub_generator(seed, reference_date=demo.REFERENCE_DATE, offset=0):
    generator = demo.Generator.__new__(demo.Generator)
    generator.rng = random.Random(seed)
    generator.grades = TERMS["grades"]
    generator.skills = [t.code for t in TERMS["skills"]]
    generator.counters = {0: offset, 1: offset}
    generator.reference_date = reference_date
    return generator


def _batch(generator, count=60):
    return [generator._data(0 if index % 7 != 6 else 1) for index in range(count)]


class TestMatricule:
    def test_first_numbers(self):
        assert demo.matricule(0, 1) == "100001J"
        assert demo.matricule(1, 1) == "800001X"

    def test_format_and_uniqueness_over_20000_numbers(self):
        seen = set()
        for agency in (0, 1):
            for number in range(1, 20001):
                value = demo.matricule(agency, number)
                assert rules.is_valid_matricule(value), value
                seen.add(value)
        assert len(seen) == 40000

    def test_agency_ranges(self):
        for number in range(1, 20001):
            assert int(demo.matricule(0, number)[:6]) == 100000 + number
            assert int(demo.matricule(1, number)[:6]) == 800000 + number

    def test_letter_is_a_function_of_the_number(self):
        assert demo.matricule(0, 41) == demo.matricule(0, 41)
        assert {demo.matricule(0, n)[-1] for n in range(1, 27)} == set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        )

    def test_same_as_testdata(self):
        from sirhp.policy import testdata

        assert testdata.FILES["pn_draft"] == demo.matricule(0, 1)
        assert testdata.FILES["ocs_validated"] == demo.matricule(1, 3)
        assert len(set(testdata.FILES.values())) == len(testdata.FILES)


class TestDeterminism:
    def test_same_seed_same_data(self):
        assert _batch(stub_generator(2021)) == _batch(stub_generator(2021))

    def test_other_seed_other_data(self):
        first, second = _batch(stub_generator(2021)), _batch(stub_generator(2022))
        assert first != second
        # the matricules come from counters, not from the seed
        assert [d["matricule"] for d in first] == [d["matricule"] for d in second]

    def test_counters_per_agency(self):
        data = _batch(stub_generator(1), count=14)
        pn = [d["matricule"] for i, d in enumerate(data) if i % 7 != 6]
        ocs = [d["matricule"] for i, d in enumerate(data) if i % 7 == 6]
        assert pn == [demo.matricule(0, n) for n in range(1, 13)]
        assert ocs == [demo.matricule(1, n) for n in (1, 2)]

    def test_offset_continues_numbering(self):
        data = stub_generator(5, offset=100)._data(0)
        assert data["matricule"] == demo.matricule(0, 101)


class TestGeneratedDataIsValid:
    """Every generated record passes the rules a clerk's entry must pass."""

    DATA = tuple(
        d for seed in (1, 7, 2021) for d in _batch(stub_generator(seed), count=300)
    )

    def test_formats(self):
        for data in self.DATA:
            assert rules.is_valid_matricule(data["matricule"]), data
            assert data["nina"] is None or rules.is_valid_nina(data["nina"]), data
            assert rules.is_valid_phone(data["phone"]), data
            assert len(data["phone"]) <= 20, data

    def test_dates_are_coherent(self):
        for data in self.DATA:
            assert (
                rules.date_errors(
                    birth_date=data["birth_date"],
                    hire_date=data["hire_date"],
                    grade_date=data["grade_date"],
                    today=demo.REFERENCE_DATE,
                )
                == []
            ), data

    def test_dates_are_before_the_reference_date(self):
        """So they are in the past on any day the data is generated."""
        for data in self.DATA:
            dates = [v for v in data.values() if isinstance(v, date)]
            assert max(dates) < demo.REFERENCE_DATE, data

    def test_codes_belong_to_the_vocabularies(self):
        grades = {t.code: t for t in TERMS["grades"]}
        corps = {t.code for t in TERMS["corps"]}
        skills = {t.code for t in TERMS["skills"]}
        for data in self.DATA:
            assert data["grade"] in grades
            assert data["corps"] in corps
            assert data["corps"] == grades[data["grade"]].extra[0]
            assert set(data["skills"]) <= skills and data["skills"]
            assert data["sex"] in ("M", "F")
            assert data["languages"][:2] == ["fr", "bm"]
            assert len(set(data["languages"])) == len(data["languages"])

    def test_unique_matricules(self):
        for seed in (1, 7):
            batch = _batch(stub_generator(seed), count=500)
            assert len({d["matricule"] for d in batch}) == 500


def test_a_record_still_waiting_was_submitted_lately():
    """Pending records and drafts sent back were submitted in the month
    before the reference date (never before they were entered); the others
    when they were entered."""
    from sirhp.policy.setuphandlers.demo import history

    REFERENCE_DATE = demo.REFERENCE_DATE
    month = REFERENCE_DATE - timedelta(days=30)
    for entered in (date(2022, 3, 1), date(2024, 7, 19), date(2026, 1, 31)):
        ((action, *_rest, sent),) = history.steps_to(
            "pending", "clerk.pn", "reviewer.pn", entered, random.Random(1)
        )
        assert action == "submit" and month <= sent < REFERENCE_DATE
        rejected = []
        for seed in range(20):
            rejected += history.steps_to(
                "draft", "clerk.pn", "reviewer.pn", entered, random.Random(seed)
            )
        assert rejected and all(
            month <= step[-1] <= REFERENCE_DATE for step in rejected
        )
        validated = history.steps_to(
            "validated", "clerk.pn", "reviewer.pn", entered, random.Random(1)
        )
        assert validated[0][-1] == entered
    late = REFERENCE_DATE - timedelta(days=1)  # entered after the month began
    ((*_steps, sent),) = history.steps_to(
        "pending", "clerk.pn", "reviewer.pn", late, random.Random(1)
    )
    assert sent == late
