"""Versioning (CMFEditions) of files and the @@historique view."""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.dexterity.utils import createContentInContainer
import pytest
from tests.content.helpers import create_file
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent


def repository():
    return api.portal.get_tool("portal_repository")


def history_length(obj):
    with api.env.adopt_roles(["Manager"]):
        history = repository().getHistoryMetadata(obj)
        return history.getLength(countPurged=False) if history else 0


def label(title):
    """The French label of a field title (a Message with a French default)."""
    return translate(title, target_language="fr")


def edit(obj, user, **changes):
    """Change fields as ``user`` would through a form: set, then notify."""
    with api.env.adopt_user(username=user):
        for name, value in changes.items():
            setattr(obj, name, value)
        notify(ObjectModifiedEvent(obj))


@pytest.fixture
def validated(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


@pytest.fixture
def history_view(portal):
    def render(obj, user):
        """(versions, transitions, html) of the view as ``user`` sees it."""
        login(portal, user)
        try:
            view = obj.restrictedTraverse("@@historique")
            return view.versions(), view.transitions(), view()
        finally:
            logout()

    return render


class TestVersions:
    def test_new_file_has_version_0(self, portal):
        obj = create_file(portal)
        assert history_length(obj) == 1
        assert obj.version_id == 0
        with api.env.adopt_roles(["Manager"]):
            metadata = repository().getHistoryMetadata(obj).retrieve(0)["metadata"]
        assert metadata["sys_metadata"]["principal"] == "clerk.pn"

    def test_testdata_files_have_a_first_version(self, portal, testdata):
        for name in testdata.FILES:
            assert (
                history_length(portal.unrestrictedTraverse(testdata.path_of(name))) == 1
            )

    def test_new_record_has_version_0(self, portal):
        obj = create_file(portal)
        with api.env.adopt_user(username="clerk.pn"):
            event = createContentInContainer(
                obj,
                "CareerEvent",
                event_type="training",
                event_date=date(2019, 3, 1),
            )
        assert history_length(event) == 1

    def test_hr_manager_edit_of_validated_file_is_a_new_version(self, validated):
        assert api.content.get_state(validated) == "validated"
        before = history_length(validated)
        edit(validated, "hrmanager.pn", position="Chef de la brigade des mœurs")
        assert history_length(validated) == before + 1
        with api.env.adopt_roles(["Manager"]):
            history = repository().getHistoryMetadata(validated)
            last = history.retrieve(history.getLength(countPurged=False) - 1)
        assert last["metadata"]["sys_metadata"]["principal"] == "hrmanager.pn"

    def test_every_edit_grows_the_history(self, validated):
        before = history_length(validated)
        edit(validated, "hrmanager.pn", position="Adjoint")
        edit(validated, "hrmanager.pn", children_count=5)
        edit(validated, "hrmanager.pn", grade="officier-1")
        assert history_length(validated) == before + 3

    def test_clerk_edit_of_draft_is_a_new_version(self, portal, testdata):
        draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
        before = history_length(draft)
        edit(draft, "clerk.pn", birth_place="Kati")
        assert history_length(draft) == before + 1

    def test_old_version_keeps_old_value(self, validated):
        old = validated.position
        edit(validated, "hrmanager.pn", position="Nouveau poste")
        with api.env.adopt_roles(["Manager"]):
            first = repository().retrieve(validated, 0).object
        assert first.position == old
        assert validated.position == "Nouveau poste"


class TestHistoryView:
    def test_lists_each_version_with_actor(self, validated, history_view):
        edit(validated, "hrmanager.pn", position="Chef de poste adjoint")
        edit(validated, "hrmanager.pn", children_count=9)
        versions, _transitions, html = history_view(validated, "hrmanager.pn")
        assert [v["version"] for v in versions] == [2, 1, 0]  # newest first
        assert [v["actor"] for v in versions] == [
            "hrmanager.pn",
            "hrmanager.pn",
            "clerk.pn",
        ]
        assert html.count('class="sirhp-version') == 3
        assert "hrmanager.pn" in html and "clerk.pn" in html

    def test_changed_field_with_old_and_new_value(self, validated, history_view):
        old = validated.position
        edit(validated, "hrmanager.pn", position="Chef de poste adjoint")
        versions, _transitions, html = history_view(validated, "hrmanager.pn")
        latest = versions[0]
        assert latest["actor"] == "hrmanager.pn"
        changes = {label(c["title"]): (c["old"], c["new"]) for c in latest["changes"]}
        assert changes == {"Fonction / poste": (old, "Chef de poste adjoint")}
        assert "Fonction / poste" in html
        assert f"<td>{old}</td><td>Chef de poste adjoint</td>" in html

    def test_vocabulary_and_date_fields(self, validated, history_view):
        old_hire = validated.hire_date
        edit(
            validated,
            "hrmanager.pn",
            hire_date=date(2006, 1, 2),
            languages=["fr", "bm", "ar"],
        )
        versions, _transitions, _html = history_view(validated, "hrmanager.pn")
        changes = {
            label(c["title"]): (c["old"], c["new"]) for c in versions[0]["changes"]
        }
        assert changes["Date d'entrée en service"] == (
            old_hire.strftime("%d/%m/%Y"),
            "02/01/2006",
        )
        assert changes["Langues parlées"] == (
            "Français, Bambara",
            "Français, Bambara, Arabe",
        )
        assert len(changes) == 2

    def test_first_version_lists_the_initial_values(self, portal, history_view):
        obj = create_file(portal)
        versions, _transitions, _html = history_view(obj, "clerk.pn")
        (first,) = versions
        titles = {label(c["title"]) for c in first["changes"]}
        assert {"Matricule", "Nom", "Prénoms"} <= titles
        assert all(c["old"] == "" for c in first["changes"])

    def test_sensitive_changes_hidden_from_clerks(self, validated, history_view):
        edit(validated, "hrmanager.pn", blood_group="AB-", medical_notes="Note secrète")
        versions, _transitions, html = history_view(validated, "hrmanager.pn")
        titles = {label(c["title"]) for c in versions[0]["changes"]}
        assert "Observations médicales" in titles
        assert "Note secrète" in html
        versions, _transitions, html = history_view(validated, "clerk.pn")
        titles = {label(c["title"]) for v in versions for c in v["changes"]}
        assert "Observations médicales" not in titles
        assert "Groupe sanguin" not in titles
        assert "Note secrète" not in html

    def test_transitions_listed(self, validated, history_view):
        _versions, transitions, html = history_view(validated, "reviewer.pn")
        actions = [(t["action"], t["actor"]) for t in transitions]
        assert actions == [("validate", "reviewer.pn"), ("submit", "clerk.pn")]
        assert "Conforme aux pièces." in html

    def test_refused_to_the_officer(self, portal, validated):
        from AccessControl import Unauthorized

        login(portal, validated.matricule)
        try:
            with pytest.raises(Unauthorized):
                validated.restrictedTraverse("@@historique")
        finally:
            logout()


class TestOverHTTP:
    """The same through the REST API and the published view (functional layer)."""

    def test_rest_patch_creates_a_version_shown_in_historique(
        self, functional, testdata
    ):
        import requests
        import transaction

        portal = functional["portal"]
        url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
        session = requests.Session()
        session.auth = ("hrmanager.pn", testdata.PASSWORD)
        session.headers["Accept"] = "application/json"

        def versions():
            response = session.get(f"{url}/@history")
            assert response.status_code == 200, response.text
            return [e for e in response.json() if e.get("type") == "versioning"]

        before = versions()
        # Validated: the HR manager's PATCH is a change request (202) ...
        response = session.patch(
            url, json={"emergency_contact": "Chef du bureau des plaintes"}
        )
        assert response.status_code == 202, response.text
        assert versions() == before
        # ... a reviewer approves it: one new version, naming both.
        approved = requests.post(
            f"{response.headers['Location']}/@workflow/approve",
            json={"comment": "Conforme"},
            auth=("reviewer.pn", testdata.PASSWORD),
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert approved.status_code == 200, approved.text
        after = versions()
        assert len(after) == len(before) + 1
        newest = max(after, key=lambda e: e["version"])
        assert "hrmanager.pn" in newest["comments"]
        assert "reviewer.pn" in newest["comments"]

        transaction.begin()  # see what the server committed
        obj = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
        assert obj.emergency_contact == "Chef du bureau des plaintes"
        assert history_length(obj) == len(after)

        html = session.get(f"{url}/@@historique", headers={"Accept": "text/html"}).text
        assert "Chef du bureau des plaintes" in html
        assert "Fonction / poste" in html
        assert "hrmanager.pn" in html
        session.close()
