"""docs/security.md renders the security table as it is now."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_security_doc_is_current():
    spec = importlib.util.spec_from_file_location(
        "render", ROOT / "scripts" / "render_security_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "security.md").read_text() == module.render(), (
        "run: .venv/bin/python scripts/render_security_doc.py"
    )
