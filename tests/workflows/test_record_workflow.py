"""sirhp_record_workflow on personnel files and their records (integration).

draft -> submit -> pending -> validate -> validated -> archive -> archived,
pending -> reject (comment required) -> draft; four eyes; no skipping;
history; records wait for their file; local roles follow the file's unit.
"""

from AccessControl import Unauthorized
from DateTime import DateTime
from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.api import commanders_group_id
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

WORKFLOW = "sirhp_record_workflow"


@pytest.fixture
def get(portal, testdata):
    def get(name):
        return portal.unrestrictedTraverse(testdata.path_of(name))

    return get


def offered(obj):
    workflow = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow.getTransitionsFor(obj)}


def last_entry(obj):
    return obj.workflow_history[WORKFLOW][-1]


def fire(obj, transition, comment=""):
    api.content.transition(obj=obj, transition=transition, comment=comment)


def login_owner(portal):
    login(portal.aq_parent, SITE_OWNER_NAME)


class TestPaths:
    def test_submit_validate_archive(self, portal, get):
        file = get("pn_draft")
        assert api.content.get_state(file) == "draft"

        login(portal, "clerk.pn")
        assert offered(file) == {"submit"}
        fire(file, "submit")
        assert api.content.get_state(file) == "pending"

        login(portal, "reviewer.pn")
        assert offered(file) == {"validate", "reject"}
        fire(file, "validate", comment="Conforme.")
        assert api.content.get_state(file) == "validated"

        login(portal, "hrmanager.pn")
        assert offered(file) == {"archive"}
        fire(file, "archive", comment="Départ à la retraite.")
        assert api.content.get_state(file) == "archived"

        # archived is final: nothing is offered, even to the HR manager
        assert offered(file) == set()

    def test_reject_sends_back_to_draft_then_resubmit(self, portal, get):
        file = get("pn_pending")
        login(portal, "reviewer.pn")
        fire(file, "reject", comment="Acte de naissance illisible.")
        assert api.content.get_state(file) == "draft"
        assert last_entry(file)["comments"] == "Acte de naissance illisible."

        login(portal, "clerk2.pn")
        fire(file, "submit")
        assert api.content.get_state(file) == "pending"

    def test_hr_manager_may_reject(self, portal, get):
        file = get("pn_pending")
        login(portal, "hrmanager.pn")
        fire(file, "reject", comment="Incomplet.")
        assert api.content.get_state(file) == "draft"

    def test_catalog_follows_state(self, portal, get):
        file = get("pn_draft")
        login(portal, "clerk.pn")
        fire(file, "submit")
        brain = api.content.find(UID=file.UID())[0]
        assert brain.review_state == "pending"


class TestRejectNeedsComment:
    @pytest.mark.parametrize("comment", ["", "   ", "\n\t"])
    def test_reject_without_comment_raises(self, portal, get, comment):
        file = get("pn_pending")
        history_length = len(file.workflow_history[WORKFLOW])
        login(portal, "reviewer.pn")
        assert "reject" in offered(file)  # offered: the comment is checked on firing
        workflow = api.portal.get_tool("portal_workflow")
        with pytest.raises(WorkflowException, match="motif"):
            workflow.doActionFor(file, "reject", comment=comment)
        assert api.content.get_state(file) == "pending"
        assert len(file.workflow_history[WORKFLOW]) == history_length

    def test_reject_without_comment_through_plone_api(self, portal, get):
        file = get("pn_pending")
        login(portal, "reviewer.pn")
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "reject")
        assert api.content.get_state(file) == "pending"

    def test_reject_without_comment_on_a_record(self, portal, get):
        login(portal, "clerk.pn")
        new = api.content.create(
            container=get("pn_validated"),
            type="CareerEvent",
            event_type="assignment",
            event_date=date(2024, 1, 1),
            id="affectation-2024-1",
            reference="Décision n°2024-1",
        )
        fire(new, "submit")
        login(portal, "reviewer.pn")
        workflow = api.portal.get_tool("portal_workflow")
        with pytest.raises(WorkflowException):
            workflow.doActionFor(new, "reject", comment="")
        assert api.content.get_state(new) == "pending"
        fire(new, "reject", comment="Référence erronée.")
        assert api.content.get_state(new) == "draft"


