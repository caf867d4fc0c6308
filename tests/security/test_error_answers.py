"""Errors answered as what they are: no 500 for malformed input (400 or 404,
in French, English for users who chose it), "Privilèges insuffisants" is a
403, a redirection's body says nothing of the page it leaves, and the text
worker's reading of a document is journaled as a text extraction."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
from sirhp.content.documents.worker import Worker
from sirhp.policy.login import totp
from tests.documents import files
from tests.documents.conftest import add_document
from tests.security.audit_helpers import clear_login_failures
from tests.security.audit_helpers import events_since
from tests.security.audit_helpers import last_id
import transaction

JSON = {"Accept": "application/json"}
JSON_BODY = {**JSON, "Content-Type": "application/json"}
HTML = {"Accept": "text/html"}
ENGLISH = {"I18N_LANGUAGE": "en"}
DEEP = '{"title": ' + "[" * 5000 + "]" * 5000 + "}"


@pytest.fixture
def base(functional):
    clear_login_failures()
    return functional["portal"].absolute_url()


def _clerk(testdata):
    return ("clerk.pn", testdata.PASSWORD)


def _json_400(response, french):
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert french in response.json()["message"]


# --- REST ----------------------------------------------------------------------------


def test_deeply_nested_json(base, testdata):
    url = f"{base}/{testdata.path_of('pn_draft')}"
    for auth in (_clerk(testdata), None):  # refused before authentication too
        response = requests.patch(
            url, data=DEEP, auth=auth, headers=JSON_BODY, timeout=30
        )
        _json_400(response, "JSON imbriqué sur plus de 64 niveaux")
    # without a declared type (read after authentication), and below the
    # parser's own limit
    for body in (DEEP, '{"title": ' + "[" * 100 + "]" * 100 + "}"):
        response = requests.patch(
            url,
            data=body.encode(),
            auth=_clerk(testdata),
            headers={**JSON, "Content-Type": ""},
            timeout=30,
        )
        _json_400(response, "JSON imbriqué sur plus de 64 niveaux")
    english = requests.patch(
        url, data=DEEP, auth=_clerk(testdata), headers=JSON_BODY, cookies=ENGLISH
    )
    assert english.status_code == 400
    assert "nested more than 64 levels" in english.json()["message"]
    # an ordinary nesting is still read
    shallow = requests.patch(
        url,
        json={"title": [[["x"]]]},
        auth=_clerk(testdata),
        headers=JSON_BODY,
        timeout=30,
    )
    assert shallow.status_code != 500


@pytest.mark.parametrize(
    "name", ["portal_type", "SearchableText", "sort_limit", "path.depth", "sort_on"]
)
def test_search_with_2000_repeated_parameters(base, testdata, name):
    query = "&".join([f"{name}=1"] * 2000)
    response = requests.get(
        f"{base}/@search?{query}", auth=_clerk(testdata), headers=JSON, timeout=60
    )
    _json_400(response, f"« {name} » : 500 valeurs au plus")


@pytest.mark.parametrize(
    "query",
    [
        "SearchableText=a&SearchableText=b",
        "sort_limit=x",
        "path.depth=x",
        "created=x",
        "modified.query=2020-13-45",
        "created.range=min",
        "SearchableText=[",
    ],
)
def test_search_query_the_catalog_cannot_read(base, testdata, query):
    response = requests.get(
        f"{base}/@search?{query}", auth=_clerk(testdata), headers=JSON, timeout=30
    )
    _json_400(response, "Recherche invalide")


def test_search_in_english(base, testdata):
    response = requests.get(
        f"{base}/@search?created=x",
        auth=_clerk(testdata),
        headers=JSON,
        cookies=ENGLISH,
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("Invalid search")


def test_history_of_a_missing_version(base, testdata):
    url = f"{base}/{testdata.path_of('pn_validated')}/@history"
    auth = ("hrmanager.pn", testdata.PASSWORD)
    missing = requests.get(f"{url}/999", auth=auth, headers=JSON, timeout=30)
    assert missing.status_code == 404
    assert missing.json() == {
        "type": "NotFound",
        "message": "Version introuvable : ce numéro n'existe pas.",
    }
    _json_400(
        requests.get(f"{url}/x", auth=auth, headers=JSON, timeout=30),
        "« version » : nombre entier ≥ 0 attendu.",
    )
    assert requests.get(f"{url}/0", auth=auth, headers=JSON).status_code == 200


# --- Classic UI pages ---------------------------------------------------------------


@pytest.mark.parametrize("auth", [None, "clerk.pn"])
def test_search_page_with_a_bad_batch_start(base, testdata, auth):
    auth = (auth, testdata.PASSWORD) if auth else None
    response = requests.get(
        f"{base}/@@search?b_start=x", auth=auth, headers=HTML, timeout=30
    )
    assert response.status_code == 400
    assert "Requête invalide" in response.text
    assert "« b_start » : nombre entier ≥ 0 attendu." in response.text
    english = requests.get(
        f"{base}/@@search?b_start=x",
        auth=auth,
        headers=HTML,
        cookies=ENGLISH,
        timeout=30,
    )
    assert english.status_code == 400
    assert "Invalid request" in english.text
    assert "integer ≥ 0 expected" in english.text


@pytest.mark.parametrize("query", ["SearchableText=a&SearchableText=b", "created=x"])
def test_search_page_with_unreadable_criteria(base, testdata, query):
    for auth in (None, _clerk(testdata)):
        response = requests.get(
            f"{base}/@@search?{query}", auth=auth, headers=HTML, timeout=30
        )
        assert response.status_code == 400
        assert "Recherche invalide" in response.text


@pytest.mark.parametrize(
    "query", ["q=(", "q=%20((%20)", "q=a&q=b", "du=a&du=b", "type=a&type=b"]
)
def test_document_search_with_unreadable_criteria(base, testdata, query):
    response = requests.get(
        f"{base}/police-nationale/@@recherche-pieces?{query}",
        auth=_clerk(testdata),
        headers=HTML,
        timeout=30,
    )
    assert response.status_code == 400
    assert "Recherche invalide" in response.text
    assert 'name="q"' in response.text  # the form, to correct it


def test_versions_form_of_a_missing_version(base, testdata):
    url = f"{base}/{testdata.path_of('pn_validated')}/versions_history_form"
    auth = ("hrmanager.pn", testdata.PASSWORD)
    missing = requests.get(f"{url}?version_id=999", auth=auth, headers=HTML)
    assert missing.status_code == 404
    assert "Cette page semble ne pas exister" in missing.text
    odd = requests.get(f"{url}?version_id=x", auth=auth, headers=HTML)
    assert odd.status_code == 400
    assert "« version_id » : nombre entier ≥ 0 attendu." in odd.text


@pytest.mark.parametrize(
    "auth", [None, "clerk.pn", "siteadmin", (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)]
)
@pytest.mark.parametrize("method", ["doActionFor", "getInfoFor"])
def test_workflow_tool_methods_are_not_pages(base, testdata, auth, method):
    if isinstance(auth, str):
        auth = (auth, testdata.PASSWORD)
    query = f"ob={testdata.path_of('pn_draft')}&action=submit&name=review_state"
    for headers in (HTML, JSON):
        response = requests.get(
            f"{base}/portal_workflow/{method}?{query}",
            auth=auth,
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 404


def test_insufficient_privileges_is_a_403(base, testdata):
    start = last_id()
    session = requests.Session()
    session.auth = _clerk(testdata)
    response = session.get(f"{base}/@@overview-controlpanel", headers=HTML)
    assert response.status_code == 403
    assert "Privilèges insuffisants" in response.text or "insuffisant" in response.text
    # the refusal is journaled once (the page saying so is not a second one)
    denied = events_since(start, action="denied")
    assert len(denied) == 1


def test_redirection_body_says_nothing_of_the_page(base, functional, testdata):
    """The TOTP gate sends a user who still owes a code elsewhere: the 302
    body used to be the full page of the file, title included."""
    transaction.begin()
    api.portal.set_registry_record(totp.SETTING, True)
    transaction.commit()
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_validated"))
    title = file.Title()
    session = requests.Session()
    session.post(
        f"{base}/login",
        data={
            "__ac_name": "reviewer.pn",
            "__ac_password": testdata.PASSWORD,
            "buttons.login": "1",
        },
        allow_redirects=False,
        timeout=30,
    )
    response = session.get(
        file.absolute_url(), headers=HTML, allow_redirects=False, timeout=30
    )
    assert response.status_code == 302
    assert "@@totp" in response.headers["Location"]
    assert title not in response.text
    assert file.matricule not in response.text.replace(response.headers["Location"], "")
    assert len(response.text) < 200


# --- the text worker's journal line --------------------------------------------------


def test_worker_extraction_is_journaled_as_such(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    doc = add_document(
        file,
        files.text_pdf(("Certificat médical", "Apte au service")),
        user="hrmanager.pn",
        document_type="certificat-medical",
        id="certificat",
    )
    uid = api.content.get_uuid(doc)
    transaction.commit()
    start = last_id()
    worker = Worker(portal.absolute_url(), SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    while worker.run_once():
        pass
    transaction.begin()
    assert file["certificat"].text_status == "done"
    mine = [e for e in events_since(start) if e["uid"] == uid]
    assert [e["action"] for e in mine if e["action"] != "modify"] == ["text_extraction"]
    assert mine[0]["detail"] == "worker"
    # the worker's endpoint is the worker's only
    for user in ("clerk.pn", "hrmanager.pn", "auditor"):
        response = requests.get(
            f"{doc.absolute_url()}/@text-source",
            auth=(user, testdata.PASSWORD),
            headers=JSON,
            timeout=30,
        )
        assert response.status_code in (401, 403, 404)


@pytest.mark.parametrize("view", ["@@download", "@@display-file", "@@images"])
@pytest.mark.parametrize("field", ["proposed", "current", "justification", "nope"])
def test_download_of_a_field_that_is_no_file(base, functional, testdata, view, field):
    """A change request's ``proposed`` values are no file: 404, not a 500."""
    from sirhp.content.changes import api as changes

    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="clerk.pn"):
        request = changes.propose(
            target=file, changes={"phone": "+22376000001"}, justification="Nouveau"
        )
    transaction.commit()
    url = f"{request.absolute_url()}/{view}/{field}"
    answer = requests.get(url, auth=_clerk(testdata), headers=HTML, timeout=30)
    assert answer.status_code == 404, (url, answer.status_code)
    assert "Traceback" not in answer.text
