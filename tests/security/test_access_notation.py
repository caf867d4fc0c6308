"""One-off check: the tables in the product notation (sirhp.policy.access)
give exactly the expected values of the old test tables (matrix.py,
file_operations_matrix.py, badge_matrix.py, tables.py with its overrides).
Deleted with the old modules."""

from sirhp.policy.access import all_cells
from sirhp.policy.access import TABLE
from tests.security import badge_matrix
from tests.security import file_operations_matrix
from tests.security import matrix
from tests.security import tables


def _new():
    return {(c.table, c.state, c.persona, c.operation): c.allowed for c in all_cells()}


def test_same_map_as_tables_py():
    old = {
        (key, state, persona, operation): allowed
        for key, persona, state, operation, allowed in tables.all_cells()
    }
    new = _new()
    assert set(old) == set(new)
    assert {k: v for k, v in new.items() if old[k] != v} == {}
    assert [t.key for t in tables.TABLES] == list(TABLE)
    for old_table in tables.TABLES:
        new_table = TABLE[old_table.key]
        assert new_table.portal_type == old_table.portal_type
        assert new_table.label == old_table.label
        assert new_table.states == old_table.states
        assert new_table.operations == old_table.operations
        assert new_table.note == old_table.note


def test_same_map_as_matrix_py():
    new = _new()
    for persona, state, operation, allowed in matrix.cells():
        name = "upload" if operation == "add" else operation
        assert new["file", state, persona, name] is allowed, (persona, state, name)


def test_same_map_as_file_operations_matrix_py():
    new = _new()
    for persona, state, operation, allowed in file_operations_matrix.cells():
        assert new["file", state, persona, operation] is allowed


def test_same_map_as_badge_matrix_py():
    new = _new()
    for persona, state, operation, allowed in badge_matrix.badge_cells():
        assert new["badge", state, persona, operation] is allowed


def test_same_labels():
    from sirhp.policy.base import access

    assert access.PERSONAS == matrix.PERSONAS
    assert access.OPERATION_LABELS == tables.OPERATION_LABELS
    assert access.STATE_LABELS == tables.STATE_LABELS
    assert access.MUTATING == tables.MUTATING
    assert access.TRANSITIONS == tables.TRANSITIONS
