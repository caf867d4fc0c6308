"""Who may not see, create or decide change requests (REST and pages)."""

from plone import api
import pytest
import requests
from sirhp.content.changes import api as changes
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def pending(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="clerk.pn"):
        request = changes.propose(
            target=file, changes={"birth_place": "Kati"}, justification="Acte joint"
        )
    transaction.commit()
    return request


def _auth(testdata, user):
    if user == "officer":
        user = testdata.FILES["pn_validated"]
    if user == "other_officer":
        user = testdata.FILES["pn_validated2"]
    return (user, testdata.PASSWORD)


@pytest.mark.parametrize(
    "user",
    [
        "clerk.pn",
        "reviewer.ocs",
        "hrmanager.ocs",
        "commander.pn",
        "auditor",
        "officer",
        "other_officer",
    ],
)
def test_cannot_approve(functional, testdata, pending, user):
    response = requests.post(
        f"{pending.absolute_url()}/@workflow/approve",
        json={"comment": "ok"},
        auth=_auth(testdata, user),
        headers=JSON,
        timeout=30,
    )
    assert 400 <= response.status_code < 500, (user, response.status_code)
    transaction.begin()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert file.birth_place != "Kati"
    assert api.content.get_state(pending) == "pending"


@pytest.mark.parametrize(
    "user",
    ["officer", "other_officer", "clerk.ocs", "reviewer.ocs", "commander.pn", None],
)
def test_cannot_read_staff_request(functional, testdata, pending, user):
    auth = _auth(testdata, user) if user else None
    for url in (pending.absolute_url(), f"{pending.absolute_url()}/@change-diff"):
        for headers in (JSON, {}):
            response = requests.get(
                url, auth=auth, headers=headers, timeout=30, allow_redirects=False
            )
            assert response.status_code in (302, 401, 403, 404), (
                user,
                url,
                response.status_code,
            )
            assert "Kati" not in response.text


def test_reviewer_sees_diff_and_conflict(functional, testdata, pending):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="hrmanager.pn"):
        changes.propose(
            target=file,
            changes={"birth_place": "Koulikoro"},
            justification="Autre acte",
        )
    transaction.commit()
    diff = requests.get(
        f"{pending.absolute_url()}/@change-diff",
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    ).json()
    assert diff["fields"][0]["field"] == "birth_place"
    assert diff["fields"][0]["proposed"] == "Kati"
    assert diff["fields"][0]["current"] == file.birth_place
    assert len(diff["conflicts"]) == 1 and diff["conflicts"][0]["fields"] == [
        "birth_place"
    ]
    page = requests.get(
        pending.absolute_url(), auth=_auth(testdata, "reviewer.pn"), timeout=30
    )
    assert 'id="change-conflicts"' in page.text


def test_queue_per_agency(functional, testdata, pending):
    base = functional["portal"].absolute_url()
    pn = requests.get(
        f"{base}/@change-requests",
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    ).json()
    assert pending.absolute_url() in [i["@id"] for i in pn["items"]]
    ocs = requests.get(
        f"{base}/@change-requests",
        auth=_auth(testdata, "reviewer.ocs"),
        headers=JSON,
        timeout=30,
    ).json()
    assert pending.absolute_url() not in [i["@id"] for i in ocs["items"]]
    assert all(i["agency"] == "ocs" for i in ocs["items"])
    only = requests.get(
        f"{base}/@change-requests",
        params={"type": "ChangeRequest"},
        auth=_auth(testdata, "reviewer.pn"),
        headers=JSON,
        timeout=30,
    ).json()
    assert {i["@type"] for i in only["items"]} == {"ChangeRequest"}
    assert (
        requests.get(f"{base}/@change-requests", headers=JSON, timeout=30).status_code
        == 401
    )
    page = requests.get(
        f"{base}/@@a-valider", auth=_auth(testdata, "reviewer.pn"), timeout=30
    )
    assert pending.absolute_url() in page.text


