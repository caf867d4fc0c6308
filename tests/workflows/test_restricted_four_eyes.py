"""Four eyes on restricted documents (medical certificate) without a dead end.

hrmanager.pn is the only HR manager of the Police nationale in the test
data. What that HR manager submits is validated by a site administrator;
with a second HR manager in the agency, by that one (the administrator no
longer). The submitter never; the medical document stays out of the
reviewers' sight. A refusal says why, in French, on the page and over REST;
the submission says who will validate.
"""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
import re
import requests
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import last_id
import transaction

JSON = {"Accept": "application/json"}
ADMIN_NOTICE = (
    "Aucun autre gestionnaire RH dans l'agence : un administrateur du site "
    "validera cette pièce."
)
OWN = "Vous ne pouvez pas valider ce que vous avez vous-même soumis."


def _offered(obj):
    workflow = api.portal.get_tool("portal_workflow")
    return {t["id"] for t in workflow.getTransitionsFor(obj)}


def _certificate(file, author="hrmanager.pn", submit=True):
    with api.env.adopt_user(username=author):
        doc = api.content.create(
            container=file,
            type="ScannedDocument",
            id="certificat",
            safe_id=True,
            document_type="certificat-medical",
            file=NamedBlobFile(data=tiny_pdf(["Certificat"]), filename="c.pdf"),
        )
        if submit:
            api.content.transition(obj=doc, transition="submit")
    return doc


@pytest.fixture
def second_hr_manager(portal, testdata):
    api.user.create(
        username="hrmanager2.pn", email="hr2@example.ml", password=testdata.PASSWORD
    )
    api.group.add_user(groupname="police-nationale-hr", username="hrmanager2.pn")
    return "hrmanager2.pn"


@pytest.fixture
def certificate(portal, testdata):
    return _certificate(portal.unrestrictedTraverse(testdata.path_of("pn_validated")))


def _may_validate(portal, doc, user):
    login(portal, user)
    try:
        return "validate" in _offered(doc)
    finally:
        logout()


class TestWhoValidates:
    @pytest.mark.parametrize(
        "user, allowed",
        [
            ("hrmanager.pn", False),  # the submitter
            ("siteadmin", True),  # no other HR manager in the agency
            ("reviewer.pn", False),  # may not even see it
            ("clerk.pn", False),
            ("auditor", False),  # reads, never decides
            ("hrmanager.ocs", False),  # another agency
        ],
    )
    def test_only_hr_manager_submitted(self, portal, certificate, user, allowed):
        assert _may_validate(portal, certificate, user) is allowed

    def test_administrator_validates_and_it_is_journaled(self, portal, certificate):
        login(portal, "siteadmin")
        api.content.transition(obj=certificate, transition="validate")
        logout()
        assert api.content.get_state(certificate) == "validated"
        entry = certificate.workflow_history["sirhp_record_workflow"][-1]
        assert (entry["action"], entry["actor"]) == ("validate", "siteadmin")

    @pytest.mark.parametrize(
        "user, allowed",
        [
            ("hrmanager2.pn", True),
            ("hrmanager.pn", False),
            ("siteadmin", False),  # another HR manager can: not the administrator
            ("reviewer.pn", False),
        ],
    )
    def test_second_hr_manager_validates(
        self, portal, second_hr_manager, certificate, user, allowed
    ):
        assert _may_validate(portal, certificate, user) is allowed

    def test_submitter_refused_even_directly(self, portal, certificate):
        login(portal, "hrmanager.pn")
        workflow = api.portal.get_tool("portal_workflow")
        with pytest.raises(WorkflowException):
            workflow.doActionFor(certificate, "validate")
        logout()
        assert api.content.get_state(certificate) == "pending"

    def test_reviewers_still_do_not_see_it(self, portal, certificate):
        for user in ("reviewer.pn", "clerk.pn", "commander.pn"):
            assert not api.user.has_permission("View", username=user, obj=certificate)

    def test_ordinary_document_unchanged(self, portal, testdata):
        """An ordinary document: any reviewer but the submitter, as before."""
        file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
        with api.env.adopt_user(username="clerk.pn"):
            doc = api.content.create(
                container=file,
                type="ScannedDocument",
                id="diplome",
                document_type="diplome",
                file=NamedBlobFile(data=tiny_pdf(["Diplôme"]), filename="d.pdf"),
            )
        with api.env.adopt_user(username="clerkreviewer.pn"):
            api.content.transition(obj=doc, transition="submit")
        assert _may_validate(portal, doc, "reviewer.pn")
        assert _may_validate(portal, doc, "siteadmin")
        assert not _may_validate(portal, doc, "clerkreviewer.pn")


