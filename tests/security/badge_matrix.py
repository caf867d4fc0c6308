"""The security matrix of a Badge: persona x badge state x operation.

Expected values come from
``profiles/default/workflows/sirhp_badge_workflow/definition.xml`` with the
roles each persona holds on a badge of a Police nationale file (local roles
of the file are inherited; see tests/security/matrix.py for the personas):

- the agency's records staff and the auditors see every badge; the officer
  concerned and the unit's commanders see it once a card exists (printed);
- clerks and HR managers print, hand over and mark expired; reviewers, clerks
  and HR managers revoke (lost, stolen...); nobody edits a printed card;
- the other agency, another officer, another unit's commander and anonymous
  users see nothing.

Operations are permissions: ``view`` (View), ``edit`` (Modify portal
content), ``print``/``issue``/``revoke``/``expire`` (the guard permission of
the transition; the Python guards are tested in tests/badges/).
"""

from tests.security.matrix import PERSONAS

BADGE_STATES = ("requested", "printed", "issued", "expired", "revoked")
BADGE_OPERATIONS = {
    "view": "View",
    "edit": "Modify portal content",
    "print": "sirhp: Transition: print badge",
    "issue": "sirhp: Transition: issue badge",
    "revoke": "sirhp: Transition: revoke badge",
    "expire": "sirhp: Transition: expire badge",
}

STAFF = {
    "clerk.pn",
    "clerk2.pn",
    "clerkreviewer.pn",
    "reviewer.pn",
    "hrmanager.pn",
    "auditor",
    "siteadmin",
}
CARD_SEERS = STAFF | {"officer", "commander.pn"}
OPERATORS = {"clerk.pn", "clerk2.pn", "clerkreviewer.pn", "hrmanager.pn", "siteadmin"}
REVOKERS = OPERATORS | {"reviewer.pn"}

_ALLOWED = {
    ("requested", "view"): STAFF,
    ("requested", "edit"): OPERATORS,
    ("requested", "print"): OPERATORS,
    ("requested", "revoke"): REVOKERS,
    ("printed", "view"): CARD_SEERS,
    ("printed", "issue"): OPERATORS,
    ("printed", "revoke"): REVOKERS,
    ("issued", "view"): CARD_SEERS,
    ("issued", "expire"): OPERATORS,
    ("issued", "revoke"): REVOKERS,
    # administrators may correct a card in every state
    ("printed", "edit"): {"siteadmin"},
    ("issued", "edit"): {"siteadmin"},
    ("expired", "edit"): {"siteadmin"},
    ("revoked", "edit"): {"siteadmin"},
    ("expired", "view"): CARD_SEERS,
    ("revoked", "view"): CARD_SEERS,
}


def badge_allowed(persona, state, operation):
    return persona in _ALLOWED.get((state, operation), set())


def badge_cells():
    for persona in PERSONAS:
        for state in BADGE_STATES:
            for operation in BADGE_OPERATIONS:
                yield (
                    persona,
                    state,
                    operation,
                    badge_allowed(persona, state, operation),
                )


BADGE_CELL_COUNT = len(PERSONAS) * len(BADGE_STATES) * len(BADGE_OPERATIONS)  # 450
