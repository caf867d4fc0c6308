"""Mon dossier over HTTP: the officer's own file and requests, nothing else."""

from plone import api
import pytest
import requests
from sirhp.content.changes import api as changes
from tests.documents import files
import transaction

JSON = {"Accept": "application/json"}


@pytest.fixture
def officer(testdata):
    return (testdata.FILES["pn_validated"], testdata.PASSWORD)


def _portal_url(functional):
    return functional["portal"].absolute_url()


def _token(html):
    return html.split('name="_authenticator" value="')[1].split('"')[0]


def test_officer_lands_on_mon_dossier(functional, testdata, officer):
    response = requests.get(_portal_url(functional), auth=officer, timeout=30)
    assert response.url.endswith("/@@mon-dossier")
    html = response.text
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert file.full_name in html
    assert "Signaler une inexactitude" in html
    # staff keep their home page
    staff = requests.get(
        _portal_url(functional), auth=("clerk.pn", testdata.PASSWORD), timeout=30
    )
    assert not staff.url.endswith("@@mon-dossier")


def test_report_with_attachment_then_reviewed(functional, testdata, officer, mail_dir):
    portal = functional["portal"]
    url = f"{_portal_url(functional)}/@@mon-dossier"
    session = requests.Session()
    session.auth = officer
    page = session.get(url, timeout=30).text
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    before = file.birth_place
    response = session.post(
        url,
        data={
            "_authenticator": _token(page),
            "champ": f"{file.UID()}|birth_place",
            "valeur": "Ségou",
            "commentaire": "Je suis né à Ségou, voir l'acte de naissance joint.",
        },
        files={"piece": ("acte.pdf", files.text_pdf(), "application/pdf")},
        timeout=30,
    )
    assert response.status_code == 200
    assert "Votre signalement est enregistré" in response.text
    transaction.begin()
    requests_ = [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]
    assert len(requests_) == 1
    request = requests_[0]
    assert request.kind == "officer"
    assert request.attachment.data.startswith(b"%PDF")
    assert file.birth_place == before
    # the reviewer sees the diff and approves
    diff = requests.get(
        f"{request.absolute_url()}/@change-diff",
        auth=("reviewer.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    ).json()
    assert diff["fields"][0]["proposed"] == "Ségou"
    approved = requests.post(
        f"{request.absolute_url()}/@workflow/approve",
        json={"comment": "Conforme à l'acte"},
        auth=("reviewer.pn", testdata.PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert approved.status_code == 200, approved.text
    page = session.get(url, timeout=30).text
    assert "Ségou" in page
    assert "Approuvée" in page
    mails = list(mail_dir.glob("*.eml"))
    assert len(mails) == 1
    assert "approuv" in mails[0].read_text()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"champ": "", "valeur": "x", "commentaire": "x"}, "Choisissez"),
        (
            {"champ": "FIELD:birth_date", "valeur": "31/02/1990", "commentaire": "x"},
            "jj/mm/aaaa",
        ),
        (
            {"champ": "FIELD:birth_place", "valeur": "Kati", "commentaire": ""},
            "justification",
        ),
    ],
)
def test_report_refusals(functional, testdata, officer, data, message):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    data = {k: v.replace("FIELD:", f"{file.UID()}|") for k, v in data.items()}
    session = requests.Session()
    session.auth = officer
    url = f"{_portal_url(functional)}/@@mon-dossier"
    data["_authenticator"] = _token(session.get(url, timeout=30).text)
    response = session.post(url, data=data, timeout=30)
    assert response.status_code == 400
    assert message in response.text
    transaction.begin()
    assert not [o for o in file.objectValues() if o.portal_type == "ChangeRequest"]


def test_officer_cannot_reach_others(functional, testdata, officer):
    portal = functional["portal"]
    base = _portal_url(functional)
    other = f"{base}/{testdata.path_of('pn_validated2')}"
    draft = f"{base}/{testdata.path_of('pn_draft')}"
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    with api.env.adopt_user(username="clerk.pn"):
        staff_request = changes.propose(
            target=file, changes={"phone": "+223 70 11 22 33"}, justification="x"
        )
    transaction.commit()
    anonymous = {}
    for url in (
        other,
        draft,
        staff_request.absolute_url(),
        f"{other}/@change-requests",
    ):
        for headers in ({}, JSON):
            mine = requests.get(
                url, auth=officer, headers=headers, timeout=30, allow_redirects=False
            )
            anonymous[url] = requests.get(
                url, headers=headers, timeout=30, allow_redirects=False
            )
            # as for an anonymous user guessing the URL: login or refusal
            assert mine.status_code in (302, 401, 403, 404), (url, mine.status_code)
            assert file.full_name not in mine.text
    # a sensitive field of another file never reaches the officer
    search = requests.get(
        f"{base}/@search",
        params={"portal_type": "PersonnelFile", "metadata_fields": "_all"},
        auth=officer,
        headers=JSON,
        timeout=30,
    ).json()
    assert [i["matricule"] for i in search["items"]] == [file.matricule]
    own = requests.get(
        f"{base}/@mon-dossier", auth=officer, headers=JSON, timeout=30
    ).json()
    assert own["matricule"] == file.matricule
    assert own["change_requests"] == []  # staff's pending request stays hidden


def test_mon_dossier_refused_to_non_officers(functional, testdata):
    base = _portal_url(functional)
    for auth in (("clerk.pn", testdata.PASSWORD), None):
        page = requests.get(
            f"{base}/@@mon-dossier", auth=auth, timeout=30, allow_redirects=False
        )
        assert page.status_code in (302, 401, 404)
        rest = requests.get(f"{base}/@mon-dossier", auth=auth, headers=JSON, timeout=30)
        assert rest.status_code in (401, 404)
