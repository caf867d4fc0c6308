"""The training pages over HTTP: HR nominates by matricule, records the
results, another person closes (the recorder is told why not, in French);
the session, course (coverage) and agency « Formations » pages; the
« Formations » section of the file page and of Mon dossier with the
certificate link; the wrong people are refused."""

from datetime import date
from plone import api
from plone.app.testing import login
import re
import requests
from sirhp.policy.base.file_view import PersonnelFileView
from tests.training.helpers import closed_session
import transaction

# a form's authenticator, or the page's (plone.protect) when it has no form
TOKEN = re.compile(r'(?:name="_authenticator" value|data-token)="([^"]+)"')
RESULT = re.compile(r'name="result-([0-9a-f]{32})"')
REFUSED = (302, 401, 403, 404)


def _client(name, password):
    client = requests.Session()
    client.auth = (name, password)
    return client


def _planned(portal):
    agency = portal["police-nationale"]
    login(portal, "hrmanager.pn")
    course = api.content.create(
        container=agency,
        type="TrainingCourse",
        id="proximite",
        title="Police de proximité",
        code="PROX",
        domain="proximity",
        hours=24,
        certificate=True,
        certificate_years=2,
    )
    session = api.content.create(
        container=agency,
        type="TrainingSession",
        id="prox-2026",
        title="Proximité 2026",
        course_code="PROX",
        start=date(2026, 10, 5),
        end=date(2026, 10, 9),
        place="École de police, Bamako",
        trainers="Cne Traoré",
        capacity=2,
    )
    transaction.commit()
    return agency, course, session


def _post(client, url, **data):
    """POST ``data`` to ``url`` with the authenticator of the page there."""
    token = TOKEN.search(client.get(url, timeout=30).text).group(1)
    target = url.split("?")[0]
    return client.post(target, data={**data, "_authenticator": token}, timeout=30)


def test_session_nominate_record_close_and_certificate(functional, testdata):
    portal = functional["portal"]
    agency, course, session = _planned(portal)
    url = session.absolute_url()
    officer_a = testdata.FILES["pn_validated"]
    hr = _client("hrmanager.pn", testdata.PASSWORD)
    page = hr.get(url, timeout=30)
    assert page.status_code == 200
    assert "Police de proximité (PROX), 24 h" in page.text
    assert "École de police, Bamako" in page.text and "Cne Traoré" in page.text
    assert "Désigner un agent" in page.text
    unknown = _post(hr, url, action="nominate", matricule="999999Z")
    assert unknown.status_code == 400
    assert "Dossier inconnu dans cette agence." in unknown.text
    for name in ("pn_validated", "pn_validated2"):
        _post(hr, url, action="nominate", matricule=testdata.FILES[name])
    page = hr.get(url, timeout=30)
    assert officer_a in page.text and "0)" in page.text  # no seat left
    uids = RESULT.findall(page.text)
    assert len(uids) == 2
    bad = _post(
        hr,
        url,
        action="results",
        **{f"result-{uids[0]}": "passed", f"score-{uids[0]}": "25"},
    )
    assert "La note est comprise entre 0 et 20." in bad.text
    results = {f"result-{uid}": "passed" for uid in uids}
    results[f"score-{uids[0]}"] = "15,5"  # a French decimal comma
    saved = _post(hr, url, action="results", **results)
    assert saved.status_code == 200 and "Enregistré." in saved.text, saved.text[-3000:]
    assert 'value="15,5"' in saved.text and "15.5" not in saved.text
    recorded = _post(
        hr,
        f"{url}/@@sirhp-transition?transition=record",
        transition="record",
        **{"form.submitted": "1"},
    )
    assert recorded.status_code == 200, recorded.text[-3000:]
    page = hr.get(url, timeout=30)
    assert "Résultats enregistrés" in page.text
    assert "une autre personne doit la clore" in page.text
    assert "transition=close" not in page.text
    refused = hr.get(f"{url}/@@sirhp-transition?transition=close", timeout=30)
    assert refused.status_code == 403
    assert "une autre personne doit la clore" in refused.text
    admin = _client("siteadmin", testdata.PASSWORD)
    _post(
        admin,
        f"{url}/@@sirhp-transition?transition=close",
        transition="close",
        **{"form.submitted": "1"},
    )
    page = hr.get(url, timeout=30)
    assert "Close" in page.text
    assert "@@attestation?session=prox-2026" in page.text
    # the course: its session and its coverage
    course_page = hr.get(course.absolute_url(), timeout=30)
    assert "Proximité 2026" in course_page.text
    assert 'id="coverage-total">2 / ' in course_page.text
    assert "Bamako" in course_page.text  # groups by their labels
    # the agency: its catalogue by domain, its sessions, linked from the agency
    trainings = hr.get(f"{agency.absolute_url()}/@@formations", timeout=30)
    assert "Police de proximité" in trainings.text
    assert "Proximité 2026" in trainings.text
    assert "@@formations" in hr.get(agency.absolute_url(), timeout=30).text
    # Mon dossier: the training, its certificate (a PDF for the officer)
    officer = _client(officer_a, testdata.PASSWORD)
    own = officer.get(f"{portal.absolute_url()}/@@mon-dossier", timeout=30).text
    section = own.split('id="formations"')[1].split("</section>")[0]
    assert "Proximité 2026" in section and "@@attestation" in section
    link = re.search(r'href="([^"]+@@attestation[^"]+)"', section).group(1)
    pdf = officer.get(link, timeout=30)
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    # the file page shows it to HR; another officer and the clerk get no PDF
    file_page = hr.get(link.split("/@@")[0], timeout=30).text
    assert 'id="formations"' in file_page and "@@attestation" in file_page
    for name in (testdata.FILES["pn_validated2"], "clerk.pn", "hrmanager.ocs"):
        answer = _client(name, testdata.PASSWORD).get(
            link, allow_redirects=False, timeout=30
        )
        assert answer.status_code in REFUSED, name
        assert not answer.content.startswith(b"%PDF"), name


