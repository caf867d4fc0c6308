"""A third agency or service, added without code: through REST as the site
administrator, its staff put in its groups over REST (``@users``,
``@groups``), a file filed, submitted and validated (four eyes) over REST;
the agencies see nothing of each other (in process and over HTTP); its
matricule sequence and its card numbers follow from its data."""

from plone import api
import pytest
import requests
from sirhp.content.badges import rules as badge_rules
from sirhp.content.base.agencies import agency_ids
from sirhp.content.content import matricule_sequence as sequence
import transaction

AGENCY = {
    "@type": "Agency",
    "id": "protection-civile-test",
    "title": "Service test",
    "short_name": "STS",
    "primary_color": "#A01B2C",
    "matricule_prefix": "5",
}
NEW_PASSWORD = "phrase-solide-2026"
FILE = {
    "@type": "PersonnelFile",
    "matricule": sequence.matricule_of(500000),
    "last_name": "Coulibaly",
    "first_names": "Fanta",
    "sex": "F",
    "birth_date": "1991-03-02",
    "corps": "officiers",
    "grade": "officier-1",
    "hire_date": "2015-09-01",
    "status": "active",
}


@pytest.fixture
def site(functional):
    return functional["portal"]


@pytest.fixture
def as_user():
    sessions = []

    def login(name, password):
        session = requests.Session()
        session.auth = (name, password)
        session.headers.update({"Accept": "application/json"})
        sessions.append(session)
        return session

    yield login
    for session in sessions:
        session.close()


def _add_staff(admin, base):
    """The administrator's work: two accounts, each in the agency's groups
    (the clerk is also a reviewer: four eyes is what stops him)."""
    members = {
        "clerk.sts": ("clerks", "reviewers"),
        "reviewer.sts": ("reviewers",),
    }
    for login, suffixes in members.items():
        made = admin.post(
            f"{base}/@users",
            json={
                "username": login,
                "email": f"{login}@example.ml",
                "password": NEW_PASSWORD,
            },
            timeout=30,
        )
        assert made.status_code == 201, made.text
        for suffix in suffixes:
            group = f"{AGENCY['id']}-{suffix}"
            joined = admin.patch(
                f"{base}/@groups/{group}", json={"users": {login: True}}, timeout=30
            )
            assert joined.status_code == 204, joined.text


def test_third_agency_end_to_end(site, as_user, testdata):
    base = site.absolute_url()
    admin = as_user("siteadmin", testdata.PASSWORD)
    response = admin.post(base, json=AGENCY, timeout=30)
    assert response.status_code == 201, response.text
    assert response.json()["short_name"] == "STS"
    agency_url = response.headers["Location"]
    assert agency_url == f"{base}/{AGENCY['id']}"
    # a second one with its short name or overlapping numbers: refused
    again = admin.post(
        base,
        json={**AGENCY, "id": "autre-service", "matricule_prefix": "51"},
        timeout=30,
    )
    assert again.status_code == 400
    assert (
        again.json()["message"]
        == "Le sigle STS est déjà celui de l'agence Service test."
    )

    _add_staff(admin, base)
    clerk = as_user("clerk.sts", NEW_PASSWORD)
    reviewer = as_user("reviewer.sts", NEW_PASSWORD)

    filed = clerk.post(agency_url, json=FILE, timeout=30)
    assert filed.status_code == 201, filed.text
    file_url = filed.json()["@id"]
    assert file_url == f"{agency_url}/{FILE['matricule']}"
    submitted = clerk.post(f"{file_url}/@workflow/submit", json={}, timeout=30)
    assert submitted.status_code == 200, submitted.text
    # four eyes: the submitter, reviewer though he is, does not validate
    own = clerk.post(f"{file_url}/@workflow/validate", json={}, timeout=30)
    assert own.status_code in (400, 401, 403), own.text
    validated = reviewer.post(f"{file_url}/@workflow/validate", json={}, timeout=30)
    assert validated.status_code == 200, validated.text
    assert validated.json()["review_state"] == "validated"

    # isolation over HTTP: each agency's clerk is refused the other's files
    pn_file = f"{base}/{testdata.path_of('pn_validated')}"
    ocs_file = f"{base}/{testdata.path_of('ocs_validated')}"
    for url in (pn_file, ocs_file):
        assert clerk.get(url, timeout=30).status_code in (401, 403, 404)
    for login in ("clerk.pn", "clerk.ocs", "hrmanager.pn"):
        other = as_user(login, testdata.PASSWORD)
        assert other.get(file_url, timeout=30).status_code in (401, 403, 404)
        assert other.get(agency_url, timeout=30).status_code in (401, 403, 404)
    found = clerk.get(
        f"{base}/@search?portal_type=PersonnelFile&b_size=100", timeout=30
    ).json()
    assert [item["@id"] for item in found["items"]] == [file_url]

    # in process: what the server stored
    transaction.begin()
    agency = site[AGENCY["id"]]
    file = agency[FILE["matricule"]]
    assert AGENCY["id"] in agency_ids()
    assert api.content.get_state(file) == "validated"
    groups = {
        suffix: api.group.get(groupname=f"{AGENCY['id']}-{suffix}")
        for suffix in ("clerks", "reviewers", "hr", "recruitment")
    }
    assert groups["clerks"].getProperty("title") == "STS — Bureau des archives"
    assert dict(agency.get_local_roles())[f"{AGENCY['id']}-hr"] == ("HRManager",)
    for login, obj, allowed in (
        ("clerk.sts", file, True),
        ("reviewer.sts", file, True),
        (
            "clerk.sts",
            site.unrestrictedTraverse(testdata.path_of("pn_validated")),
            False,
        ),
        ("clerk.sts", site.unrestrictedTraverse(testdata.path_of("ocs_draft")), False),
        ("clerk.pn", file, False),
        ("clerk.ocs", file, False),
        ("hrmanager.ocs", file, False),
        ("auditor", file, True),
    ):
        assert api.user.has_permission("View", username=login, obj=obj) is allowed, (
            login,
            obj,
        )
    with api.env.adopt_user(username="clerk.pn"):
        assert not api.content.find(portal_type="PersonnelFile", agency=AGENCY["id"])
        assert not api.content.find(UID=api.content.get_uuid(file))
    with api.env.adopt_user(username="clerk.sts"):
        mine = api.content.find(portal_type="PersonnelFile")
        assert [brain.getPath() for brain in mine] == ["/".join(file.getPhysicalPath())]

    # its matricule sequence gives its prefix (the filed number is skipped)
    assert agency.matricule_prefix == "5"
    assert sequence.next_matricule(agency) == sequence.matricule_of(500001)
    # its card numbers open with its short name
    with api.env.adopt_roles(["Manager"]):
        badge = api.content.create(container=file, type="Badge", id="badge-sts")
    assert badge.card_number.startswith("STS-")
    assert badge_rules.is_valid_card_number(badge.card_number)
    transaction.abort()
