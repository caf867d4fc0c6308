"""The file page and Mon dossier show seniority and the career's periods."""

import re
import requests


def test_file_page_shows_seniority_and_periods(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    html = requests.get(url, auth=("clerk.pn", testdata.PASSWORD), timeout=30).text
    assert "Ancienneté dans le grade" in html
    assert "Ancienneté de service" in html
    section = html.split('class="table table-sm sirhp-periods"')[1]
    assert "depuis le " in section.split("</table>")[0]
    assert "an(s)" in html.split("field-seniority-service")[1][:200]
    # the texts are filled in, not shown as their template
    assert "${" not in html
    assert re.search(r"field-seniority-service\">\d+ an\(s\), \d+ mois", html)


def test_mon_dossier_shows_seniority_and_periods(functional, testdata):
    officer = (testdata.FILES["pn_validated"], testdata.PASSWORD)
    portal_url = functional["portal"].absolute_url()
    html = requests.get(f"{portal_url}/@@mon-dossier", auth=officer, timeout=30).text
    assert "Ancienneté de service" in html
    assert "sirhp-periods" in html and "depuis le " in html
    assert "${" not in html


def test_file_page_of_another_agency_refused(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    response = requests.get(url, auth=("clerk.ocs", testdata.PASSWORD), timeout=30)
    assert response.status_code in (401, 403, 404)
    assert "Ancienneté" not in response.text


def test_file_page_in_english(functional, testdata):
    portal_url = functional["portal"].absolute_url()
    url = f"{portal_url}/{testdata.path_of('pn_validated')}"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    html = session.get(f"{url}?set_language=en", timeout=30).text
    assert "Length of service" in html and "since " in html
    assert "year(s)" in html
    assert "${" not in html
