"""THE security matrix of a PersonnelFile: persona x state x operation -> allowed.

One declarative table, read by test_matrix_integration.py (plone.api, in
process) and test_matrix_rest.py (HTTP against the functional WSGI server).

Where the expected values come from:

- ``profiles/default/workflows/sirhp_record_workflow/definition.xml``
  (per-state permission maps, acquired="False"), with the roles each persona
  holds on the Police nationale files of the test data:

  =================  =====================================================
  clerk.pn           RecordsClerk (group police-nationale-clerks, on the
                     Agency) + Owner (it created every PN file)
  clerk2.pn          RecordsClerk
  clerk.ocs          RecordsClerk on the *OCS* agency only -> nothing here
  reviewer.pn        RecordsReviewer
  clerkreviewer.pn   RecordsClerk + RecordsReviewer
  reviewer.ocs       nothing here (other agency)
  hrmanager.pn       HRManager
  hrmanager.ocs      nothing here (other agency)
  commander.pn       UnitCommander (commanders group of commissariat-1, the
                     unit of every file used by the matrix)
  commander2.pn      nothing here (commands Kayes)
  auditor            Auditor (global, group "auditors")
  siteadmin          Site Administrator (global, "Site Administrators")
  officer            Officer: the account whose id is the file's matricule
  other_officer      officer B (FILES["pn_validated2"]): nothing here
  anonymous          nothing
  =================  =====================================================

- the rules of the brief: officers and commanders see validated content only;
  the other agency sees nothing; auditors read everything and change nothing;
  nobody validates their own submission (the submitter of ``pn_pending`` is
  clerk.pn, who is no reviewer anyway; the four-eyes case of a clerk who is
  also a reviewer is tested in tests/workflows/test_record_workflow.py).

Operations:

- ``view``: permission "View" (REST: GET the JSON; UI: GET the page);
- ``edit``: "Modify portal content" (REST: PATCH a harmless field);
- ``add``: "sirhp: Add ScannedDocument" on the file;
- ``sensitive``: may actually read ``blood_group`` / ``medical_notes``, i.e.
  "View" AND "sirhp: Field: read sensitive" (HRManager, Auditor, Officer,
  Manager - rolemap.xml);
- ``submit`` / ``validate`` / ``reject`` / ``archive``: the transition is
  offered to the persona (guard permission + Python guard) and firing it works.
"""

PERSONAS = (
    "clerk.pn",
    "clerk2.pn",
    "clerk.ocs",
    "reviewer.pn",
    "clerkreviewer.pn",
    "reviewer.ocs",
    "hrmanager.pn",
    "hrmanager.ocs",
    "commander.pn",
    "commander2.pn",
    "auditor",
    "siteadmin",
    "officer",
    "other_officer",
    "anonymous",
)

STATES = ("draft", "pending", "validated", "archived")

OPERATIONS = (
    "view",
    "edit",
    "add",
    "sensitive",
    "submit",
    "validate",
    "reject",
    "archive",
)
TRANSITIONS = ("submit", "validate", "reject", "archive")

# The PN file of the test data in each state (testdata.FILES key). All four
# are in dr-bamako/commissariat-1 (commander.pn's unit), created by clerk.pn.
FILE_OF_STATE = {
    "draft": "pn_draft",
    "pending": "pn_pending",
    "validated": "pn_validated",
    "archived": "pn_archived",
}

# State reached by each transition (from the only state it leaves).
TRANSITION_SOURCE = {
    "submit": "draft",
    "validate": "pending",
    "reject": "pending",
    "archive": "validated",
}
TRANSITION_TARGET = {
    "submit": "pending",
    "validate": "validated",
    "reject": "draft",
    "archive": "archived",
}

Y = True
_ = False