def test_wrong_people_refused(functional, testdata):
    portal = functional["portal"]
    agency, course, session = _planned(portal)
    url = session.absolute_url()
    officer = _client(testdata.FILES["pn_validated"], testdata.PASSWORD)
    for client, target in (
        (officer, url),
        (officer, course.absolute_url()),
        (_client("hrmanager.ocs", testdata.PASSWORD), url),
        (
            _client("hrmanager.ocs", testdata.PASSWORD),
            f"{agency.absolute_url()}/@@formations",
        ),
        (requests.Session(), f"{agency.absolute_url()}/@@formations"),
    ):
        answer = client.get(target, allow_redirects=False, timeout=30)
        assert answer.status_code in REFUSED, target
    # who may read the session but not manage it: no form, a POST changes nothing
    for name in ("clerk.pn", "commander.pn"):
        client = _client(name, testdata.PASSWORD)
        page = client.get(url, timeout=30)
        if page.status_code == 200:
            assert "Désigner un agent" not in page.text
            assert "Police de proximité" in page.text
            answer = _post(
                client, url, action="nominate", matricule=testdata.FILES["pn_validated"]
            )
            assert answer.status_code in (401, 403), name
        else:
            assert page.status_code in REFUSED, name
    transaction.begin()
    assert not session.participants


def test_file_section_marks_expired_and_expiring(portal, testdata):
    """The file's « Formations » rows: an expired certificate is marked, one
    expiring soon too (states by ``rules.certificate_state``)."""

    session, (file_a, _b) = closed_session(portal, testdata)
    request = portal.REQUEST
    view = PersonnelFileView(file_a, request)
    rows = view.trainings()
    assert rows[0]["url"].endswith("/@@attestation?session=opj-2026")
    session.certificates = {file_a.UID(): date(2020, 1, 1)}
    assert view.trainings()[0]["state"] == "expired"
    html = file_a.restrictedTraverse("@@view")()
    assert "sirhp-expired" in html and "expiré" in html
