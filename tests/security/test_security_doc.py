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


def test_findings_name_tests_that_exist():
    """Each fixed finding names tests that are really there."""
    import re
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.security.findings import BEYOND
    from tests.security.findings import FINDINGS

    numbers = [finding.number for finding in FINDINGS]
    assert numbers == sorted(set(numbers))
    assert numbers == list(range(1, 15))  # every finding of the report
    for finding in FINDINGS + BEYOND:
        assert finding.tests, finding.number
        for test in finding.tests:
            path, name = test.split("::")
            source = (ROOT / path).read_text()
            assert re.search(rf"def {re.escape(name)}\(", source), test
