"""REST: a grade outside its corps is refused on creation and on edit (400,
a French sentence naming both), as a recruit under 18 is; nothing stored."""

import pytest
from sirhp.content.vocabularies.hr import hr_terms
from tests.api.test_rest_errors import _session
from tests.api.test_rest_errors import assert_refused
import transaction

NEW = "123457T"  # not used by the test data (PN 1000xx, OCS 8000xx)
GRADE_ERROR = (
    "Le grade « Agent de police » n'appartient pas au corps « Corps des "
    "commissaires de police » : il relève du corps « Corps des sous-officiers "
    "de police »."
)
PAYLOAD = {
    "@type": "PersonnelFile",
    "matricule": NEW,
    "last_name": "Traoré",
    "first_names": "Awa",
    "sex": "F",
    "birth_date": "1990-05-04",
    "corps": "officiers",
    "grade": "officier-1",
    "hire_date": "2012-09-01",
    "status": "active",
}


@pytest.fixture
def site(functional):
    return functional["portal"]


@pytest.fixture
def clerk(testdata):
    session = _session("clerk.pn", testdata.PASSWORD)
    yield session
    session.close()


def _other_corps(grade):
    """A corps the grade does not belong to."""
    expected = next(t.extra[0] for t in hr_terms("grades") if t.code == grade)
    return "commissaires" if expected != "commissaires" else "appui"


def _created(site):
    transaction.begin()  # see what the server committed
    return NEW in site["police-nationale"].objectIds()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"corps": "commissaires", "grade": "agent"}, GRADE_ERROR),
        (
            {"birth_date": "2002-03-01", "hire_date": "2020-01-01"},
            "L'agent doit avoir au moins 18 ans à son entrée en service.",
        ),
    ],
    ids=["grade", "age"],
)
def test_post_refused(site, clerk, changes, message):
    response = clerk.post(
        f"{site.absolute_url()}/police-nationale", json=dict(PAYLOAD, **changes)
    )
    assert_refused(response, message)
    assert not _created(site)


def test_post_coherent_created(site, clerk):
    response = clerk.post(
        f"{site.absolute_url()}/police-nationale",
        json=dict(PAYLOAD, corps="sous-officiers", grade="agent"),
    )
    assert response.status_code == 201, response.text
    assert _created(site)


@pytest.mark.parametrize("field", ["grade", "corps"])
def test_patch_draft_refused(site, clerk, testdata, field):
    draft = site.unrestrictedTraverse(testdata.path_of("pn_draft"))
    before = (draft.corps, draft.grade, draft.modified())
    if field == "corps":
        change = {"corps": _other_corps(draft.grade)}
    else:
        grade = "commissaire" if draft.corps != "commissaires" else "agent"
        change = {"grade": grade}
    response = clerk.patch(f"{draft.absolute_url()}", json=change)
    assert_refused(response, "n'appartient pas au corps")
    transaction.begin()
    assert (draft.corps, draft.grade, draft.modified()) == before


def test_patch_validated_file_proposes_nothing(site, clerk, testdata):
    """On a validated file a PATCH is a change request: the corps follows the
    career acts, so it is refused (file a career act instead)."""
    file = site.unrestrictedTraverse(testdata.path_of("pn_validated"))
    requests_before = len(file.objectIds("ChangeRequest"))
    corps = _other_corps(file.grade)
    response = clerk.patch(
        file.absolute_url(), json={"corps": corps, "justification": "Reclassement"}
    )
    assert response.status_code == 400, response.text
    assert "Déposez un acte de carrière" in response.json()["message"]
    transaction.begin()
    assert len(file.objectIds("ChangeRequest")) == requests_before
    assert file.corps != corps


def test_message_in_english_for_who_chose_it(site, clerk):
    clerk.cookies.set("I18N_LANGUAGE", "en")
    response = clerk.post(
        f"{site.absolute_url()}/police-nationale",
        json=dict(PAYLOAD, corps="commissaires", grade="agent"),
    )
    assert_refused(
        response,
        "The grade “Agent de police” does not belong to the corps “Corps des "
        "commissaires de police”",
    )
