"""The "Référentiels RH" control panel (@@referentiels-rh)."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest

FIELDS = ("corps", "grades", "skills", "document_types")


def current():
    return {name: api.portal.get_registry_record(f"sirhp.{name}") for name in FIELDS}


def submit(context, **changes):
    """Post the form on ``context`` with the current lines, some replaced."""
    request = context.REQUEST
    values = current()
    values.update(changes)
    for name, lines in values.items():
        request.form[f"form.widgets.{name}"] = "\n".join(lines)
    request.form["form.buttons.save"] = "Enregistrer"
    view = context.restrictedTraverse("@@referentiels-rh")
    return view()


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


class TestAccess:
    def test_manager_opens_it(self, manager):
        html = manager.restrictedTraverse("@@referentiels-rh")()
        assert "Référentiels RH" in html
        for name in FIELDS:
            assert f'name="form.widgets.{name}"' in html
        assert "commissaires|Corps des commissaires de police" in html

    def test_configlet(self, manager):
        configlets = api.portal.get_tool("portal_controlpanel").listActions()
        action = next(a for a in configlets if a.getId() == "sirhp-referentiels")
        assert action.permissions == ("sirhp: Manage HR vocabularies",)

    @pytest.mark.parametrize(
        "user", ["clerk.pn", "reviewer.pn", "commander.pn", "auditor"]
    )
    def test_refused_to_others(self, portal, user):
        login(portal, user)
        try:
            with pytest.raises(Unauthorized):
                portal.restrictedTraverse("@@referentiels-rh")
            with pytest.raises(Unauthorized):
                portal["police-nationale"].restrictedTraverse("@@referentiels-rh")
        finally:
            logout()

    def test_anonymous_refused(self, portal):
        logout()
        with pytest.raises(Unauthorized):
            portal.restrictedTraverse("@@referentiels-rh")

    def test_hr_manager_opens_it_in_the_agency(self, portal):
        login(portal, "hrmanager.pn")
        try:
            html = portal["police-nationale"].restrictedTraverse("@@referentiels-rh")()
            assert "Référentiels RH" in html
        finally:
            logout()

    def test_hr_manager_of_ocs_not_in_pn(self, portal):
        login(portal, "hrmanager.ocs")
        try:
            with pytest.raises(Unauthorized):
                portal["police-nationale"].restrictedTraverse("@@referentiels-rh")
        finally:
            logout()


class TestSave:
    def test_valid_lines_saved(self, manager):
        skills = current()["skills"] + ["drones|Pilotage de drones"]
        html = submit(manager, skills=skills)
        assert "Modifications enregistrées" in html
        assert api.portal.get_registry_record("sirhp.skills") == skills
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        vocab = getUtility(IVocabularyFactory, "sirhp.content.skills")(manager)
        assert vocab.getTerm("drones").title == "Pilotage de drones"

    @pytest.mark.parametrize(
        "line,message",
        [
            ("Mauvais Code|Libellé", "Code invalide"),
            ("sans-libelle", "attendu code|Libellé"),
            ("|Libellé seul", "attendu code|Libellé"),
            ("tir|Doublon", "Code en double"),
        ],
    )
    def test_invalid_line_rejected(self, manager, line, message):
        before = current()
        html = submit(manager, skills=before["skills"] + [line])
        assert message in html
        assert "Modifications enregistrées" not in html
        assert current() == before

    def test_hr_manager_saves_in_the_agency(self, portal):
        login(portal, "hrmanager.pn")
        try:
            corps = current()["corps"] + ["cadets|Élèves"]
            html = submit(portal["police-nationale"], corps=corps)
        finally:
            logout()
        assert "Modifications enregistrées" in html
        assert api.portal.get_registry_record("sirhp.corps") == corps
