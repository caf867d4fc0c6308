"""The daily job (careers.apply.apply_due): acts dated in the future take
effect on their date, period acts end the day after their end date, found by
catalog; ``since`` defaults to the last run. Explicit dates only."""

from .test_apply import file  # noqa: F401 (fixture)
from .test_apply import file_act
from datetime import date
from plone import api
from sirhp.content.careers import api as careers
from sirhp.content.careers.apply import apply_due
from sirhp.content.careers.apply import last_run
from sirhp.content.careers.apply import LAST_RUN_KEY
from zope.annotation.interfaces import IAnnotations

START = date(2099, 3, 1)
END = date(2099, 4, 30)


def test_a_future_act_waits_for_its_date(portal, file):  # noqa: F811
    before = careers.stored(file=file)
    file_act(
        file, event_type="appointment", event_date=START, resulting_position="Adjoint"
    )
    assert careers.stored(file=file) == before
    assert apply_due(today=date(2099, 2, 28), since=date(2099, 2, 27)) == 0
    assert file.position == before["position"]
    assert apply_due(today=START, since=date(2099, 2, 28)) == 1
    assert file.position == "Adjoint"
    assert last_run() == START


def test_a_period_act_ends_the_day_after_its_end(portal, file):  # noqa: F811
    before = careers.stored(file=file)
    file_act(
        file,
        event_type="suspension",
        event_date=START,
        end_date=END,
        resulting_status="suspended",
    )
    assert apply_due(today=START, since=date(2099, 2, 28)) == 1
    assert file.status == "suspended"
    brain = api.content.find(UID=file.UID(), unrestricted=True)[0]
    assert brain.personnel_status == "suspended"
    # the last day of the period: still suspended, nothing due
    assert apply_due(today=END) == 0
    assert file.status == "suspended"
    # the day after: back to what holds without the act (since = last run)
    assert apply_due(today=date(2099, 5, 1)) == 1
    assert file.status == before["status"]
    assert careers.stored(file=file)["status"] == before["status"]


def test_first_run_covers_every_file_with_a_validated_act(portal, file):  # noqa: F811
    file_act(
        file, event_type="appointment", event_date=START, resulting_position="Adjoint"
    )
    IAnnotations(portal).pop(LAST_RUN_KEY, None)
    assert last_run() is None
    assert apply_due(today=START) >= 1
    assert file.position == "Adjoint"
    assert last_run() == START


def test_the_catalog_knows_the_end_of_a_period(portal, file):  # noqa: F811
    act = file_act(
        file,
        event_type="detachment",
        event_date=START,
        end_date=END,
        resulting_status="detached",
    )
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(
        portal_type="CareerEvent",
        event_end_date={"query": (END, END), "range": "min:max"},
    )
    assert [brain.UID for brain in found] == [act.UID()]
