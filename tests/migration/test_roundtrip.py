"""A whole site exported and imported into a fresh SIRHP site in the same
ZODB: same content, states, history, fields (medical and disciplinary
included), blobs, relations, accounts, local roles, and who may see what."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
import hashlib
import json
from pathlib import Path
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from plone.dexterity.utils import iterSchemata
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from Products.CMFPlone.factory import addPloneSite
import pytest
import runpy
from sirhp.content.content.field_access import may_read_field
from sirhp.policy.files.access import FILE
from sirhp.policy.migration import manifest
from sirhp.policy.migration.errors import MigrationError
from sirhp.policy.migration.export import export_site
from sirhp.policy.migration.importer import import_site
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import transaction
from zope.component.hooks import setSite
from zope.i18n import translate
from zope.schema import getFieldNames

MIGRATE = Path(__file__).resolve().parents[2] / "scripts" / "migrate.py"
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


def field_values(obj):
    """Every schema and behaviour field of ``obj``: blobs as sha256,
    relations as the target's UID."""
    values = {}
    for schema in iterSchemata(obj):
        for name in getFieldNames(schema):
            value = getattr(obj, name, None)
            if hasattr(value, "data") and hasattr(value, "filename"):
                value = hashlib.sha256(value.data).hexdigest()
            elif hasattr(value, "to_object"):
                value = value.to_object.UID()
            elif (
                isinstance(value, list | tuple)
                and value
                and hasattr(value[0], "to_object")
            ):
                value = [v.to_object.UID() for v in value]
            values[name] = value
    return values


def blobs(site):
    """{UID/field: sha256} of every file and image of ``site``."""
    found = {}
    for brain in site.portal_catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath())
    ):
        obj = brain._unrestrictedGetObject()
        for name, value in field_values(obj).items():
            if isinstance(getattr(obj, name, None), NamedBlobFile | NamedBlobImage):
                found[f"{brain.UID}/{name}"] = value
    return found


# A sample of the personnel file's access table: three personas (same
# agency, other agency, site-wide) and two operations, on a validated file.
ACCESS_SAMPLE = [
    (persona, operation)
    for persona in ("clerk.pn", "hrmanager.ocs", "auditor")
    for operation in ("view", "sensitive")
]


def access(site, path):
    """{(persona, operation): allowed} on the object at ``path``, asked as
    each persona (``test_access_in_process``: view = ``View``, sensitive =
    ``View`` and the medical fields' read permission)."""
    found = {}
    manager = getSecurityManager()
    try:
        for persona, operation in ACCESS_SAMPLE:
            login(site, persona)
            obj = site.unrestrictedTraverse(path)
            view = bool(api.user.has_permission("View", obj=obj))
            if operation == "sensitive":
                view = view and all(
                    may_read_field(obj, n) for n in ("blood_group", "medical_notes")
                )
            found[(persona, operation)] = view
    finally:
        setSecurityManager(manager)
    return found


@pytest.fixture
def exported(portal, testdata, tmp_path):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    file.medical_notes = "Asthme léger (test de migration)"
    file.blood_group = "O+"
    file.photo = NamedBlobImage(data=PNG, filename="photo.png")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=file,
            type="ScannedDocument",
            id="diplome-migration",
            document_type="diplome",
            file=NamedBlobFile(tiny_pdf(["Diplôme"]), filename="diplome.pdf"),
        )
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
    samples = [
        testdata.path_of(name) for name in ("pn_validated", "pn_pending", "pn_archived")
    ]
    samples += [
        f"{path}/{child}"
        for path in samples[:1]
        for child in portal.unrestrictedTraverse(path).objectIds()
    ]
    old_fields = {p: field_values(portal.unrestrictedTraverse(p)) for p in samples}
    old_blobs = blobs(portal)
    old_access = access(portal, testdata.path_of("pn_validated"))
    old_groups = {
        g.getId(): sorted(u.getId() for u in api.user.get_users(group=g))
        for g in api.group.get_groups()
    }
    setSite(portal)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        target = fresh_site(app)
        import_site(portal=target, directory=directory)
    assert inventory(target) == source
    types, states = {}, {}
    for portal_type, state, _path in inventory(target).values():
        types[portal_type] = types.get(portal_type, 0) + 1
        states[f"{portal_type}/{state or ''}"] = (
            states.get(f"{portal_type}/{state or ''}", 0) + 1
        )
    assert types == expected["types"]
    assert states == expected["states"]
    assert len(samples) > 3  # the validated file's records and documents
    for path in samples:
        assert field_values(target.unrestrictedTraverse(path)) == old_fields[path], path
    assert blobs(target) == old_blobs == expected["blobs"]
    assert any(key.endswith("/file") for key in old_blobs)  # the scanned document
    assert {
        g.getId(): sorted(u.getId() for u in api.user.get_users(group=g))
        for g in api.group.get_groups()
    } == old_groups
    assert target.acl_users.authenticate("clerk.pn", testdata.PASSWORD, app.REQUEST)
    assert not target.acl_users.authenticate("clerk.pn", "wrong", app.REQUEST)
    expected_access = {
        (persona, operation): FILE.allowed(persona, "validated", operation)
        for persona, operation in ACCESS_SAMPLE
    }
    assert old_access == expected_access
    assert access(target, testdata.path_of("pn_validated")) == expected_access
    new = target.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert new.medical_notes == old.medical_notes
    assert new.photo.data == PNG
    assert new.unit.to_object.UID() == old_unit
    assert history(new) == old_history
    assert dict(new.get_local_roles()) == old_roles


def test_export_command_without_reason(app, portal, tmp_path, capsys):
    """``scripts/migrate.py export`` with no reason: exit status 1, the
    French message as the last line, no folder left."""
    main = runpy.run_path(str(MIGRATE))["main"]  # no "app": nothing runs on import
    folder = tmp_path / "export"
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        status = main(app, ["export", "--dir", str(folder), "--site", portal.getId()])
    assert status == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("Motif de l'export requis"), last
    assert not folder.exists()


def test_migration_messages_in_english():
    with pytest.raises(MigrationError) as info:
        export_site(portal=None, directory="/nonexistent", reason="")
    english = translate(info.value.message, target_language="en")
    assert english.startswith("A reason for the export is required")


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
