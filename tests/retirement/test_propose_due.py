"""The retirement act the system proposes on the date (``propose_due``):
which files, the act, re-runnable, journaled, any reviewer validates it,
and the chain propose -> validate -> status retired -> badge revoked.
Explicit dates only (the known dates of ``conftest``)."""

from datetime import date
from plone import api
from plone.app.testing import login
from sirhp.content.badges.api import print_batch
from sirhp.content.retirement import api as retirement
from sirhp.policy.workflow.guards import last_actor
from tests.clock import clock_on
from tests.security.audit_helpers import pending

# pn_validated retires on 2027-02-20, ocs_validated on 2027-03-01
DAY = date(2027, 2, 20)


def _proposed_files(acts):
    return {act.aq_parent.matricule for act in acts}


def test_the_act_proposed_on_the_date(portal, known_files):
    file = known_files["pn_validated"]
    assert file.matricule not in _proposed_files(
        retirement.propose_due(today=date(2027, 2, 19))
    )
    acts = [
        act
        for act in retirement.propose_due(today=DAY)
        if act.aq_parent.matricule == file.matricule
    ]
    assert len(acts) == 1
    act = acts[0]
    assert act.event_type == "retirement"
    assert act.event_date == date(2027, 2, 20)
    assert act.resulting_status == "retired"
    assert act.reference == retirement.PROPOSAL_REFERENCE
    assert act.reference == (
        "Admission à la retraite (limite d'âge) — proposée par SIRHP"
    )
    assert api.content.get_state(act) == "pending"
    assert last_actor(act, "submit") == retirement.SYSTEM_ACTOR
    assert act.listCreators() == (retirement.SYSTEM_ACTOR,)
    # the file is not written before a reviewer validates the act
    assert file.status == "active"


def test_who_is_left_out(portal, known_files):
    matricules = _proposed_files(retirement.propose_due(today=DAY))
    # not yet due; not validated; already retired (and archived)
    for name in ("ocs_validated", "pn_pending", "pn_archived", "pn_draft"):
        assert known_files[name].matricule not in matricules
    # a departed officer whose file is still validated
    file = known_files["ocs_validated"]
    file.status = "deceased"
    file.reindexObject()
    later = _proposed_files(retirement.propose_due(today=date(2027, 3, 1)))
    assert file.matricule not in later


def test_re_runnable(portal, known_files):
    file = known_files["pn_validated"]
    assert file.matricule in _proposed_files(retirement.propose_due(today=DAY))
    assert retirement.propose_due(today=DAY) == []
    assert file.matricule not in _proposed_files(
        retirement.propose_due(today=date(2027, 6, 1))
    )


def test_an_existing_retirement_act_counts_in_any_state(portal, known_files):
    file = known_files["pn_validated"]
    login(portal, "clerk.pn")
    api.content.create(
        container=file,
        type="CareerEvent",
        id="retraite-saisie",
        event_type="retirement",
        event_date=date(2027, 2, 20),
        resulting_status="retired",
    )
    assert file.matricule not in _proposed_files(retirement.propose_due(today=DAY))


def test_journaled(portal, known_files):
    file = known_files["pn_validated"]
    retirement.propose_due(today=DAY)
    # queued: written with the act, at the commit
    events = pending("careers.retirement_proposed", matricule=file.matricule)
    assert events, "no journal line"
    assert events[0]["detail"] == (f"{retirement.PROPOSAL_REFERENCE} : 2027-02-20")


def test_any_reviewer_validates_then_the_file_and_badge_follow(portal, known_files):
    file = known_files["pn_validated"]
    login(portal, "clerk.pn")
    badge = api.content.create(container=file, type="Badge", id="carte")
    print_batch(badges=[badge])
    api.content.transition(obj=badge, transition="issue")
    assert api.content.get_state(badge) == "issued"
    (act,) = [
        act
        for act in retirement.propose_due(today=DAY)
        if act.aq_parent.matricule == file.matricule
    ]
    # the clerk who files acts is not the submitter, but validates nothing
    login(portal, "clerk.pn")
    assert not api.user.has_permission("sirhp: Transition: validate", obj=act)
    login(portal, "reviewer.pn")
    transitions = [
        t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(act)
    ]
    assert "validate" in transitions
    # the reviewer validates it the next day: the act, in effect, writes the file
    with clock_on(date(2027, 2, 21)):
        api.content.transition(obj=act, transition="validate", comment="Conforme.")
    assert api.content.get_state(act) == "validated"
    assert file.status == "retired"
    brain = api.content.find(UID=file.UID(), unrestricted=True)[0]
    assert brain.personnel_status == "retired"
    assert api.content.get_state(badge) == "revoked"
    assert badge.revocation_reason == "departure"
