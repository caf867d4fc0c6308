"""Deployment lists over HTTP: POST @deployment-lists re-runs the search
(member UIDs a client sends are ignored), GET @deployment-list, the XLSX
and PDF nominative lists equal to its members, the form « Enregistrer comme
liste », the Mon dossier notice, the refusal of every other persona, and
the finder on a unit for its commander."""

from io import BytesIO
from openpyxl import load_workbook
from plone import api
from pypdf import PdfReader
import pytest
import requests
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.deployment.access import LIST_ADDERS
from sirhp.policy.deployment.access import LIST_READERS
from tests.deployment.conftest import set_known
from tests.security.planted import login_of
import transaction

BODY = {
    "title": "Élections Ségou",
    "purpose": "Sécurisation du scrutin",
    "start": "2026-11-09",
    "end": "2026-11-15",
    "notify": True,
    "query": {"language": "ff"},
}


def _auth(persona, testdata):
    user = login_of(persona)
    return (user, testdata.PASSWORD) if user else None


def _post(url, auth, body):
    return requests.post(
        f"{url}/@deployment-lists",
        json=body,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    )


@pytest.fixture
def agency_url(functional, testdata):
    set_known(functional["portal"], testdata)
    transaction.commit()
    return functional["portal"]["police-nationale"].absolute_url()


@pytest.fixture
def list_url(agency_url, functional, testdata):
    portal = functional["portal"]
    foreign = portal.unrestrictedTraverse(testdata.path_of("ocs_validated")).UID()
    response = _post(
        agency_url,
        ("hrmanager.pn", testdata.PASSWORD),
        {**BODY, "members": [foreign]},  # ignored: the search decides
    )
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == response.json()["@id"]
    return response.json()["@id"]


def test_post_reruns_the_search_and_get_answers_the_members(list_url, testdata):
    auth = ("hrmanager.pn", testdata.PASSWORD)
    body = requests.get(
        f"{list_url}/@deployment-list",
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert [i["matricule"] for i in body["items"]] == [testdata.FILES["pn_validated2"]]
    assert body["review_state"] == "draft"
    assert body["query"] == {"language": ["ff"]}
    assert set(body["items"][0]) >= {"matricule", "name", "grade", "unit"}
    # the exports: the same members
    xlsx = requests.get(f"{list_url}/@@liste.xlsx", auth=auth, timeout=60)
    assert xlsx.status_code == 200
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Matricule"
    assert [r[0] for r in rows[1:]] == [i["matricule"] for i in body["items"]]
    assert rows[1][5] == "Fulfulde (peul)"  # the language searched, not Bambara
    pdf = requests.get(f"{list_url}/@@liste.pdf", auth=auth, timeout=60)
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert testdata.FILES["pn_validated2"] in text
    assert body["items"][0]["name"].split()[0] in text
    assert testdata.FILES["pn_validated"] not in text


def test_post_refusals(agency_url, testdata):
    auth = ("hrmanager.pn", testdata.PASSWORD)
    response = _post(agency_url, auth, {**BODY, "end": "2026-11-01"})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "La fin (01/11/2026) précède le début (09/11/2026)."
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_post(agency_url, testdata, persona):
    response = _post(agency_url, _auth(persona, testdata), BODY)
    if persona in LIST_ADDERS:
        assert response.status_code == 201, response.text
    else:
        assert response.status_code in (401, 403), (persona, response.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_a_list(list_url, testdata, persona):
    auth = _auth(persona, testdata)
    for path in ("@deployment-list", "@@liste.xlsx", "@@liste.pdf", "view"):
        response = requests.get(
            f"{list_url}/{path}",
            auth=auth,
            headers={"Accept": "application/json"} if path[0] == "@" else {},
            allow_redirects=False,
            timeout=60,
        )
        if persona in LIST_READERS:
            assert response.status_code == 200, (path, response.status_code)
        else:
            assert response.status_code in (302, 401, 403, 404), (
                persona,
                path,
                response.status_code,
            )


def test_form_saves_every_page_then_mon_dossier(agency_url, functional, testdata):
    session = requests.Session()
    session.auth = ("hrmanager.pn", testdata.PASSWORD)
    page = session.get(
        f"{agency_url}/@@recherche-deploiement?language=bm&b_size=1", timeout=60
    )
    assert "Enregistrer comme liste" in page.text
    token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
    response = session.post(
        f"{agency_url}/@@enregistrer-liste-deploiement",
        data={
            "_authenticator": token,
            "language": "bm",
            "b_size": "1",
            "list_title": "Patrouilles",
            "list_purpose": "Fête de l'indépendance",
            "list_start": "2026-11-09",
            "list_end": "2026-11-10",
            "list_notify": "1",
        },
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text
    url = response.headers["Location"]
    body = session.get(
        f"{url}/@deployment-list", headers={"Accept": "application/json"}, timeout=60
    ).json()
    assert sorted(i["matricule"] for i in body["items"]) == sorted(
        testdata.FILES[n] for n in ("pn_validated", "pn_validated2")
    )
    notice = "Vous figurez sur la liste de déploiement « Patrouilles »"
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    portal_url = functional["portal"].absolute_url()
    mine = requests.get(f"{portal_url}/@@mon-dossier", auth=officer, timeout=60)
    assert notice not in mine.text  # still a draft
    portal = functional["portal"]
    transaction.begin()  # see what the server committed
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=portal.unrestrictedTraverse(url[len(portal_url) + 1 :]),
            transition="activate",
        )
    transaction.commit()
    mine = requests.get(f"{portal_url}/@@mon-dossier", auth=officer, timeout=60)
    assert f"{notice} du 09/11/2026 au 10/11/2026." in mine.text
    assert testdata.FILES["pn_validated2"] not in mine.text
    no_token = session.post(
        f"{agency_url}/@@enregistrer-liste-deploiement",
        data={"list_title": "x"},
        allow_redirects=False,
        timeout=60,
    )
    assert no_token.status_code == 403


def test_finder_on_a_unit_for_its_commander(agency_url, testdata):
    auth = ("commander.pn", testdata.PASSWORD)
    own = f"{agency_url}/dr-bamako/commissariat-1"
    other = f"{agency_url}/dr-kayes/commissariat-kayes"
    headers = {"Accept": "application/json"}
    body = requests.get(
        f"{own}/@deployment-search", auth=auth, headers=headers, timeout=60
    ).json()
    assert [i["matricule"] for i in body["items"]] == [testdata.FILES["pn_validated"]]
    page = requests.get(f"{own}/@@recherche-deploiement", auth=auth, timeout=60)
    assert page.status_code == 200
    assert "Enregistrer comme liste" not in page.text
    for url in (other, agency_url):
        for path in ("@deployment-search", "@@recherche-deploiement"):
            response = requests.get(
                f"{url}/{path}",
                auth=auth,
                headers=headers,
                allow_redirects=False,
                timeout=60,
            )
            assert response.status_code in (401, 403), (url, path)
