"""The REST JSON of files and records carries their derived title."""

import requests


def test_file_and_record_titles(functional, testdata):
    portal = functional["portal"]
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_validated')}"
    auth = ("clerk.pn", testdata.PASSWORD)
    headers = {"Accept": "application/json"}
    data = requests.get(url, auth=auth, headers=headers, timeout=30).json()
    assert data["title"].endswith(f"({testdata.FILES['pn_validated']})")
    record = next(i for i in data["items"] if i["@type"] == "CareerEvent")
    record_data = requests.get(
        record["@id"], auth=auth, headers=headers, timeout=30
    ).json()
    assert record_data["title"].startswith("Recrutement du ")


def test_unit_of_other_agency_refused_in_french(functional, testdata):
    portal = functional["portal"]
    ocs_unit = portal.unrestrictedTraverse("ocs/antenne-sikasso").UID()
    url = f"{portal.absolute_url()}/{testdata.path_of('pn_draft')}"
    response = requests.patch(
        url,
        json={"unit": ocs_unit},
        auth=("clerk.pn", testdata.PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "hors de votre agence" in response.json()["message"]
