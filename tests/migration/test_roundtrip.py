"""A whole site exported and imported into a fresh SIRHP site in the same
ZODB: same content, states, history, fields (medical and disciplinary
included), blobs, relations, accounts, local roles, and who may see what."""

import json
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobImage
from Products.CMFPlone.factory import addPloneSite
import pytest
from sirhp.policy.migration import manifest
from sirhp.policy.migration.errors import MigrationError
from sirhp.policy.migration.export import export_site
from sirhp.policy.migration.importer import import_site
import transaction
from zope.component.hooks import setSite

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def fresh_site(app, site_id="target"):
    site = addPloneSite(
        app,
        site_id,
        extension_ids=("plone.app.contenttypes:default", "sirhp.policy:default"),
        setup_content=False,
        default_language="fr",
    )
    setSite(site)
    return site


def inventory(site):
    """{UID: (type, state, path inside the site)} of every catalogued item."""
    prefix = "/".join(site.getPhysicalPath()) + "/"
    return {
        b.UID: (b.portal_type, b.review_state, b.getPath()[len(prefix) :])
        for b in site.portal_catalog.unrestrictedSearchResults(
            path={"query": prefix.rstrip("/")}
        )
        if b.getPath() != prefix.rstrip("/")
    }


def history(obj):
    return {
        workflow_id: [
            (e["action"], e["actor"], e["review_state"], e["comments"])
            + (round(e["time"].timeTime()),)
            for e in entries
        ]
        for workflow_id, entries in obj.workflow_history.items()
    }


@pytest.fixture
def exported(portal, testdata, tmp_path):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file.medical_notes = "Asthme léger (test de migration)"
    file.blood_group = "O+"
    file.photo = NamedBlobImage(data=PNG, filename="photo.png")
    directory = str(tmp_path / "export")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        result = export_site(portal=portal, directory=directory, reason="migration")
    return directory, result


def test_export_requires_reason(portal, tmp_path):
    with pytest.raises(MigrationError) as info:
        export_site(portal=portal, directory=str(tmp_path / "x"), reason=" ")
    assert "Motif" in info.value.text()
    assert not (tmp_path / "x").exists()


def test_export_has_sensitive_fields_and_manifest(exported, testdata):
    directory, result = exported
    with open(f"{directory}/{manifest.CONTENT}") as f:
        items = json.load(f)
    file = next(i for i in items if i["id"] == testdata.FILES["pn_validated"])
    assert file["medical_notes"] == "Asthme léger (test de migration)"
    assert "sensitive_fields_omitted" not in file
    assert result["types"]["PersonnelFile"] == len(testdata.SPECS)
    assert f"{file['UID']}/photo" in result["blobs"]
    assert [i["@type"] for i in items[:2]] == ["Agency", "Agency"]


def test_roundtrip(app, portal, exported, testdata):
    directory, expected = exported
    source = inventory(portal)
    old = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    old_unit = old.unit.to_object.UID()
    old_history = history(old)
    old_roles = dict(old.get_local_roles())
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        target = fresh_site(app)
        import_site(portal=target, directory=directory)
    assert inventory(target) == source
    new = target.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert new.medical_notes == old.medical_notes
    assert new.photo.data == PNG
    assert new.unit.to_object.UID() == old_unit
    assert history(new) == old_history
    assert dict(new.get_local_roles()) == old_roles


def test_corrupted_import_reports_and_creates_nothing(app, portal, exported):
    directory, _expected = exported
    path = f"{directory}/{manifest.CONTENT}"
    with open(path) as f:
        items = json.load(f)
    file = next(i for i in items if i["@type"] == "PersonnelFile")
    file["grade"] = "grade-inconnu"
    with open(path, "w") as f:
        json.dump(items, f)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        target = fresh_site(app)
        with pytest.raises(MigrationError) as info:
            import_site(portal=target, directory=directory)
    assert "Rien n'a été importé" in info.value.text()
    transaction.abort()  # what scripts/migrate.py does on a MigrationError
    # The aborted site must not stay the component site: the layer's
    # tear-down looks its utilities up there, fails, and never restores
    # ``transaction.commit`` (the TestIsolationBroken of the next tear-down).
    setSite(portal)
    assert "target" not in app.objectIds()