# fmt: off
# (persona, state):                 view edit add sens submit valid reject archive
MATRIX = {
    ("clerk.pn", "draft"):            (Y,   Y,   Y,  _,   Y,     _,    _,     _),
    # pn_pending was submitted by clerk.pn, who has no reviewer role anyway
    ("clerk.pn", "pending"):          (Y,   _,   Y,  _,   _,     _,    _,     _),
    ("clerk.pn", "validated"):        (Y,   _,   Y,  _,   _,     _,    _,     _),
    ("clerk.pn", "archived"):         (Y,   _,   _,  _,   _,     _,    _,     _),

    ("clerk2.pn", "draft"):           (Y,   Y,   Y,  _,   Y,     _,    _,     _),
    ("clerk2.pn", "pending"):         (Y,   _,   Y,  _,   _,     _,    _,     _),
    ("clerk2.pn", "validated"):       (Y,   _,   Y,  _,   _,     _,    _,     _),
    ("clerk2.pn", "archived"):        (Y,   _,   _,  _,   _,     _,    _,     _),

    ("clerk.ocs", "draft"):           (_,   _,   _,  _,   _,     _,    _,     _),
    ("clerk.ocs", "pending"):         (_,   _,   _,  _,   _,     _,    _,     _),
    ("clerk.ocs", "validated"):       (_,   _,   _,  _,   _,     _,    _,     _),
    ("clerk.ocs", "archived"):        (_,   _,   _,  _,   _,     _,    _,     _),

    ("reviewer.pn", "draft"):         (Y,   _,   _,  _,   _,     _,    _,     _),
    ("reviewer.pn", "pending"):       (Y,   _,   _,  _,   _,     Y,    Y,     _),
    ("reviewer.pn", "validated"):     (Y,   _,   _,  _,   _,     _,    _,     _),
    ("reviewer.pn", "archived"):      (Y,   _,   _,  _,   _,     _,    _,     _),

    ("clerkreviewer.pn", "draft"):    (Y,   Y,   Y,  _,   Y,     _,    _,     _),
    # not its own submission (clerk.pn's): validate allowed
    ("clerkreviewer.pn", "pending"):  (Y,   _,   Y,  _,   _,     Y,    Y,     _),
    ("clerkreviewer.pn", "validated"): (Y,  _,   Y,  _,   _,     _,    _,     _),
    ("clerkreviewer.pn", "archived"): (Y,   _,   _,  _,   _,     _,    _,     _),

    ("reviewer.ocs", "draft"):        (_,   _,   _,  _,   _,     _,    _,     _),
    ("reviewer.ocs", "pending"):      (_,   _,   _,  _,   _,     _,    _,     _),
    ("reviewer.ocs", "validated"):    (_,   _,   _,  _,   _,     _,    _,     _),
    ("reviewer.ocs", "archived"):     (_,   _,   _,  _,   _,     _,    _,     _),

    ("hrmanager.pn", "draft"):        (Y,   Y,   Y,  Y,   Y,     _,    _,     _),
    ("hrmanager.pn", "pending"):      (Y,   _,   Y,  Y,   _,     Y,    Y,     _),
    ("hrmanager.pn", "validated"):    (Y,   _,   Y,  Y,   _,     _,    _,     Y),
    ("hrmanager.pn", "archived"):     (Y,   _,   _,  Y,   _,     _,    _,     _),

    ("hrmanager.ocs", "draft"):       (_,   _,   _,  _,   _,     _,    _,     _),
    ("hrmanager.ocs", "pending"):     (_,   _,   _,  _,   _,     _,    _,     _),
    ("hrmanager.ocs", "validated"):   (_,   _,   _,  _,   _,     _,    _,     _),
    ("hrmanager.ocs", "archived"):    (_,   _,   _,  _,   _,     _,    _,     _),

    ("commander.pn", "draft"):        (_,   _,   _,  _,   _,     _,    _,     _),
    ("commander.pn", "pending"):      (_,   _,   _,  _,   _,     _,    _,     _),
    ("commander.pn", "validated"):    (Y,   _,   _,  _,   _,     _,    _,     _),
    ("commander.pn", "archived"):     (_,   _,   _,  _,   _,     _,    _,     _),

    ("commander2.pn", "draft"):       (_,   _,   _,  _,   _,     _,    _,     _),
    ("commander2.pn", "pending"):     (_,   _,   _,  _,   _,     _,    _,     _),
    ("commander2.pn", "validated"):   (_,   _,   _,  _,   _,     _,    _,     _),
    ("commander2.pn", "archived"):    (_,   _,   _,  _,   _,     _,    _,     _),

    ("auditor", "draft"):             (Y,   _,   _,  Y,   _,     _,    _,     _),
    ("auditor", "pending"):           (Y,   _,   _,  Y,   _,     _,    _,     _),
    ("auditor", "validated"):         (Y,   _,   _,  Y,   _,     _,    _,     _),
    ("auditor", "archived"):          (Y,   _,   _,  Y,   _,     _,    _,     _),

    # administrators: everything but validating their own submission
    ("siteadmin", "draft"):           (Y,   Y,   Y,  Y,   Y,     _,    _,     _),
    ("siteadmin", "pending"):         (Y,   Y,   Y,  Y,   _,     Y,    Y,     _),
    ("siteadmin", "validated"):       (Y,   Y,   Y,  Y,   _,     _,    _,     Y),
    ("siteadmin", "archived"):        (Y,   Y,   Y,  Y,   _,     _,    _,     _),

    ("officer", "draft"):             (_,   _,   _,  _,   _,     _,    _,     _),
    ("officer", "pending"):           (_,   _,   _,  _,   _,     _,    _,     _),
    ("officer", "validated"):         (Y,   _,   _,  Y,   _,     _,    _,     _),
    ("officer", "archived"):          (_,   _,   _,  _,   _,     _,    _,     _),

    ("other_officer", "draft"):       (_,   _,   _,  _,   _,     _,    _,     _),
    ("other_officer", "pending"):     (_,   _,   _,  _,   _,     _,    _,     _),
    ("other_officer", "validated"):   (_,   _,   _,  _,   _,     _,    _,     _),
    ("other_officer", "archived"):    (_,   _,   _,  _,   _,     _,    _,     _),

    ("anonymous", "draft"):           (_,   _,   _,  _,   _,     _,    _,     _),
    ("anonymous", "pending"):         (_,   _,   _,  _,   _,     _,    _,     _),
    ("anonymous", "validated"):       (_,   _,   _,  _,   _,     _,    _,     _),
    ("anonymous", "archived"):        (_,   _,   _,  _,   _,     _,    _,     _),
}
# fmt: on

