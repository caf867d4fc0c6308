"""The Makefile lets Python keep the bytecode it compiles, whatever the
environment says: a Zope start reads Plone's compiled modules instead of
compiling them again (about 5 s instead of 10, docs/benchmarks.md)."""

from pathlib import Path
import subprocess

ROOT = Path(__file__).resolve().parents[2]


def test_make_runs_python_with_bytecode_written(tmp_path):
    # a throw-away makefile that includes the project's settings and asks a
    # child process whether it may write bytecode
    probe = tmp_path / "probe.mk"
    probe.write_text(
        f"include {ROOT / 'Makefile'}\n"
        "probe:\n"
        "\t@python3 -c 'import sys; print(sys.dont_write_bytecode)'\n"
    )
    result = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "-f",
            str(probe),
            "probe",
        ],
        env={"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
