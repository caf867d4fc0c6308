"""An offline install: a fresh virtualenv from the wheelhouse alone.

``make install OFFLINE=1`` into a new virtualenv, with every index disabled
(``PIP_NO_INDEX=1``, an index address nothing answers, no pip configuration
file: the machine's find-links are not seen), must install every pinned
distribution and the two editable packages, and ``import sirhp.policy``.

The wheelhouse is ``wheelhouse/`` when ``make wheelhouse`` made it; otherwise
it is built once into ``var/wheelhouse-test`` (kept between runs while
constraints.txt and the script stay the same: building it takes about a
minute and needs the index; installing from it, with uv, seconds).
"""

import hashlib
import os
from pathlib import Path
import pytest
import shutil
import subprocess
import sys
import tempfile
from tests.system.ports import TMP
import time

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]


def has_wheels(folder):
    return folder.is_dir() and any(folder.glob("*.whl"))


@pytest.fixture(scope="session")
def wheelhouse():
    folder = ROOT / "wheelhouse"
    if has_wheels(folder):
        return folder
    folder = ROOT / "var" / "wheelhouse-test"
    stamp = folder / ".complete"
    # rebuilt when the pins or the script change (the stamp holds their hash)
    digest = hashlib.sha256(
        (ROOT / "constraints.txt").read_bytes()
        + (ROOT / "scripts" / "wheelhouse.sh").read_bytes()
    ).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(folder, ignore_errors=True)
        env = dict(os.environ, WHEELHOUSE=str(folder), PYTHON=sys.executable)
        subprocess.run(
            ["bash", ROOT / "scripts" / "wheelhouse.sh"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=1800,
        )
        stamp.write_text(digest)
    return folder


def offline_environ():
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(
        PIP_NO_INDEX="1",
        PIP_INDEX_URL="http://127.0.0.1:9/",  # any index access fails
        PIP_CONFIG_FILE=os.devnull,  # no machine-wide find-links or indexes
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        # No byte-compilation of the installed modules: the test proves the
        # wheelhouse is complete, not that Python compiles them (the import
        # below still does for what it loads). pip reads a boolean variable
        # as its option's value: PIP_NO_COMPILE=1 would set compile=1, so it
        # is --compile's own variable that turns it off.
        PIP_COMPILE="0",
    )
    return env


def test_fresh_virtualenv_installs_from_the_wheelhouse(wheelhouse):
    work = Path(tempfile.mkdtemp(prefix="ops-prodwheel-offline-", dir=TMP))
    try:
        venv = work / "venv"
        started = time.monotonic()
        result = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "install",
                "OFFLINE=1",
                f"VENV={venv}",
                f"WHEELHOUSE={wheelhouse}",
                # The interpreter under the test's virtualenv makes the new one.
                f"PYTHON={os.path.realpath(sys.executable)}",
            ],
            cwd=ROOT,
            env=offline_environ(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        seconds = time.monotonic() - started
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        print(f"make install OFFLINE=1 into a fresh virtualenv: {seconds:.0f} s")
        imported = subprocess.run(
            [
                venv / "bin" / "python",
                "-c",
                "import sirhp.policy, sirhp.content, Products.CMFPlone; "
                "print(sirhp.policy.__file__)",
            ],
            env=offline_environ(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert imported.returncode == 0, imported.stderr[-3000:]
        assert imported.stdout.startswith(str(ROOT / "src" / "sirhp.policy"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_offline_without_wheelhouse_refused(tmp_path):
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "install",
            "OFFLINE=1",
            f"VENV={tmp_path / 'venv'}",
            f"WHEELHOUSE={tmp_path / 'none'}",
        ],
        cwd=ROOT,
        env=offline_environ(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "OFFLINE=1: no wheel in" in result.stderr
    assert not (tmp_path / "venv").exists()
