"""``scripts/migrate.py``, the real zconsole runs: a demo site exported from
one instance and imported into a production site of another; a corrupted
export refused in French, exit status 1, the target unchanged.

Two temporary instances under /tmp/ops2-migration2-*, no server started
(zconsole only); the demo site is the run's (``--count 5``, built once per
test run and copied: sites.py). About 50-70 s (Zope starts eight times).
"""

import json
from pathlib import Path
import pytest
import shutil
import tempfile
from tests.system.ports import TMP
from tests.system.sites import install_demo_site
from tests.system.test_create_site import make_instance
from tests.system.test_create_site import zconsole_run

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
MIGRATE = ROOT / "scripts" / "migrate.py"
CREATE = ROOT / "scripts" / "create_site.py"
ADMIN = {"SIRHP_ADMIN_USER": "chef.si", "SIRHP_ADMIN_PASSWORD": "Bamako-serveur-2026"}

# Run in a site (zconsole): what a migration must carry, as JSON.
INSPECT = """
import hashlib
import json
import sys
from plone import api
from plone.dexterity.utils import iterSchemata
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.environment import DEFAULT_DEMO_PASSWORD
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.schema import getFieldNames

app = makerequest(app)  # noqa: F821
site = app["sirhp"]
setSite(site)
prefix = "/".join(site.getPhysicalPath()) + "/"


def value(obj, name):
    data = getattr(obj, name, None)
    if hasattr(data, "data") and hasattr(data, "filename"):
        return hashlib.sha256(data.data).hexdigest()
    if hasattr(data, "to_object"):
        target = data.to_object
        return target.UID() if target is not None else None
    if isinstance(data, (list, tuple, set, frozenset)):
        return sorted(repr(value_of(x)) for x in data)
    return repr(value_of(data))


def value_of(data):
    if hasattr(data, "to_object"):
        return data.to_object.UID() if data.to_object is not None else None
    return data


items, blobs, fields, roles = {}, {}, {}, {}
brains = sorted(
    site.portal_catalog.unrestrictedSearchResults(path=prefix.rstrip("/")),
    key=lambda b: b.getPath(),
)
for brain in brains:
    if brain.portal_type == "Plone Site":
        continue  # the site itself is not exported: each site has its own
    path = brain.getPath()[len(prefix):]
    obj = brain._unrestrictedGetObject()
    state = brain.review_state
    items[brain.UID] = [
        brain.portal_type, state if isinstance(state, str) else None, path
    ]
    roles[path] = sorted(
        (principal, sorted(r)) for principal, r in obj.get_local_roles()
    ) + [bool(getattr(obj, "__ac_local_roles_block__", False))]
    names = sorted({n for s in iterSchemata(obj) for n in getFieldNames(s)})
    values = {name: value(obj, name) for name in names}
    for name in names:
        data = getattr(obj, name, None)
        if hasattr(data, "data") and hasattr(data, "filename"):
            blobs[brain.UID + "/" + name] = values[name]
    if brain.portal_type in ("PersonnelFile",) or len(fields) < 12:
        fields[path] = values
logins = [login for login, _n, _g in demo.STAFF_USERS] + [demo.matricule(0, 1)]
print("INSPECT " + json.dumps({
    "items": items,
    "blobs": blobs,
    "fields": fields,
    "roles": roles,
    "users": sorted(u.getId() for u in api.user.get_users()),
    "groups": {
        g.getId(): sorted(u.getId() for u in api.user.get_users(group=g))
        for g in api.group.get_groups()
    },
    "logins": sorted(
        login for login in logins
        if site.acl_users.authenticate(login, DEFAULT_DEMO_PASSWORD, app.REQUEST)
    ),
}, sort_keys=True))
"""


def inspect(base, etc):
    script = base / "inspect_migrated_site.py"
    script.write_text(INSPECT)
    result = zconsole_run(base, etc, script)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("INSPECT ")]
    return json.loads(line.removeprefix("INSPECT "))


@pytest.fixture
def base():
    path = Path(tempfile.mkdtemp(prefix="ops2-migration2-", dir=TMP))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def ok(result):
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def test_migrate_demo_site_to_production_site(base, tmp_path_factory):
    old, new = base / "old", base / "new"
    old.mkdir()
    new.mkdir()
    old_etc, new_etc = make_instance(old), make_instance(new)
    install_demo_site(old / "site", 5, tmp_path_factory)
    source = inspect(old, old_etc)
    export = base / "export"
    # (the export refused without a reason: tests/migration/test_roundtrip.py)
    ok(
        zconsole_run(
            old,
            old_etc,
            MIGRATE,
            "export",
            "--dir",
            export,
            "--reason",
            "Migration vers le nouveau serveur",
        )
    )
    manifest = json.loads((export / "manifest.json").read_text())

    ok(zconsole_run(new, new_etc, CREATE, "--production", **ADMIN))
    empty = inspect(new, new_etc)

    # One item's JSON broken: the last personnel file, after agencies, units
    # and other files were imported in the same transaction.
    corrupted = base / "corrupted"
    shutil.copytree(export, corrupted)
    items = json.loads((corrupted / "content.json").read_text())
    file = [i for i in items if i["@type"] == "PersonnelFile"][-1]
    file["grade"] = "grade-inconnu"
    (corrupted / "content.json").write_text(json.dumps(items))
    result = zconsole_run(new, new_etc, MIGRATE, "import", "--dir", corrupted, **ADMIN)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr.split("Import refusé")[-1]
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Import refusé : ") and "grade-inconnu" in last, last
    assert last.endswith("Rien n'a été importé.")
    assert inspect(new, new_etc) == empty

    result = ok(zconsole_run(new, new_etc, MIGRATE, "import", "--dir", export, **ADMIN))
    target = inspect(new, new_etc)
    # Counts per type and state: the manifest's, on the imported site.
    types, states = {}, {}
    for portal_type, state, _path in target["items"].values():
        types[portal_type] = types.get(portal_type, 0) + 1
        key = f"{portal_type}/{state or ''}"
        states[key] = states.get(key, 0) + 1
    assert types == manifest["types"]
    assert states == manifest["states"]
    assert target["blobs"] == manifest["blobs"] == source["blobs"]
    assert target["blobs"], "the demo site has photos"
    differing = {
        (path, name, values.get(name), target["fields"].get(path, {}).get(name))
        for path, values in source["fields"].items()
        for name in values
        if target["fields"].get(path, {}).get(name) != values.get(name)
    }
    assert not differing, sorted(differing)
    for key in ("items", "fields", "roles", "users", "groups"):
        assert target[key] == source[key], key
    # Accounts log in with their old passwords.
    assert target["logins"] == source["logins"] != []
