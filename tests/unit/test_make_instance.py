"""scripts/make_instance.py: the Zope client listens on loopback unless told."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module():
    spec = importlib.util.spec_from_file_location(
        "sirhp_make_instance", ROOT / "scripts" / "make_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_loopback_by_default_and_host_option(tmp_path):
    make_instance = _module()
    etc = make_instance.make("local", port=9790, base=tmp_path)
    assert "host = 127.0.0.1\n" in (etc / "zope.ini").read_text()
    etc = make_instance.make("lan", port=9791, host="0.0.0.0", base=tmp_path)
    assert "host = 0.0.0.0\n" in (etc / "zope.ini").read_text()
