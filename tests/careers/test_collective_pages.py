"""Collective decisions in the browser: @@acte-collectif (preview stores
nothing, create files a batch, CSRF), @@decision-collective (Soumettre le
lot, then Valider le lot by another person only), the link on the agency
page, and the wrong persons refused."""

import re
import requests
from tests.documents import files as sample_files
import transaction

TOKEN = re.compile(r'name="_authenticator" value="([^"]+)"')
DECISION = re.compile(r"@@decision-collective\?id=([0-9a-f]+)")
WRONG = ("clerk.ocs", "commander.pn", "officer", None)


def _session(name, password):
    session = requests.Session()
    if name:
        session.auth = (name, password)
    return session


def _acts(file):
    return [o for o in file.objectValues() if o.portal_type == "CareerEvent"]


def test_preview_create_submit_validate(functional, testdata):
    portal = functional["portal"]
    agency_url = portal["police-nationale"].absolute_url()
    path = testdata.path_of("pn_validated")
    matricule = portal.unrestrictedTraverse(path).matricule
    before = len(_acts(portal.unrestrictedTraverse(path)))
    clerk = _session("clerk.pn", testdata.PASSWORD)
    assert f"{agency_url}/@@acte-collectif" in clerk.get(agency_url, timeout=30).text
    page = clerk.get(f"{agency_url}/@@acte-collectif", timeout=30)
    assert page.status_code == 200
    data = {
        "by": "list",
        "matricules": f"{matricule}\n",
        "event_type": "promotion",
        "event_date": "2026-10-01",
        "reference": "Arrêté n°2026-0099/MSPC",
        "resulting_echelon": "4",
        "_authenticator": TOKEN.search(page.text).group(1),
    }
    # CSRF: no token, nothing done
    forged = clerk.post(
        f"{agency_url}/@@acte-collectif",
        data={k: v for k, v in data.items() if k != "_authenticator"},
        files={"scan": ("", b"")},
        timeout=30,
    )
    assert forged.status_code in (302, 403) or "sirhp-preview" not in forged.text
    preview = clerk.post(
        f"{agency_url}/@@acte-collectif",
        data=dict(data, **{"form.preview": "1"}),
        files={"scan": ("", b"")},
        timeout=30,
    )
    assert preview.status_code == 200
    assert "sirhp-preview" in preview.text
    unknown = clerk.post(
        f"{agency_url}/@@acte-collectif",
        data=dict(data, matricules="999999Z", **{"form.preview": "1"}),
        files={"scan": ("", b"")},
        timeout=30,
    )
    assert "Matricule inconnu" in unknown.text
    transaction.begin()
    assert len(_acts(portal.unrestrictedTraverse(path))) == before
    created = clerk.post(
        f"{agency_url}/@@acte-collectif",
        data=dict(data, **{"form.create": "1"}),
        files={"scan": ("arrete.pdf", sample_files.text_pdf(), "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )
    assert created.status_code == 302, created.text
    decision = DECISION.search(created.headers["Location"]).group(1)
    url = f"{agency_url}/@@decision-collective?id={decision}"
    page = clerk.get(url, timeout=30)
    assert page.status_code == 200
    assert "Soumettre le lot" in page.text and "Valider le lot" not in page.text
    token = TOKEN.search(page.text).group(1)
    for name in WRONG:
        user = matricule if name == "officer" else name
        wrong = _session(user, testdata.PASSWORD)
        seen = wrong.get(url, allow_redirects=False, timeout=30)
        assert seen.status_code in (302, 401, 403, 404), name
        form = wrong.get(f"{agency_url}/@@acte-collectif", allow_redirects=False)
        assert form.status_code in (302, 401, 403, 404), name
    clerk.post(
        f"{agency_url}/@@decision-collective",
        data={"id": decision, "transition": "submit", "_authenticator": token},
        timeout=30,
    )
    page = clerk.get(url, timeout=30)
    assert "Soumettre le lot" not in page.text and "Valider le lot" not in page.text
    # four eyes: the submitter posting anyway is refused in French
    own = clerk.post(
        f"{agency_url}/@@decision-collective",
        data={"id": decision, "transition": "validate", "_authenticator": token},
        timeout=30,
    )
    assert "le lot n'a pas été modifié" in own.text
    reviewer = _session("reviewer.pn", testdata.PASSWORD)
    page = reviewer.get(url, timeout=30)
    assert "Valider le lot" in page.text
    done = reviewer.post(
        f"{agency_url}/@@decision-collective",
        data={
            "id": decision,
            "transition": "validate",
            "_authenticator": TOKEN.search(page.text).group(1),
        },
        timeout=30,
    )
    assert done.status_code == 200
    transaction.begin()
    file = portal.unrestrictedTraverse(path)
    (act,) = [a for a in _acts(file) if a.collective_decision == decision]
    assert act.scan.data.startswith(b"%PDF-")
    assert file.echelon == 4