assert set(MATRIX) == {(p, s) for p in PERSONAS for s in STATES}, "incomplete matrix"
assert all(len(row) == len(OPERATIONS) for row in MATRIX.values()), "ragged matrix"


def allowed(persona, state, operation):
    return MATRIX[persona, state][OPERATIONS.index(operation)]


def cells(operations=OPERATIONS, states=STATES, personas=PERSONAS):
    """Every (persona, state, operation, allowed) of the table, in a stable order."""
    return [
        (persona, state, operation, allowed(persona, state, operation))
        for persona in personas
        for state in states
        for operation in operations
    ]


CELL_COUNT = len(PERSONAS) * len(STATES) * len(OPERATIONS)  # 15 x 4 x 8 = 480


def cell_id(persona, state, operation, expected):
    return f"{persona}-{state}-{operation}-{'allow' if expected else 'deny'}"


def officer_login(persona, state, files):
    """Login of an officer persona for the file used in ``state``.

    ``officer`` is the file's own officer (user id = matricule; accounts of
    pn_draft / pn_pending / pn_archived are created by the tests);
    ``other_officer`` is always officer B.
    """
    if persona == "officer":
        return files[FILE_OF_STATE[state]]
    if persona == "other_officer":
        return files["pn_validated2"]
    return persona


# Officers whose account the test data does not create (created by the tests).
MISSING_OFFICER_FILES = ("pn_draft", "pn_pending", "pn_archived")
