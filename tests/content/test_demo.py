"""The demo generator on a real site: reproducible, and its files are valid."""

from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest
from sirhp.policy.setuphandlers import demo
from tests.clock import clock_on
import transaction
from zope.schema import getFields


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


def _data(portal, seed, count=30):
    generator = demo.Generator(portal, seed=seed, accounts=False, documents=False)
    return [generator._data(index % 2) for index in range(count)]


def test_same_seed_same_data(manager):
    assert _data(manager, 42) == _data(manager, 42)


def test_other_seed_other_data(manager):
    assert _data(manager, 42) != _data(manager, 43)


def test_generator_uses_the_registry_vocabularies(manager):
    generator = demo.Generator(manager, seed=1, accounts=False, documents=False)
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    grade_codes = {
        t.value for t in getUtility(IVocabularyFactory, "sirhp.content.grades")()
    }
    skill_codes = {
        t.value for t in getUtility(IVocabularyFactory, "sirhp.content.skills")()
    }
    for data in (generator._data(0) for _ in range(50)):
        assert data["grade"] in grade_codes
        assert set(data["skills"]) <= skill_codes


def test_generated_files_are_valid(manager, testdata):
    """Every test-data file passes its schema: fields, constraints, invariants."""
    from plone.dexterity.utils import iterSchemata

    for name in testdata.FILES:
        obj = manager.unrestrictedTraverse(testdata.path_of(name))
        for schema in iterSchemata(obj):
            for field_name, field in getFields(schema).items():
                value = getattr(obj, field_name, None)
                if value is None or field_name == "changeNote":
                    continue
                field.bind(obj).validate(value)
            schema.validateInvariants(_Submitted(obj))


class _Submitted:
    """What a form or the REST API hands the invariants: data with a context."""

    def __init__(self, context):
        self.__context__ = context

    def __getattr__(self, name):
        return getattr(self.__context__, name)


def test_create_file_in_every_state(manager):
    demo.build_units(manager)
    generator = demo.Generator(manager, seed=99, accounts=False, documents=True)
    generator.counters = {0: 500, 1: 500}  # past the test data's matricules
    for state in ("draft", "pending", "validated", "archived"):
        obj = generator.create_file("police-nationale", state=state)
        assert api.content.get_state(obj) == state
        assert obj.getId() == obj.matricule
        kinds = {child.portal_type for child in obj.objectValues()}
        assert "CareerEvent" in kinds and "ScannedDocument" in kinds
        document = next(
            c for c in obj.objectValues() if c.portal_type == "ScannedDocument"
        )
        assert document.file.data.startswith(b"%PDF-1.4")
        assert document.file.contentType == "application/pdf"


def _snapshot(obj):
    """Every field value, the workflow history and the records of ``obj``."""
    from plone.dexterity.utils import iterSchemata

    values = {"id": obj.getId(), "type": obj.portal_type, "created": obj.created()}
    for schema in iterSchemata(obj):
        adapted = schema(obj)
        for name in getFields(schema):
            value = getattr(adapted, name, None)
            if hasattr(value, "to_id"):  # RelationValue
                value = value.to_path
            elif hasattr(value, "data") and hasattr(value, "filename"):
                value = (value.filename, value.contentType, value.data)
            values[f"{schema.__identifier__}.{name}"] = value
    values["history"] = [
        {key: str(entry[key]) for key in sorted(entry)}
        for entry in obj.workflow_history.get(demo.WORKFLOW, ())
    ]
    values["records"] = [_snapshot(child) for child in obj.objectValues()]
    return values


def _generated_on(portal, day, count=8):
    """Files generated with the clock set to ``day``; then undone."""
    savepoint = transaction.savepoint()
    try:
        with clock_on(day):
            generator = demo.Generator(portal, seed=11, accounts=False, offset=600)
            states = ("draft", "pending", "validated", "archived")
            files = [
                generator.create_file(
                    "ocs" if index % 4 == 3 else "police-nationale",
                    state=states[index % 4],
                )
                for index in range(count)
            ]
            return [_snapshot(obj) for obj in files]
    finally:
        savepoint.rollback()


def test_same_data_whatever_the_date(manager):
    """Demo and test data do not move with the calendar."""
    first = _generated_on(manager, date(2026, 12, 5))
    second = _generated_on(manager, date(2031, 7, 14))
    assert first == second
    records = [r for snapshot in first for r in [snapshot, *snapshot["records"]]]
    dates = [v for r in records for v in r.values() if isinstance(v, date)]
    dates += [r["created"].asdatetime().date() for r in records]
    assert max(dates) < demo.REFERENCE_DATE


def test_demo_careers_are_coherent(manager):
    """With careers (``make start``, ``make demo``), a file's career fields
    are what its validated acts give on the reference date."""
    from sirhp.content.careers import api as careers_api
    from sirhp.content.retirement.api import retirement_date_of

    demo.build_units(manager)
    generator = demo.Generator(
        manager, seed=5, accounts=False, documents=False, offset=700, careers=True
    )
    files = [
        generator.create_file("police-nationale" if n % 5 else "ocs", state=state)
        for n, state in enumerate(("validated",) * 30 + ("archived", "pending"))
    ]
    kinds = {}
    for obj in files:
        acts = [c for c in obj.objectValues() if c.portal_type == "CareerEvent"]
        assert acts[0].event_type == "recruitment"
        assert max(a.event_date for a in acts) <= demo.REFERENCE_DATE
        for child in obj.objectValues():
            kinds.setdefault(child.portal_type, set()).add(api.content.get_state(child))
        if api.content.get_state(obj) == "pending":
            continue
        situation = careers_api.situation(file=obj, at=demo.REFERENCE_DATE)
        own = careers_api.initial(file=obj)
        for name in ("grade", "grade_date", "echelon", "echelon_date", "unit"):
            assert situation[name] == own[name], (obj.getId(), name)
        assert situation["status"] == own["status"]
        assert situation["position"] == own["position"]
        assert retirement_date_of(file=obj) is not None
    assert kinds["CareerEvent"] >= {"validated"}
    assert kinds["LeaveRequest"] >= {"approved"}
