"""Deployment lists in process (``deployment.lists``): saving re-runs the
search (every page), the French refusals, the workflow's permission map per
state and persona (``sirhp.policy.deployment.access``), the Mon dossier
notice (active, notify, members only), the finder on a unit for its
commanders. Explicit dates only."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.base.errors import SirhpError
from sirhp.content.deployment import api as deployment
from sirhp.content.deployment import lists
from sirhp.content.permissions import AddDeploymentList
from sirhp.content.permissions import SearchDeployment
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.deployment.access import LIST_ADDERS
from sirhp.policy.deployment.access import LIST_RULES
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.security.planted import log_in_as

TODAY = REFERENCE_DATE


def _save(portal, **extra):
    values = {
        "title": "Élections Ségou",
        "purpose": "Sécurisation du scrutin",
        "start": date(2026, 11, 9),
        "end": date(2026, 11, 15),
        "notify": True,
        "query": {"language": "bm", "b_size": "1"},
    }
    values.update(extra)
    return lists.save(context=portal["police-nationale"], today=TODAY, **values)


@pytest.fixture
def saved(portal, known):
    login(portal, "hrmanager.pn")
    return _save(portal)


def test_save_keeps_every_page_and_the_query(portal, testdata, saved):
    files = [portal.unrestrictedTraverse(testdata.path_of(n)) for n in known_names()]
    assert sorted(saved.members) == sorted(f.UID() for f in files)
    assert saved.query == {"language": ["bm"]}  # the batch is not kept
    assert api.content.get_state(obj=saved) == "draft"
    described = lists.describe(deployment_list=saved)
    assert sorted(i["matricule"] for i in described["items"]) == sorted(
        testdata.FILES[n] for n in known_names()
    )


def test_saved_under_its_title_without_a_rename(portal, known, caplog):
    """Named from its title when added (no temporary id renamed): one
    catalog entry, at its path, and no error logged by the catalog."""
    login(portal, "hrmanager.pn")
    with caplog.at_level("ERROR"):
        first = _save(portal)
        second = _save(portal)
        catalog = portal.portal_catalog
        paths = sorted(
            brain.getPath()
            for brain in catalog.unrestrictedSearchResults(portal_type="DeploymentList")
        )
    assert first.getId() == "elections-segou"
    assert second.getId() == "elections-segou-1"
    assert paths == sorted("/".join(obj.getPhysicalPath()) for obj in (first, second))
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []


def known_names():
    return ("pn_validated", "pn_validated2")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"title": " "}, "Indiquez l'intitulé de la liste."),
        ({"purpose": ""}, "Indiquez l'objet du déploiement."),
        (
            {"end": date(2026, 11, 1)},
            "La fin (01/11/2026) précède le début (09/11/2026).",
        ),
        (
            {"start": "demain"},
            "Date invalide pour « start » : « demain » (attendu AAAA-MM-JJ).",
        ),
        (
            {"query": {"language": "klingon"}},
            "Valeur inconnue pour « language » : « klingon ».",
        ),
        (
            {"query": {"language": "ff", "sex": "M"}},
            "La recherche ne trouve aucun agent : rien à enregistrer.",
        ),
    ],
)
def test_refusals_in_french(portal, known, extra, message):
    login(portal, "hrmanager.pn")
    with pytest.raises(SirhpError) as caught:
        _save(portal, **extra)
    assert caught.value.text(portal.REQUEST) == message
    assert not portal.portal_catalog.unrestrictedSearchResults(
        portal_type="DeploymentList"
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_adds_a_list(portal, persona):
    log_in_as(portal, persona)
    allowed = api.user.has_permission(AddDeploymentList, obj=portal["police-nationale"])
    assert allowed is (persona in LIST_ADDERS)


def _map(portal, item):
    workflow = portal.portal_workflow
    transitions = {t["id"] for t in workflow.getTransitionsFor(item)}
    return {
        "view": api.user.has_permission("View", obj=item),
        "edit": api.user.has_permission("Modify portal content", obj=item),
        "activate": "activate" in transitions,
        "close": "close" in transitions,
    }


def _to_state(portal, item, state):
    with api.env.adopt_roles(["Manager"]):
        if state in ("active", "closed"):
            api.content.transition(obj=item, transition="activate")
        if state == "closed":
            api.content.transition(obj=item, transition="close")


@pytest.mark.parametrize("state", tuple(LIST_RULES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_map(portal, saved, state, persona):
    _to_state(portal, saved, state)
    log_in_as(portal, persona)
    expected = {op: persona in who for op, who in LIST_RULES[state].items()}
    assert _map(portal, saved) == expected


def test_activate_needs_members(portal, saved):
    saved.members = []
    login(portal, "hrmanager.pn")
    assert "activate" not in {
        t["id"] for t in portal.portal_workflow.getTransitionsFor(saved)
    }


def _notices(portal, testdata, name):
    file = portal.unrestrictedTraverse(testdata.path_of(name))
    login(portal, testdata.FILES[name])
    return lists.notices(file=file)


def test_notice_only_when_active_notified_and_member(portal, testdata, saved):
    assert _notices(portal, testdata, "pn_validated") == []  # draft
    _to_state(portal, saved, "active")
    (notice,) = _notices(portal, testdata, "pn_validated")
    assert notice == {
        "title": "Élections Ségou",
        "purpose": "Sécurisation du scrutin",
        "start": date(2026, 11, 9),
        "end": date(2026, 11, 15),
    }
    assert _notices(portal, testdata, "ocs_validated") == []  # not a member
    saved.notify = False
    assert _notices(portal, testdata, "pn_validated") == []
    saved.notify = True
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=saved, transition="close")
    assert _notices(portal, testdata, "pn_validated") == []


def test_finder_on_a_unit_for_its_commander(portal, testdata, known):
    agency = portal["police-nationale"]
    own = agency["dr-bamako"]["commissariat-1"]
    other = agency["dr-kayes"]["commissariat-kayes"]
    login(portal, "commander.pn")
    assert api.user.has_permission(SearchDeployment, obj=own)
    assert not api.user.has_permission(SearchDeployment, obj=other)
    assert not api.user.has_permission(SearchDeployment, obj=agency)
    found = deployment.search(agency=own, form={}, today=TODAY, journal=False)
    assert [i["matricule"] for i in found["items"]] == [testdata.FILES["pn_validated"]]
    # the HR manager on the Kayes unit: its files only
    login(portal, "hrmanager.pn")
    found = deployment.search(agency=other, form={}, today=TODAY, journal=False)
    assert [i["matricule"] for i in found["items"]] == [testdata.FILES["pn_validated2"]]
    # asking for a unit outside the one searched finds nobody
    found = deployment.search(
        agency=other, form={"unit": own.UID()}, today=TODAY, journal=False
    )
    assert found["items"] == []