class TestFourEyes:
    def test_submitter_cannot_validate_own_submission(self, portal, get):
        file = get("pn_draft")
        login(portal, "clerkreviewer.pn")
        fire(file, "submit")
        assert api.content.get_state(file) == "pending"
        assert last_entry(file)["actor"] == "clerkreviewer.pn"

        # Not offered ...
        assert "validate" not in offered(file)
        # ... and refused when called anyway
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "validate", comment="Je valide mon propre travail.")
        workflow = api.portal.get_tool("portal_workflow")
        with pytest.raises(WorkflowException):
            workflow.doActionFor(file, "validate")
        # the workflow definition itself (no tool) refuses too
        with pytest.raises(Unauthorized):
            workflow[WORKFLOW].doActionFor(file, "validate")
        assert api.content.get_state(file) == "pending"

        # Another reviewer can
        login(portal, "reviewer.pn")
        assert "validate" in offered(file)
        fire(file, "validate", comment="Conforme.")
        assert api.content.get_state(file) == "validated"
        assert last_entry(file)["actor"] == "reviewer.pn"

    def test_handler_refuses_even_when_the_guard_is_bypassed(self, portal, get):
        """before_transition stops a call that skips the guard (defence in depth)."""
        file = get("pn_draft")
        login(portal, "clerkreviewer.pn")
        fire(file, "submit")
        definition = api.portal.get_tool("portal_workflow")[WORKFLOW]
        with pytest.raises(WorkflowException, match="vous-même soumis"):
            definition._changeStateOf(file, definition.transitions["validate"], {})
        assert api.content.get_state(file) == "pending"

    def test_clerkreviewer_validates_what_someone_else_submitted(self, portal, get):
        file = get("pn_pending")  # submitted by clerk.pn
        assert last_entry(file)["actor"] == "clerk.pn"
        login(portal, "clerkreviewer.pn")
        assert "validate" in offered(file)
        fire(file, "validate")
        assert api.content.get_state(file) == "validated"

    def test_latest_submission_counts(self, portal, get):
        """Rejected, resubmitted by someone else: the first submitter may validate."""
        file = get("pn_draft")
        login(portal, "clerkreviewer.pn")
        fire(file, "submit")
        login(portal, "reviewer.pn")
        fire(file, "reject", comment="À compléter.")
        login(portal, "clerk2.pn")
        fire(file, "submit")
        login(portal, "clerkreviewer.pn")
        assert "validate" in offered(file)
        fire(file, "validate")
        assert api.content.get_state(file) == "validated"

    def test_hr_manager_who_submitted_cannot_validate(self, portal, get):
        file = get("pn_draft")
        login(portal, "hrmanager.pn")
        fire(file, "submit")
        assert "validate" not in offered(file)
        assert "reject" in offered(file)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "validate")
        assert api.content.get_state(file) == "pending"


class TestNoSkipping:
    @pytest.mark.parametrize(
        "user", ["reviewer.pn", "hrmanager.pn", "clerkreviewer.pn"]
    )
    def test_validate_from_draft_impossible(self, portal, get, user):
        file = get("pn_draft")
        login(portal, user)
        assert "validate" not in offered(file)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "validate", comment="Raccourci.")
        assert api.content.get_state(file) == "draft"

    def test_archive_from_pending_impossible(self, portal, get):
        file = get("pn_pending")
        login(portal, "hrmanager.pn")
        assert "archive" not in offered(file)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "archive", comment="Raccourci.")
        assert api.content.get_state(file) == "pending"

    @pytest.mark.parametrize(
        "name,transition",
        [
            ("pn_draft", "validate"),
            ("pn_draft", "reject"),
            ("pn_draft", "archive"),
            ("pn_pending", "submit"),
            ("pn_pending", "archive"),
            ("pn_validated", "submit"),
            ("pn_validated", "validate"),
            ("pn_validated", "reject"),
            ("pn_archived", "submit"),
            ("pn_archived", "validate"),
            ("pn_archived", "reject"),
            ("pn_archived", "archive"),
        ],
    )
    def test_not_even_a_manager_leaves_the_path(self, portal, get, name, transition):
        """manager_bypass is off and each state only has its own exit transitions."""
        file = get(name)
        state = api.content.get_state(file)
        login_owner(portal)
        assert transition not in offered(file)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, transition, comment="Raccourci.")
        assert api.content.get_state(file) == state


