"""Content 1012 -> 1013 through portal_setup on a site of the previous
profile: an elimination reason the eliminatory mark stored in English (a
script's request read English) is stored in French; a reason a recruiter
typed, and one already French, are left alone; twice (re-runnable)."""

from plone import api
from plone.app.testing import login
from sirhp.content.recruitment import api as recruitment
from tests.recruitment.campaigns import new_concours
from tests.recruitment.conftest import candidate_data
from tests.recruitment.conftest import NINAS
from tests.upgrades import latest

CONTENT = "sirhp.content:default"


def test_from_the_previous_profile(portal, testdata):
    setup = portal.portal_setup
    login(portal, "recruiter.pn")
    campaign = new_concours(portal, "concours", "Concours d'agents 2026")
    candidates = [
        recruitment.add_candidate(campaign=campaign, **candidate_data(nina))
        for nina in NINAS
    ]
    english, typed, french = candidates
    english.elimination_reason = "Eliminatory mark at stage Épreuves sportives"
    typed.elimination_reason = "Absent à l'épreuve écrite (convocation reçue)."
    french.elimination_reason = "Note éliminatoire à l'épreuve Écrit"
    for candidate in candidates:
        candidate.reindexObject()
    with api.env.adopt_roles(["Manager"]):
        for _ in range(2):
            setup.setLastVersionForProfile(CONTENT, "1012")
            assert [s["sdest"] for s in setup.listUpgrades(CONTENT)] == ["1013"]
            setup.upgradeProfile(CONTENT)
            assert english.elimination_reason == (
                "Note éliminatoire à l'épreuve Épreuves sportives"
            )
            assert typed.elimination_reason == (
                "Absent à l'épreuve écrite (convocation reçue)."
            )
            assert french.elimination_reason == "Note éliminatoire à l'épreuve Écrit"
    assert setup.getLastVersionForProfile(CONTENT) == latest(setup, CONTENT)