@pytest.mark.parametrize(
    "user", ["reviewer.pn", "clerk.ocs", "commander.pn", "auditor", "other_officer"]
)
def test_cannot_create_request(functional, testdata, user):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}/@change-requests"
    response = requests.post(
        url,
        json={"changes": {"birth_place": "Kati"}, "justification": "x"},
        auth=_auth(testdata, user),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code in (401, 403, 404), (user, response.status_code)
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


def test_officer_creates_over_rest_with_attachment(functional, testdata):
    from base64 import b64encode
    from tests.documents import files

    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}/@change-requests"
    response = requests.post(
        url,
        json={
            "changes": {"birth_place": "Kati"},
            "justification": "Acte de naissance joint",
            "attachment": {
                "data": b64encode(files.text_pdf()).decode(),
                "filename": "acte.pdf",
            },
        },
        auth=_auth(testdata, "officer"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 201, response.text
    assert response.json()["kind"] == "officer"
    bad = requests.post(
        url,
        json={
            "changes": {"birth_place": "Kati"},
            "justification": "x",
            "attachment": {"data": b64encode(b"<html>").decode()},
        },
        auth=_auth(testdata, "officer"),
        headers=JSON,
        timeout=30,
    )
    assert bad.status_code == 400 and "HTML" in bad.json()["message"]
    listing = requests.get(
        url, auth=_auth(testdata, "officer"), headers=JSON, timeout=30
    ).json()
    assert listing["items_total"] == 1


def test_generic_add_of_empty_request_refused(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    response = requests.post(
        url,
        json={"@type": "ChangeRequest", "justification": "x"},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code in (400, 403)
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


def test_clerk_edit_form_on_validated_file_makes_a_request(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}/edit"
    session = requests.Session()
    session.auth = _auth(testdata, "clerk.pn")
    form = session.get(url, timeout=30)
    assert form.status_code == 200
    data = _form_fields(form.text, form_id="form")
    data["form.buttons.save"] = "Enregistrer"
    data["form.widgets.emergency_contact"] = "Awa Traoré, 76 00 00 00"
    data["form.widgets.sirhp_justification"] = "Fiche de renseignements du 02/11/2026"
    response = session.post(url, data=data, timeout=30)
    assert response.status_code == 200
    transaction.begin()
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert file.emergency_contact != "Awa Traoré, 76 00 00 00"
    requests_ = [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]
    import re as _re

    errors = _re.findall(
        r"class=\"invalid-feedback[^>]*>([^<]*)<|class=\"portalMessage[^>]*>(.*?)</",
        response.text,
        _re.S,
    )
    assert len(requests_) == 1, errors
    assert requests_[0].proposed.get("emergency_contact") == ("Awa Traoré, 76 00 00 00")
    assert "Demande de modification enregistrée" in response.text


def _form_fields(html, form_id):
    """What a browser would submit from the form ``form_id`` (no button)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside = False
            self.data = {}
            self.select = None
            self.textarea = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form":
                self.inside = attrs.get("id") == form_id
            if not self.inside:
                return
            name = attrs.get("name")
            if (
                tag == "input"
                and name
                and attrs.get("type")
                not in (
                    "submit",
                    "button",
                    "file",
                    "checkbox",
                    "radio",
                )
            ):
                self.data[name] = attrs.get("value") or ""
            elif tag == "input" and name and attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value") or "on")
            elif tag == "select" and name:
                self.select = name
                self.data.setdefault(name, [])
            elif tag == "option" and self.select and "selected" in attrs:
                self.data[self.select].append(attrs.get("value") or "")
            elif tag == "textarea" and name:
                self.textarea = name
                self.data[name] = ""

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, text):
            if self.textarea:
                self.data[self.textarea] += text

    parser = Parser()
    parser.feed(html)
    return parser.data


@pytest.mark.parametrize("user", ["clerk2.pn", "reviewer.pn", "officer"])
def test_only_the_requester_withdraws(functional, testdata, pending, user):
    response = requests.post(
        f"{pending.absolute_url()}/@workflow/withdraw",
        json={},
        auth=_auth(testdata, user),
        headers=JSON,
        timeout=30,
    )
    assert 400 <= response.status_code < 500, (user, response.status_code)
    transaction.begin()
    assert api.content.get_state(pending) == "pending"
    own = requests.post(
        f"{pending.absolute_url()}/@workflow/withdraw",
        json={},
        auth=_auth(testdata, "clerk.pn"),
        headers=JSON,
        timeout=30,
    )
    assert own.status_code == 200, own.text


@pytest.mark.parametrize("user", ["clerk.pn", "clerk2.pn", "auditor"])
def test_only_reviewers_rebase(functional, testdata, pending, user):
    session = requests.Session()
    session.auth = _auth(testdata, user)
    from plone.protect.authenticator import createToken

    with api.env.adopt_user(username=_auth(testdata, user)[0]):
        token = createToken()  # a valid CSRF token: only the permission decides
    before = pending.base_version
    response = session.post(
        pending.absolute_url(),
        data={"_authenticator": token, "rebase": "1"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code in (302, 401, 403, 404)
    assert "require_login" in response.headers.get("Location", "require_login")
    transaction.begin()
    assert pending.base_version == before


def test_reviewer_rebases(functional, testdata, pending):
    """Control of the test above: the same request by a reviewer works."""
    from plone.protect.authenticator import createToken

    with api.env.adopt_user(username="reviewer.pn"):
        token = createToken()
    response = requests.post(
        pending.absolute_url(),
        data={"_authenticator": token, "rebase": "1"},
        auth=_auth(testdata, "reviewer.pn"),
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302
    assert response.headers["Location"] == pending.absolute_url()
