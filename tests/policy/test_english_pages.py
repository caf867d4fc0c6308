"""English complete: the pages once found French-only in English mode (the
document page, document search, batch filing and its holding area, the
cover sheet, the change request, the register import and its report) keep none of their French labels."""

from datetime import date
from plone.app.testing import login
from plone.app.testing import logout
import pytest
import requests
from sirhp.content.changes import api as changes
from tests.documents import files
from tests.documents.conftest import add_document
from tests.legacy import rows as registers
import transaction

# Labels of each page, French (must be gone in English) and English (must show).
DOCUMENT = (
    ["Afficher le PDF", "Télécharger", "Type de pièce", "Date de la pièce"]
    + ["Texte de la pièce", "Aperçu des pages", "Nombre de pages"],
    ["Show the PDF", "Document text", "Page previews"],
)
SEARCH = (
    ["Recherche dans les pièces", "Chercher", "Type de pièce", "trouvée(s)"],
    ["Search in documents", "document(s) found"],
)
BATCH = (
    ["Classement par lot", "Classer le lot", "Pile numérisée", "Numérisez la pile"]
    + ["Pièces en attente"],
    ["File the batch", "Scanned stack"],
)
HOLDING = (
    ["Pièces en attente", "Aucune pièce en attente", "Pages qu'un lot"],
    ["Documents on hold"],
)
COVER = (
    ["Fiche de séparation", "Imprimer la fiche", "Imprimez une fiche"],
    ["Cover sheet", "Print the cover sheet"],
)
IMPORT = (
    ["Reprise des registres", "Télécharger le modèle", "Importer tout ou rien"]
    + ["Pièces numérisées (zip", "Vérifier (rien"],
    [
        "Import of the personnel registers",
        "Scanned documents (zip of &lt;matricule&gt;",
    ],
)
CHANGE = (
    ["demandée par", "Valeur actuelle", "Valeur proposée", "Champ"]
    + ["En attente de validation", "Lieu de naissance"],
    ["requested by", "Current value", "Proposed value", "Place of birth"],
)


AGENCY_LISTS = {
    "campagnes-evaluation": (
        ["Campagnes d'évaluation", "Aucune campagne d'évaluation", "Nouvelle campagne"],
        ["Evaluation campaigns", "No evaluation campaign", "New campaign"],
    ),
    "tableaux-avancement": (
        ["Tableaux d'avancement", "Aucun tableau d'avancement", "Nouveau tableau"]
        + ["Équité"],
        ["Promotion tables", "No promotion table", "New table", "Fairness"],
    ),
    "campagnes-recrutement": (
        ["Campagnes de recrutement", "Aucune campagne de recrutement"],
        ["Recruitment campaigns", "No recruitment campaign", "New campaign"],
    ),
}


def _get(url, user, testdata, language, **params):
    response = requests.get(
        url,
        params=params,
        auth=(user, testdata.PASSWORD),
        cookies={"I18N_LANGUAGE": language},
        timeout=30,
    )
    assert response.status_code == 200, url
    assert f'lang="{language}"' in response.text
    return response.text


def _check(labels, url, user, testdata, **params):
    """The French page shows the French labels (the list is right), the
    English one none of them and the English ones."""
    french, english = labels
    page = _get(url, user, testdata, "fr", **params)
    assert [word for word in french if word not in page] == []
    page = _get(url, user, testdata, "en", **params)
    assert [word for word in french if word in page] == []
    assert [word for word in english if word not in page] == []


@pytest.fixture
def document(functional, testdata):
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    doc = add_document(file, files.text_pdf(), id="en", document_date=date(2015, 2, 12))
    transaction.commit()
    return doc


@pytest.mark.parametrize("name", sorted(AGENCY_LISTS))
def test_agency_lists_in_english(functional, testdata, name):
    """The lists (empty on the test site: the empty message) with their
    heading, buttons and menu item."""
    agency = functional["portal"]["police-nationale"].absolute_url()
    french, english = AGENCY_LISTS[name]
    menu = (["Évaluations", "Avancement", "Recrutement"], ["Evaluations", "Promotion"])
    labels = (french + menu[0], english + menu[1])
    _check(labels, f"{agency}/@@{name}", "hrmanager.pn", testdata)


def test_document_page_in_english(document, testdata):
    _check(DOCUMENT, document.absolute_url(), "clerk.pn", testdata)


def test_document_search_in_english(functional, document, testdata):
    agency = functional["portal"]["police-nationale"].absolute_url()
    _check(SEARCH, f"{agency}/@@recherche-pieces", "clerk.pn", testdata, q="x")


def test_batch_filing_and_holding_in_english(functional, testdata):
    agency = functional["portal"]["police-nationale"].absolute_url()
    _check(BATCH, f"{agency}/@@classement-par-lot", "clerk.pn", testdata)
    _check(HOLDING, f"{agency}/@@pieces-en-attente", "clerk.pn", testdata)


def test_cover_sheet_in_english(functional, testdata):
    file = functional["portal"].unrestrictedTraverse(testdata.path_of("pn_draft"))
    _check(COVER, f"{file.absolute_url()}/@@fiche-separation", "clerk.pn", testdata)


def test_change_request_in_english(functional, testdata):
    portal = functional["portal"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "clerk.pn")
    request = changes.propose(
        target=file,
        changes={"birth_place": "Kati"},
        justification="Acte de naissance n° 123 du centre de Kati",
    )
    logout()
    transaction.commit()
    _check(CHANGE, request.absolute_url(), "reviewer.pn", testdata)


def test_register_import_in_english(functional, testdata):
    agency = functional["portal"]["police-nationale"].absolute_url()
    _check(IMPORT, f"{agency}/@@import-agents", "clerk.pn", testdata)


def test_register_check_report_in_english(functional, testdata):
    url = f"{functional['portal']['police-nationale'].absolute_url()}/@@import-agents"
    session = requests.Session()
    session.auth = ("clerk.pn", testdata.PASSWORD)
    session.cookies.set("I18N_LANGUAGE", "en")
    page = session.get(url, timeout=30).text
    token = page.split('name="_authenticator" value="')[1].split('"')[0]
    answer = session.post(
        url,
        data={"_authenticator": token, "verifier": "1"},
        files={"fichier": ("a.xlsx", registers.xlsx([registers.row(1, grade="x")]))},
        timeout=60,
    ).text
    french = ["Rapport de vérification", "Correspondance des colonnes", "(ignorée)"]
    french += ["Grade « x » inconnu."]
    assert [word for word in french if word in answer] == []
    assert "Check report" in answer and "Column mapping" in answer
    assert "Unknown grade “x”." in answer
