"""The access tables over HTTP: the wiring of each view and endpoint, and
the no-leak rule.

Every cell of the tables (``sirhp.policy.access``) is asserted in process by
``test_access_in_process.py``. Here, for each content type, state and
operation, through plone.restapi **and** the Classic UI pages, two personas
run: one allowed (the one with the fewest rights on the object, so a page
asking more than the table says is caught) and one refused (the likeliest
to leak: the agency's own staff without the right first, then the
auditors and administrators, then the other agency, anonymous last). The
test asserts that the answer says "allowed" exactly when the table does; for
a refusal, that the planted marker of the object is nowhere in the answer
and that nothing changed (state, edited value, children, existence, local
roles). Cells that change data when allowed run on a fresh object of their
own.

How each operation is asked (REST / browser):

==========  ======================================  ============================
view        GET <obj> (JSON)                        GET <obj> (page)
sensitive   medical notes in GET <obj>              medical notes in the page
photo       GET <obj>/@@images/photo                (same URL, HTML Accept)
download    GET <obj>/@@download/<field>            (same URL, HTML Accept)
attachment  GET <obj>/@@download/attachment         (same URL, HTML Accept)
edit        PATCH a field: 204                      @@edit shows the edit form
propose     PATCH a field: 202 (change request)     @@edit shows the proposal
upload      POST a ScannedDocument: 201             ++add++ScannedDocument form
delete      DELETE: 204                             @@delete_confirmation
history     GET @history                            @@historique
audit       @audit-log?matricule= (site, agency):   @@journal?matricule=
            the file's entries only
sharing     GET @sharing; refused: POST @sharing    @@sharing
            delegates nothing
search      @search?UID=: found, and listed in the  @@search?UID=: listed; never
            file's JSON items exactly then          on the file page if not
<transition> POST @workflow/<id>: 200               offered in the workflow menu
==========  ======================================  ============================
"""

import pytest
from sirhp.policy.access import TABLES
from sirhp.policy.base.access import ANONYMOUS
from sirhp.policy.base.access import OTHER_AGENCY
from sirhp.policy.base.access import PERSONAS
from sirhp.policy.base.access import SAME_AGENCY
from sirhp.policy.base.access import SITE_WIDE
from tests.security.access import class_name
from tests.security.access import Client
from tests.security.access import Site
from tests.security.http_probe import Probe

pytestmark = pytest.mark.slow

CHANNELS = ("rest", "browser")
# REST services without a page: asked once
# (the page @@ouvrir-campagne asks the same permission:
# tests/evaluation/test_campaign_opening.py)
REST_ONLY = {
    "campaign_status",
    "open",
    "coverage",
    "fairness",
    "fairness_year",
    "indicators",
    "candidates",
    "deployment_list",
}
# pages without a REST service (their forms call the API): asked once
PAGE_ONLY = {
    "agency_list",
    "nominate",
    "results",
    "fairness_page",
    "fairness_xlsx",
    "fairness_pdf",
    "indicators_page",
    "indicators_xlsx",
    "attestation_pdf",
    "candidate_marks",
    "list_xlsx",
    "list_pdf",
}
# who is refused first: the closest to the objects (the likeliest to leak)
LEAK_ORDER = SAME_AGENCY + SITE_WIDE + OTHER_AGENCY + (ANONYMOUS,)


def rights(table, persona, state):
    return sum(table.allowed(persona, state, o) for o in table.operations)


def representatives(table, state, operation):
    """One allowed persona (the fewest rights here) and one refused (the
    likeliest to leak); either may be missing when nobody / everybody may."""
    allowed = [p for p in PERSONAS if table.allowed(p, state, operation)]
    refused = [p for p in LEAK_ORDER if p not in allowed]
    chosen = []
    if allowed:
        chosen.append(min(allowed, key=lambda p: rights(table, p, state)))
    if refused:
        # the agency's own people first, the one with the most rights there
        chosen.append(
            min(
                refused,
                key=lambda p: (
                    p not in SAME_AGENCY,
                    -rights(table, p, state),
                    LEAK_ORDER.index(p),
                ),
            )
        )
    return chosen


def http_cells(table):
    """(persona, state, operation, allowed) run over HTTP for ``table``."""
    return [
        (persona, state, operation, table.allowed(persona, state, operation))
        for state in table.states
        for operation in table.operations
        for persona in representatives(table, state, operation)
    ]


def test_http_cells_cover_every_row_both_ways():
    """Each (state, operation) of each table runs an allowed persona when
    anybody may, and a refused one when anybody may not."""
    assert sorted(LEAK_ORDER) == sorted(PERSONAS)
    # every SIRHP content type but the containers (Agency, Unit)
    assert {t.portal_type for t in TABLES} == {
        "PersonnelFile",
        "ScannedDocument",
        "CareerEvent",
        "ChangeRequest",
        "Badge",
        "BadgePrintBatch",
        "LeaveRequest",
        "EvaluationCampaign",
        "Evaluation",
        "TrainingCourse",
        "TrainingSession",
        "PromotionTable",
        "AttestationRequest",
        "RecruitmentCampaign",
        "Candidate",
        "DeploymentList",
    }
    for table in TABLES:
        cells = http_cells(table)
        for state in table.states:
            for operation in table.operations:
                values = {
                    allowed
                    for _p, s, o, allowed in cells
                    if (s, o) == (state, operation)
                }
                answers = {table.allowed(p, state, operation) for p in PERSONAS}
                assert values == answers, (table.key, state, operation)
        values = [allowed for *_, allowed in table.cells()]
        assert any(values) and not all(values), table.key


@pytest.fixture(scope="class")
def site(functional_portal_class):
    return Site(functional_portal_class)


@pytest.fixture(scope="class")
def client():
    http = Client()
    yield http
    http.session.close()


def _table_class(table):
    cells = [
        (channel, *cell)
        for cell in http_cells(table)
        for channel in CHANNELS
        if (channel == "rest" and cell[2] not in PAGE_ONLY)
        or (channel == "browser" and cell[2] not in REST_ONLY)
    ]

    class TestTable:
        @pytest.mark.parametrize(
            "channel,persona,state,operation,expected",
            cells,
            ids=[
                f"{c[0]}-{c[1]}-{c[2]}-{c[3]}-{'allow' if c[4] else 'deny'}"
                for c in cells
            ],
        )
        def test_cell(self, site, client, channel, persona, state, operation, expected):
            probe = Probe(
                site, client, table, persona, state, operation, expected, channel
            )
            assert probe.run() is expected

    TestTable.__name__ = class_name(table)
    TestTable.__doc__ = (
        f"{table.label[1]}: {len(cells)} HTTP cells of {table.cell_count}."
    )
    return TestTable


# TestFile, TestDocument...: one class per table of sirhp.policy.access
globals().update({cls.__name__: cls for cls in map(_table_class, TABLES)})
