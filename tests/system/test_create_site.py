"""``make site`` with a setting the site would refuse: the real zconsole run;
and a production site (no ``--demo``): the administrator and the agencies only.

In a temporary instance (scripts/make_instance.py), ``zconsole run ...
create_site.py`` with a demo password the policy refuses must say so in one
sentence, French then English, exit with status 2 without a traceback, and
leave no site in the database. About 10-20 s (Zope starts once).
"""

import importlib.util
import json
import os
from pathlib import Path
import pytest
import subprocess
import sys

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"


def make_instance(base):
    spec = importlib.util.spec_from_file_location(
        "sirhp_make_instance", SCRIPTS / "make_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make("site", host="127.0.0.1", base=base)


def application_ids(data_fs):
    """The ids in the Zope root of a database no process holds any more."""
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(data_fs), read_only=True))
    try:
        connection = db.open()
        return set(connection.root()["Application"].objectIds())
    finally:
        db.close()


def zconsole_run(tmp_path, etc, script, *args, **environ):
    env = dict(os.environ, **environ)
    for name in ("SIRHP_DEMO_COUNT", "SIRHP_PUBLIC_URL", "SIRHP_TRUSTED_PROXIES"):
        env.pop(name, None)
    for name in ("SIRHP_ADMIN_USER", "SIRHP_ADMIN_PASSWORD", "SIRHP_DEMO_PASSWORD"):
        if name not in environ:
            env.pop(name, None)
    return subprocess.run(
        [
            sys.executable,  # this interpreter: the code under test
            "-m",
            "Zope2.utilities.zconsole",
            "run",
            etc / "zope.conf",
            script,
            *args,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_refused_demo_password_stops_before_the_site(tmp_path):
    etc = make_instance(tmp_path)
    result = zconsole_run(
        tmp_path,
        etc,
        SCRIPTS / "create_site.py",
        "--demo",
        SIRHP_DEMO_PASSWORD="holdout-demo",
    )
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[-2:] == [
        "SIRHP_DEMO_PASSWORD refusé par la politique de mots de passe du site : "
        "il faut des lettres et des chiffres.",
        "SIRHP_DEMO_PASSWORD refused by the site's password policy: letters "
        "and digits are required.",
    ]
    assert "created" not in result.stdout
    assert "sirhp" not in application_ids(tmp_path / "site" / "filestorage" / "Data.fs")


ADMIN = ("chef.si", "Bamako-serveur-2026")

# Run in the created site (zconsole): what a production site holds, as JSON.
INSPECT = """
import json
import sys
from plone import api
from sirhp.policy.setuphandlers import demo
from sirhp.policy.setuphandlers.environment import DEFAULT_DEMO_PASSWORD
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

app = makerequest(app)  # noqa: F821
site = app["sirhp"]
setSite(site)
catalog = site.portal_catalog
count = lambda **query: len(catalog.unrestrictedSearchResults(**query))
logins = [login for login, _n, _g in demo.STAFF_USERS] + [demo.matricule(0, 1)]
members = [user.getId() for user in api.user.get_users()]
demo_logins = [
    login
    for folder in (site.acl_users, app.acl_users)
    for login in logins + members + [sys.argv[-1]]
    if folder.authenticate(login, DEFAULT_DEMO_PASSWORD, app.REQUEST) is not None
]
admin = app.acl_users.authenticate(sys.argv[-1], sys.argv[-2], app.REQUEST)
print("INSPECT " + json.dumps({
    "files": count(portal_type="PersonnelFile"),
    "units": count(portal_type="Unit"),
    "other_types": sorted(
        {b.portal_type for b in catalog.unrestrictedSearchResults()} - {"Agency"}
    ),
    "agencies": sorted(b.getId for b in catalog.unrestrictedSearchResults(portal_type="Agency")),
    "members": members,
    "demo_logins": demo_logins,
    "admin_roles": sorted(admin.getRoles()) if admin is not None else None,
}))
"""


def test_production_site_has_no_demo_data(tmp_path):
    """Without --demo: the administrator from the environment, the profile's
    agencies; no file, unit, badge, member; the demo password opens nothing."""
    etc = make_instance(tmp_path)
    result = zconsole_run(
        tmp_path,
        etc,
        SCRIPTS / "create_site.py",
        "--production",
        SIRHP_ADMIN_USER=ADMIN[0],
        SIRHP_ADMIN_PASSWORD=ADMIN[1],
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "production: no demo data" in result.stdout
    assert "demo badges" not in result.stdout
    assert "concours" not in result.stdout
    inspect = (
        tmp_path / "inspect_production_site.py"
    )  # not inspect.py: cwd is on sys.path
    inspect.write_text(INSPECT)
    result = zconsole_run(tmp_path, etc, inspect, ADMIN[1], ADMIN[0])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    (line,) = [
        line for line in result.stdout.splitlines() if line.startswith("INSPECT ")
    ]
    found = json.loads(line.removeprefix("INSPECT "))
    assert found == {
        "files": 0,
        "units": 0,
        "other_types": [],
        "agencies": ["ocs", "police-nationale"],
        "members": [],
        "demo_logins": [],
        "admin_roles": ["Authenticated", "Manager"],
    }


def test_weak_admin_password_creates_no_site(tmp_path):
    etc = make_instance(tmp_path)
    result = zconsole_run(
        tmp_path,
        etc,
        SCRIPTS / "create_site.py",
        SIRHP_ADMIN_USER="chef.si",
        SIRHP_ADMIN_PASSWORD="motdepasse",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    french, english = result.stderr.splitlines()[-2:]
    assert french.startswith(
        "SIRHP_ADMIN_PASSWORD refusé par la politique de mots de passe du site :"
    ), french
    assert "moins de 12 caractères" in french
    assert "created" not in result.stdout
    data_fs = tmp_path / "site" / "filestorage" / "Data.fs"
    assert not data_fs.exists() or "sirhp" not in application_ids(data_fs)
