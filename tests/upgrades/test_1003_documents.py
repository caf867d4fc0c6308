"""Upgrade sirhp.content 1002 -> 1003 (scanned documents) on a simulated 1002 site.

The step function is run directly, then again (re-runnable); HR's own
vocabulary edits are kept; existing documents are queued for their text.
"""

from plone import api
from plone.namedfile.file import NamedBlobFile
from sirhp.content.upgrades import to_1003
from sirhp.policy.setuphandlers.pdf import tiny_pdf


def _back_to_1002(portal, doc):
    catalog = portal.portal_catalog
    for index in ("text_status", "document_date"):
        catalog.delIndex(index)
    fti = portal.portal_types["ScannedDocument"]
    fti.behaviors = tuple(b for b in fti.behaviors if b != "sirhp.scan_metadata")
    registry = portal.portal_registry
    for key in [k for k in registry.records.keys() if k.startswith("sirhp.documents.")]:
        del registry.records[key]
    lines = [
        line.replace("|restricted", "")
        for line in registry["sirhp.document_types"]
        if not line.startswith("diplome|")
    ]
    # HR's own line with a sensitivity already set is kept as it is
    registry["sirhp.document_types"] = lines + ["diplome|Diplôme|normal|10"]
    for name in ("text_status", "file_sha256"):
        doc.__dict__.pop(name, None)
    portal.portal_setup.setLastVersionForProfile("sirhp.content:default", "1002")


def test_to_1003(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        doc = api.content.create(
            container=file,
            type="ScannedDocument",
            id="ancienne",
            document_type="acte-naissance",
            document_date=__import__("datetime").date(1990, 5, 4),
            file=NamedBlobFile(tiny_pdf(["Acte"]), filename="a.pdf"),
        )
        _back_to_1002(portal, doc)
        assert doc.text_status is None  # class default: never queued
        to_1003(portal.portal_setup)
        to_1003(portal.portal_setup)  # re-runnable
    catalog = portal.portal_catalog
    assert {"text_status", "document_date"} <= set(catalog.indexes())
    assert catalog.Indexes["document_date"].meta_type == "DateIndex"
    assert "sirhp.scan_metadata" in portal.portal_types["ScannedDocument"].behaviors
    assert api.portal.get_registry_record("sirhp.documents.max_upload_mb") == 50
    lines = api.portal.get_registry_record("sirhp.document_types")
    assert "certificat-medical|Certificat médical|restricted" in lines
    assert "decision-disciplinaire|Décision disciplinaire|restricted" in lines
    assert lines.count("diplome|Diplôme|normal|10") == 1
    assert doc.text_status == "pending"
    found = catalog.unrestrictedSearchResults(
        text_status="pending",
        document_date={
            "query": __import__("datetime").date(1990, 1, 1),
            "range": "min",
        },
    )
    assert "/".join(doc.getPhysicalPath()) in [b.getPath() for b in found]


def test_1003_registered(portal):
    steps = portal.portal_setup.listUpgrades("sirhp.content:default", show_old=True)
    flat = [s for step in steps for s in (step if isinstance(step, list) else [step])]
    assert any(s["dest"] == ("1003",) and s["source"] == ("1002",) for s in flat)
