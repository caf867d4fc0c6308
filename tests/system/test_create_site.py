"""``make site`` with a setting the site would refuse: the real zconsole run.

In a temporary instance (scripts/make_instance.py), ``zconsole run ...
create_site.py`` with a demo password the policy refuses must say so in one
sentence, French then English, exit with status 2 without a traceback, and
leave no site in the database. About 10-20 s (Zope starts once).
"""

import importlib.util
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


def test_refused_demo_password_stops_before_the_site(tmp_path):
    etc = make_instance(tmp_path)
    env = dict(os.environ, SIRHP_DEMO_PASSWORD="holdout-demo")
    for name in ("SIRHP_DEMO_COUNT", "SIRHP_PUBLIC_URL", "SIRHP_TRUSTED_PROXIES"):
        env.pop(name, None)
    result = subprocess.run(
        [
            sys.executable,  # this interpreter: the code under test
            "-m",
            "Zope2.utilities.zconsole",
            "run",
            etc / "zope.conf",
            SCRIPTS / "create_site.py",
            "--demo",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
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