class TestHistory:
    def test_each_transition_is_recorded(self, portal, get):
        file = get("pn_draft")
        before = len(file.workflow_history[WORKFLOW])
        start = DateTime()
        steps = [
            ("clerk.pn", "submit", "", "pending"),
            ("reviewer.pn", "reject", "Photo manquante.", "draft"),
            ("clerk2.pn", "submit", "Photo ajoutée.", "pending"),
            ("reviewer.pn", "validate", "Conforme.", "validated"),
            ("hrmanager.pn", "archive", "Mise à la retraite.", "archived"),
        ]
        for user, transition, comment, _state in steps:
            login(portal, user)
            fire(file, transition, comment=comment)
        history = file.workflow_history[WORKFLOW]
        assert len(history) == before + len(steps)
        previous = start
        for entry, (user, transition, comment, state) in zip(
            history[before:], steps, strict=True
        ):
            assert entry["action"] == transition
            assert entry["actor"] == user
            assert entry["comments"] == comment
            assert entry["review_state"] == state
            assert isinstance(entry["time"], DateTime)
            assert start - 1 / 1440 <= entry["time"] <= DateTime()
            assert entry["time"] >= previous
            previous = entry["time"]

    def test_refused_transition_leaves_no_trace(self, portal, get):
        file = get("pn_pending")
        history = list(file.workflow_history[WORKFLOW])
        login(portal, "reviewer.pn")
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "reject", comment="")
        login(portal, "clerk.pn")
        with pytest.raises(api.exc.InvalidParameterError):
            fire(file, "validate", comment="x")
        assert list(file.workflow_history[WORKFLOW]) == history


class TestRecordsWaitForTheirFile:
    def test_career_event_cannot_be_validated_before_its_file(self, portal, get):
        file = get("pn_pending")
        record = file["careerevent"]
        assert record.portal_type == "CareerEvent"
        assert api.content.get_state(record) == "draft"

        login(portal, "clerk.pn")
        fire(record, "submit")
        assert api.content.get_state(record) == "pending"

        login(portal, "reviewer.pn")
        assert "validate" not in offered(record)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(record, "validate", comment="Conforme.")
        assert api.content.get_state(record) == "pending"
        assert "reject" in offered(record)  # rejecting stays possible

        # once the file is validated, so can the record be
        fire(file, "validate", comment="Conforme.")
        assert api.content.get_state(file) == "validated"
        assert "validate" in offered(record)
        fire(record, "validate", comment="Conforme.")
        assert api.content.get_state(record) == "validated"

    def test_career_event_of_a_draft_file(self, portal, get):
        file = get("pn_draft")
        record = file["careerevent"]
        login(portal, "clerk.pn")
        fire(record, "submit")
        login(portal, "hrmanager.pn")
        assert "validate" not in offered(record)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(record, "validate")
        assert api.content.get_state(record) == "pending"

    def test_four_eyes_on_records_too(self, portal, get):
        file = get("pn_validated")
        login(portal, "clerkreviewer.pn")
        record = api.content.create(
            container=file,
            type="CareerEvent",
            event_type="assignment",
            event_date=date(2024, 3, 1),
            id="affectation-2024-2",
            reference="Décision n°2024-2",
        )
        assert api.content.get_state(record) == "draft"
        fire(record, "submit")
        assert "validate" not in offered(record)
        with pytest.raises(api.exc.InvalidParameterError):
            fire(record, "validate")
        login(portal, "reviewer.pn")
        fire(record, "validate")
        assert api.content.get_state(record) == "validated"


