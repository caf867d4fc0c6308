"""Work lists in the Classic UI (in process): who holds the grouped actions'
permissions, their pages (confirmation, refusal), the rejection notice, the
home page's reasons and links, the queue in blocks, the warning before a
file is validated alone, the journal's details as text."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.permissions import SubmitWithRecords
from sirhp.content.permissions import ValidateWithRecords
from sirhp.content.worklists import api as worklists
from sirhp.policy.audit.details import detail_text
from zExceptions import Unauthorized

# persona -> (may submit with records, may validate with records) on a PN file
GRANTS = {
    "clerk.pn": (True, False),
    "reviewer.pn": (False, True),
    "clerkreviewer.pn": (True, True),
    "hrmanager.pn": (True, True),
    "siteadmin": (True, True),
    "clerk.ocs": (False, False),
    "reviewer.ocs": (False, False),
    "hrmanager.ocs": (False, False),
    "auditor": (False, False),
    "commander.pn": (False, False),
    "officer": (False, False),
}


@pytest.fixture
def file(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    login(portal, "clerk.pn")
    api.content.create(
        container=file,
        type="CareerEvent",
        id="affectation",
        event_type="assignment",
        event_date=date(2024, 1, 1),
        reference="Décision n°2024-1",
    )
    return file


def _page(portal, context, name, **form):
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    request.method = "GET"
    request["REQUEST_METHOD"] = "GET"
    view = api.content.get_view(name=name, context=context, request=request)
    return view()


def test_permission_map(portal, testdata):
    validated = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    for persona, (submit, validate) in GRANTS.items():
        name = testdata.FILES["pn_validated"] if persona == "officer" else persona
        for state in ("pn_draft", "pn_pending", "pn_validated"):
            obj = portal.unrestrictedTraverse(testdata.path_of(state))
            granted = (
                api.user.has_permission(SubmitWithRecords, username=name, obj=obj),
                api.user.has_permission(ValidateWithRecords, username=name, obj=obj),
            )
            assert granted == (submit, validate), (persona, state)
    assert validated is not None


def test_pages_and_refusals(portal, file):
    page = _page(portal, file, "soumettre-dossier-et-pieces")
    assert "Soumettre le dossier et ses pièces" in page
    assert file["affectation"].Title() in page
    login(portal, "reviewer.pn")
    with pytest.raises(Unauthorized):
        file.restrictedTraverse("@@soumettre-dossier-et-pieces")
    login(portal, "clerk.pn")
    with pytest.raises(Unauthorized):
        file.restrictedTraverse("@@valider-dossier-et-pieces")
    worklists.submit_all(file=file)
    # the file page offers the grouped validation to the reviewer
    login(portal, "reviewer.pn")
    page = _page(portal, file, "view")
    assert "@@valider-dossier-et-pieces" in page
    page = _page(portal, file, "valider-dossier-et-pieces")
    assert "Seront validés" in page and file["affectation"].Title() in page
    # validating the file alone warns: its records still wait
    page = _page(portal, file, "sirhp-transition", transition="validate")
    assert "attendent encore leur validation" in page
    assert file["affectation"].Title() in page


def test_queue_in_blocks_with_the_submitter(portal, file):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    page = _page(portal, portal, "a-valider")
    assert page.count('class="sirhp-queue-group"') >= 2
    assert 'title="clerk.pn"' in page
    assert "@@valider-dossier-et-pieces" in page


def test_rejection_notice_and_home(portal, file):
    worklists.submit_all(file=file)
    login(portal, "reviewer.pn")
    api.content.transition(
        obj=file["affectation"], transition="reject", comment="Référence illisible."
    )
    login(portal, "clerk.pn")
    page = _page(portal, file["affectation"], "view")
    assert "sirhp-rejection" in page and "Référence illisible." in page
    assert 'title="reviewer.pn"' in page
    home = _page(portal, portal, "sirhp-accueil")
    assert "Référence illisible." in home
    # the clerk's pages, and only those he may open
    assert "@@pieces-en-attente" in home
    assert "@@referentiels-statut" not in home
    assert "sirhp-link-journal" not in home


def test_home_links_per_role(portal):
    login(portal, "hrmanager.pn")
    home = _page(portal, portal, "sirhp-accueil")
    for link in (
        "impression-cartes",
        "pieces-en-attente",
        "campagnes-evaluation",
        "tableaux-avancement",
        "journal",
    ):
        assert f"sirhp-link-{link}" in home, link
    login(portal, "auditor")
    home = _page(portal, portal, "sirhp-accueil")
    assert "sirhp-link-journal" in home
    assert "sirhp-link-tableaux-avancement" in home
    assert "sirhp-link-pieces-en-attente" not in home
    login(portal, "clerk.pn")
    home = _page(portal, portal, "sirhp-accueil")
    assert "sirhp-link-campagnes-evaluation" not in home
    assert "sirhp-link-tableaux-avancement" not in home


def test_journal_detail_as_text():
    assert detail_text('{"grade": {"old": "Sergent", "new": "Sergent-chef"}}') == (
        "grade : Sergent → Sergent-chef"
    )
    assert detail_text('{"fields": ["grade", "unit"]}') == "fields : grade, unit"
    assert detail_text('{"count": 3, "why": "code"}') == "count : 3 ; why : code"
    assert detail_text("submit") == "submit"
    assert detail_text("") == ""
    assert detail_text('["a", "b"]') == "a, b"
