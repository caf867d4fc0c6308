"""Upgrade: ScannedDocument moves to sirhp.content.documents.content.

The test site's FTI is put back to the old module path, as on a site made
before the move; the step points it at the new one (run twice: re-runnable).
A document pickled under the old module path still loads, as the class
itself (not a ZODB ``Broken`` object), through ``bbb.ALIASES``.
"""

import importlib
import pickle
from plone import api
from plone.namedfile.file import NamedBlobFile
from sirhp.content import bbb
from sirhp.content.documents.content import IScannedDocumentSchema
from sirhp.content.documents.content import ScannedDocument
from sirhp.content.upgrades import v1006
from sirhp.policy.setuphandlers.pdf import tiny_pdf

OLD = {
    "klass": "sirhp.content.content.scanned_document.ScannedDocument",
    "schema": "sirhp.content.content.scanned_document.IScannedDocumentSchema",
}


def test_profile_and_step_agree(portal):
    fti = portal.portal_types["ScannedDocument"]
    assert fti.klass == v1006.fti_properties("ScannedDocument")["klass"]
    assert fti.schema == v1006.fti_properties("ScannedDocument")["schema"]


def test_fti_moved_to_the_new_module(portal, testdata):
    fti = portal.portal_types["ScannedDocument"]
    fti.manage_changeProperties(**OLD)
    assert fti.lookupSchema() is IScannedDocumentSchema  # through the alias
    v1006.upgrade(portal.portal_setup)
    v1006.upgrade(portal.portal_setup)  # re-runnable
    assert fti.klass == "sirhp.content.documents.content.ScannedDocument"
    assert fti.schema == "sirhp.content.documents.content.IScannedDocumentSchema"
    assert fti.lookupSchema() is IScannedDocumentSchema
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        doc = api.content.create(
            container=file,
            type="ScannedDocument",
            id="apres-migration",
            document_type="diplome",
            file=NamedBlobFile(tiny_pdf(["Diplôme"]), filename="d.pdf"),
        )
    assert type(doc.aq_base) is ScannedDocument
    assert doc.page_count == 1 and doc.text_status == "pending"


def test_old_module_path_is_the_new_module():
    assert (
        bbb.ALIASES[v1006.OLD_MODULES["ScannedDocument"]]
        == v1006.MOVED["ScannedDocument"]
    )
    old = importlib.import_module(v1006.OLD_MODULES["ScannedDocument"])
    assert old.ScannedDocument is ScannedDocument


def test_object_pickled_under_the_old_path_loads():
    doc = ScannedDocument()
    doc.document_type = "diplome"
    data = pickle.dumps(doc, protocol=2)
    new = f"c{v1006.MOVED['ScannedDocument']}\nScannedDocument\n".encode()
    assert new in data
    stored = data.replace(
        new, f"c{v1006.OLD_MODULES['ScannedDocument']}\nScannedDocument\n".encode()
    )
    loaded = pickle.loads(stored)
    assert type(loaded) is ScannedDocument
    assert loaded.document_type == "diplome"
