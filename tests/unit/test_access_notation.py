"""The access tables' notation (``sirhp.policy.base.access``) and the tables
of the domains, without Zope: pure declarations the tests and
``scripts/render_security_doc.py`` read."""

import ast
from pathlib import Path
import pytest
import sirhp.policy
from sirhp.policy.access import CELL_COUNT
from sirhp.policy.access import TABLE
from sirhp.policy.access import TABLES
from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import NOBODY
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

PACKAGE = Path(sirhp.policy.__file__).parent
ACCESS_MODULES = sorted([PACKAGE / "access.py", *PACKAGE.glob("*/access.py")], key=str)


def test_access_modules_import_nothing_but_the_notation():
    """Pure Python: the standard library and other access modules."""
    # the list, base, the record workflow and fifteen domains
    assert len(ACCESS_MODULES) == 18
    for path in ACCESS_MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = node.module
            elif isinstance(node, ast.Import):
                module = node.names[0].name
            else:
                continue
            assert module in ("dataclasses", "typing") or (
                module.startswith("sirhp.policy.") and module.endswith(".access")
            ), (path, module)


def test_one_table_per_content_type():
    assert list(TABLE) == [t.key for t in TABLES]
    assert CELL_COUNT == 12155
    assert sum(len(t.cells()) for t in TABLES) == CELL_COUNT
    for table in TABLES:
        cells = table.cells()
        assert len({c[1:4] for c in cells}) == table.cell_count
        # every table allows something and refuses something
        assert {c.allowed for c in cells} == {True, False}, table.key


def test_an_operation_not_named_is_refused():
    table = Table(
        key="t",
        portal_type="Thing",
        label=("Chose", "Thing"),
        states=("draft",),
        operations=("view", "edit"),
        rules=rows(draft={"edit": ADMIN}),
    )
    assert table.allowed("siteadmin", "draft", "edit")
    assert not table.allowed("siteadmin", "draft", "view")
    assert table.rules.get(("draft", "view"), NOBODY) == NOBODY
    assert [c.persona for c in table.cells() if c.allowed] == ["siteadmin"]
    assert table.cell_count == len(PERSONAS) * 2


@pytest.mark.parametrize(
    "rules",
    [
        rows(archived={"view": ADMIN}),  # a state the table does not have
        rows(draft={"fly": ADMIN}),  # an operation without a label
        rows(draft={"view": {"nobody.pn"}}),  # not a persona
    ],
)
def test_a_wrong_row_is_refused(rules):
    with pytest.raises(ValueError):
        Table("t", "Thing", ("Chose", "Thing"), ("draft",), ("view",), rules)
