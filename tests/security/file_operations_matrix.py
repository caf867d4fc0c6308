"""Two more operations on a PersonnelFile: its audit log and its sharing.

Same personas and states as ``matrix.py`` (the files of ``FILE_OF_STATE``);
read by ``test_file_operations_matrix.py`` and rendered in docs/security.md.

- ``audit``: read the file's entries in the audit journal
  (``@audit-log?matricule=`` on the site for auditors, on the agency for its
  HR managers; ``@@journal`` likewise). The officer's own view of who
  consulted the file (``@@mes-consultations``, role and date only) is not
  the audit log.
- ``sharing``: open ``@@sharing`` / ``GET @sharing`` and delegate a local role
  (``POST @sharing``). Access comes from groups and the matricule, never by
  hand: administrators only (siteadmin), denied to every other persona.
"""

from tests.security.matrix import PERSONAS
from tests.security.matrix import STATES

OPERATIONS = ("audit", "sharing")

# who may, in every state (neither operation depends on the state)
_ALLOWED = {
    "audit": {"auditor", "hrmanager.pn", "siteadmin"},
    "sharing": {"siteadmin"},
}


def allowed(persona, state, operation):
    return persona in _ALLOWED[operation]


def cells():
    for persona in PERSONAS:
        for state in STATES:
            for operation in OPERATIONS:
                yield (persona, state, operation, allowed(persona, state, operation))


CELL_COUNT = len(PERSONAS) * len(STATES) * len(OPERATIONS)  # 120
