"""The daily tasks in one run (``sirhp.policy.daily``, ``scripts/daily.py``):
in order, a version of the référentiels in force, a future act applied, a
retirement proposed, a badge expired; a failing task is reported in French
and the others still run. In-process, savepoints instead of commits;
explicit dates only."""

from .test_apply import file_act
from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.badges.api import print_batch
from sirhp.content.careers import apply as careers_apply
from sirhp.content.referentials import api as referentials
from sirhp.policy import daily
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from tests.retirement.conftest import set_known_dates
from tests.retirement.test_referentials_follow import _indexed
from tests.retirement.test_referentials_follow import _with_limit
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import site

# A day in the future on any day the tests run: nothing is applied before.
DAY = date(2099, 3, 1)


def _setup(portal, testdata):
    """A future version, a future act, a file past its retirement date, a
    badge expiring the day before; the last careers run the day before."""
    files = set_known_dates(portal, testdata)
    with api.env.adopt_roles(["Manager"]):
        referentials.add_version(
            effective=DAY.isoformat(),
            tables=_with_limit("officiers", 64),
            today=REFERENCE_DATE,
        )
    act = file_act(
        files["pn_validated2"],
        event_type="appointment",
        event_date=DAY,
        resulting_position="Adjoint au chef de brigade",
    )
    login(portal, "clerk.pn")
    badge = api.content.create(
        container=files["pn_validated"], type="Badge", id="carte"
    )
    print_batch(badges=[badge])
    api.content.transition(obj=badge, transition="issue")
    badge.expiry_date = date(2099, 2, 28)
    badge.reindexObject()
    IAnnotations(portal)[careers_apply.LAST_RUN_KEY] = date(2099, 2, 28)
    return files, act, badge


def test_every_task_in_order(portal, testdata):
    files, _act, badge = _setup(portal, testdata)
    before = files["pn_validated2"].position
    assert _indexed(portal, files["pn_validated2"]) == date(2027, 9, 15)
    with clock_on(DAY):  # the badge workflow's guard reads the clock
        results = daily.run(today=DAY, commit=False)
    assert [name for name, _count in results] == [
        "referentials",
        "careers",
        "retirements",
        "badges",
        "evaluations",
    ]
    counts = dict(results)
    assert not daily.failed(results)
    # the version in force: the officiers' age limit 64, dates recomputed
    assert counts["referentials"] == 1
    assert _indexed(portal, files["pn_validated2"]) == date(2029, 9, 15)
    # the act dated DAY is written on its file
    assert counts["careers"] >= 1
    assert files["pn_validated2"].position == "Adjoint au chef de brigade" != before
    # pn_validated (retirement 2027-02-20) gets its proposed act
    assert counts["retirements"] >= 1
    proposed = [
        act
        for act in files["pn_validated"].objectValues()
        if getattr(act, "event_type", None) == "retirement"
    ]
    assert [api.content.get_state(act) for act in proposed] == ["pending"]
    # the badge past its expiry date
    assert counts["badges"] >= 1
    assert api.content.get_state(badge) == "expired"
    lines = daily.report(results)
    assert lines[0] == "Référentiels : 1 version(s) entrée(s) en vigueur."
    assert lines[1] == (
        f"Actes de carrière appliqués : {counts['careers']} dossier(s) mis à jour."
    )
    assert lines[2] == (
        f"Départs à la retraite proposés : {counts['retirements']} acte(s) en "
        "attente de validation."
    )
    assert lines[3] == f"Cartes expirées : {counts['badges']}."
    # re-runnable: the same day again does nothing new
    with clock_on(DAY):
        again = dict(daily.run(today=DAY, commit=False))
    assert again == {
        "referentials": 0,
        "careers": 0,
        "retirements": 0,
        "badges": 0,
        "evaluations": 0,
    }


def test_a_failing_task_is_reported_and_the_others_run(portal, testdata, monkeypatch):
    files, _act, badge = _setup(portal, testdata)
    before = files["pn_validated2"].position

    def broken(**kwargs):
        files["pn_validated2"].position = "écrit puis annulé"
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(careers_apply, "apply_due", broken)
    with clock_on(DAY):
        results = daily.run(today=DAY, commit=False)
    assert daily.failed(results)
    outcomes = dict(results)
    assert isinstance(outcomes["careers"], RuntimeError)
    # what the failing task wrote is rolled back
    assert files["pn_validated2"].position == before
    # the tasks before and after it ran
    assert outcomes["referentials"] == 1
    assert outcomes["retirements"] >= 1
    assert api.content.get_state(badge) == "expired"
    assert daily.report(results)[1] == (
        "ÉCHEC de la tâche « actes de carrière » : RuntimeError: base "
        "indisponible (les autres tâches ont été exécutées)."
    )
    # The integration layer's site manager is based on a registry below the
    # one the policy's translations are registered in; outside the site (as
    # the global registry the script's process has) they are found.
    with site(None):
        english = daily.report(results, language="en")
    assert english[1].startswith('FAILED task "career acts": RuntimeError')
    assert english[3].startswith("Badges expired: ")