# --- what the user reads: the page and REST ---------------------------------


@pytest.fixture
def pending_certificate(functional, testdata):
    portal = functional["portal"]
    transaction.begin()
    doc = _certificate(portal.unrestrictedTraverse(testdata.path_of("pn_validated")))
    transaction.commit()
    return doc


def _text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_refusal_page_says_why(functional, testdata, pending_certificate):
    url = f"{pending_certificate.absolute_url()}/@@sirhp-transition?transition=validate"
    response = requests.get(
        url,
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers={"Accept": "text/html"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403
    text = _text(response.text)
    assert OWN in text
    assert ADMIN_NOTICE in text
    assert "il semble qu'il y ait une erreur" not in text  # not Zope's bare 403


def test_refusal_over_rest_says_why(functional, testdata, pending_certificate):
    response = requests.post(
        f"{pending_certificate.absolute_url()}/@workflow/validate",
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers=JSON,
        json={},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == f"{OWN} {ADMIN_NOTICE}"


def test_refusal_in_english_for_who_chose_it(functional, testdata, pending_certificate):
    response = requests.post(
        f"{pending_certificate.absolute_url()}/@workflow/validate",
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers=JSON,
        cookies={"I18N_LANGUAGE": "en"},
        json={},
        timeout=30,
    )
    message = response.json()["error"]["message"]
    assert "a site administrator will validate this document" in message


def test_submission_says_who_validates(functional, testdata):
    portal = functional["portal"]
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = _certificate(file, submit=False)
    transaction.commit()
    response = requests.post(
        f"{doc.absolute_url()}/@workflow/submit",
        auth=("hrmanager.pn", testdata.PASSWORD),
        headers=JSON,
        json={},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    assert response.json()["notice"] == ADMIN_NOTICE
    # the submission went through; the administrator finds and validates it
    start = last_id()
    admin = requests.Session()
    admin.auth = ("siteadmin", testdata.PASSWORD)
    validated = admin.post(
        f"{doc.absolute_url()}/@workflow/validate", headers=JSON, json={}, timeout=30
    )
    assert validated.status_code == 200, validated.text
    assert validated.json()["review_state"] == "validated"
    journaled = [
        event
        for event in events_since(start, user_id="siteadmin")
        if event["uid"] == doc.UID() and event["detail"] == "validate"
    ]
    assert len(journaled) == 1


def test_submission_page_says_who_validates(functional, testdata):
    portal = functional["portal"]
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = _certificate(file, submit=False)
    transaction.commit()
    session = requests.Session()
    session.auth = ("hrmanager.pn", testdata.PASSWORD)
    url = f"{doc.absolute_url()}/@@sirhp-transition"
    form = session.get(f"{url}?transition=submit", timeout=30).text
    token = form.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        url,
        data={"transition": "submit", "_authenticator": token, "form.submitted": "1"},
        timeout=30,
    )
    assert response.status_code == 200
    assert ADMIN_NOTICE in _text(response.text)
    transaction.begin()
    assert api.content.get_state(doc) == "pending"


def test_other_refusals_say_why_on_the_page(functional, testdata):
    """Any transition not offered: the reason, the state as users name it."""
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    response = requests.get(
        f"{file.absolute_url()}/@@sirhp-transition?transition=submit",
        auth=("clerk.pn", testdata.PASSWORD),
        headers={"Accept": "text/html"},
        timeout=30,
    )
    assert response.status_code == 403
    assert (
        "L'action « submit » n'est pas possible sur cet élément (état « Validé ») "
        "ou vous n'en avez pas le droit." in _text(response.text)
    )