class TestLocalRolesFollowTheUnit:
    def _unit(self, portal, path):
        return portal.unrestrictedTraverse(f"police-nationale/{path}")

    def _finds(self, portal, user, uid):
        login(portal, user)
        try:
            return len(api.content.find(UID=uid))
        finally:
            logout()

    def test_officer_and_commanders_on_creation(self, portal, get, testdata):
        file = get("pn_validated")
        roles = dict(file.get_local_roles())
        assert roles[testdata.FILES["pn_validated"]] == ("Officer",)
        c1 = self._unit(portal, "dr-bamako/commissariat-1")
        region = self._unit(portal, "dr-bamako")
        assert roles[commanders_group_id(c1)] == ("UnitCommander",)
        assert roles[commanders_group_id(region)] == ("UnitCommander",)

    def test_unit_change_moves_unit_commander(self, portal, get):
        file = get("pn_validated")
        uid = file.UID()
        old_unit = self._unit(portal, "dr-bamako/commissariat-1")
        old_region = self._unit(portal, "dr-bamako")
        new_unit = self._unit(portal, "dr-kayes/commissariat-kayes")
        new_region = self._unit(portal, "dr-kayes")

        assert self._finds(portal, "commander.pn", uid) == 1
        assert self._finds(portal, "commander2.pn", uid) == 0

        login_owner(portal)
        file.unit = RelationValue(getUtility(IIntIds).getId(new_unit))
        notify(ObjectModifiedEvent(file))
        logout()

        roles = dict(file.get_local_roles())
        assert roles[commanders_group_id(new_unit)] == ("UnitCommander",)
        assert roles[commanders_group_id(new_region)] == ("UnitCommander",)
        assert commanders_group_id(old_unit) not in roles
        assert commanders_group_id(old_region) not in roles
        # the rest is untouched
        assert roles[file.matricule] == ("Officer",)
        assert roles["clerk.pn"] == ("Owner",)

        # The catalog knows at once
        assert self._finds(portal, "commander2.pn", uid) == 1
        assert self._finds(portal, "commander.pn", uid) == 0
        # and so do the permissions
        assert api.user.has_permission("View", username="commander2.pn", obj=file)
        assert not api.user.has_permission("View", username="commander.pn", obj=file)

    def test_unit_change_reindexes_the_records_too(self, portal, get):
        file = get("pn_validated")
        records = [r.UID() for r in file.objectValues()]
        assert records
        new_unit = self._unit(portal, "dr-kayes/commissariat-kayes")
        login_owner(portal)
        file.unit = RelationValue(getUtility(IIntIds).getId(new_unit))
        notify(ObjectModifiedEvent(file))
        logout()
        for uid in records:
            assert self._finds(portal, "commander2.pn", uid) == 1
            assert self._finds(portal, "commander.pn", uid) == 0

    def test_commanders_see_validated_files_only(self, portal, get):
        """Moving a draft to Kayes gives the role, not the sight of the draft."""
        file = get("pn_draft")
        new_unit = self._unit(portal, "dr-kayes/commissariat-kayes")
        login_owner(portal)
        file.unit = RelationValue(getUtility(IIntIds).getId(new_unit))
        notify(ObjectModifiedEvent(file))
        logout()
        assert (
            "UnitCommander"
            in dict(file.get_local_roles())[commanders_group_id(new_unit)]
        )
        assert self._finds(portal, "commander2.pn", file.UID()) == 0
        assert not api.user.has_permission("View", username="commander2.pn", obj=file)

    def test_unit_removed(self, portal, get):
        file = get("pn_validated")
        login_owner(portal)
        file.unit = None
        notify(ObjectModifiedEvent(file))
        logout()
        roles = dict(file.get_local_roles())
        assert not [p for p, r in roles.items() if "UnitCommander" in r]
        assert self._finds(portal, "commander.pn", file.UID()) == 0
