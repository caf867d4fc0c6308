"""One object of every SIRHP content type, put in any state, in process.

Read by ``test_plone_defaults.py`` and ``test_webdav_zmi.py``. The records,
the badge, the change request, the leave request, the attestation request and the print batch are created by clerk.pn
(their Owner) in officer A's validated file; the training course and session,
the campaign and the tableau d'avancement by hrmanager.pn in the agency, the
recruitment campaign and its candidate by recruiter.pn, the deployment list
by hrmanager.pn; the agency, unit and file are
those of the test data (the file also created by clerk.pn). A state is set
with the workflow tool and the state's role mappings (no transition, no
guard): the permissions of a state do not depend on how it was reached.
"""

from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.namedfile.file import NamedBlobFile
from sirhp.content.recruitment import api as recruitment_api
from sirhp.policy.setuphandlers.pdf import tiny_pdf

TYPES = (
    "Agency",
    "Unit",
    "PersonnelFile",
    "ScannedDocument",
    "CareerEvent",
    "Badge",
    "ChangeRequest",
    "BadgePrintBatch",
    "LeaveRequest",
    "TrainingCourse",
    "TrainingSession",
    "EvaluationCampaign",
    "Evaluation",
    "PromotionTable",
    "AttestationRequest",
    "RecruitmentCampaign",
    "Candidate",
    "DeploymentList",
)
CREATOR = "clerk.pn"


def build(portal, testdata):
    """portal_type -> object."""
    from sirhp.content.attestations import api as attestation_api
    from sirhp.content.badges.api import create_print_batch
    from sirhp.content.changes import api as changes
    from sirhp.content.evaluation import api as evaluation_api
    from sirhp.content.leave import api as leave_api
    from sirhp.policy.setuphandlers.demo import REFERENCE_DATE

    agency = portal["police-nationale"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    objects = {
        "Agency": agency,
        "Unit": agency["dr-bamako"],
        "PersonnelFile": file,
    }
    with api.env.adopt_user(username=CREATOR):
        objects["ScannedDocument"] = api.content.create(
            container=file,
            type="ScannedDocument",
            id="piece",
            document_type="diplome",
            reference="REF-PIECE",
            file=NamedBlobFile(data=tiny_pdf(["Pièce"]), filename="piece.pdf"),
        )
        objects["CareerEvent"] = api.content.create(
            container=file, type="CareerEvent", id="acte", event_type="training"
        )
        objects["Badge"] = api.content.create(container=file, type="Badge", id="carte")
        objects["ChangeRequest"] = changes.propose(
            target=file,
            changes={"emergency_contact": "Contact proposé"},
            justification="Nomination du 2 mai",
        )
        objects["BadgePrintBatch"] = create_print_batch(
            agency=agency, badges=[objects["Badge"].UID()]
        )
        objects["LeaveRequest"] = leave_api.request_leave(
            file=file,
            leave_type="annual",
            start="2026-11-09",
            end="2026-11-13",
            reason="Congé annuel",
            today=REFERENCE_DATE,
        )
    # the training catalogue and sessions: planned by the agency's HR manager
    with api.env.adopt_user(username="hrmanager.pn"):
        objects["TrainingCourse"] = api.content.create(
            container=agency,
            type="TrainingCourse",
            id="formation",
            title="Police de proximité",
            code="PROX",
            domain="proximity",
            hours=20,
        )
        objects["TrainingSession"] = api.content.create(
            container=agency,
            type="TrainingSession",
            id="session",
            title="Police de proximité 2026",
            course_code="PROX",
            capacity=10,
        )
    # campaigns and their evaluations are HR managers' work
    with api.env.adopt_user(username="hrmanager.pn"):
        campaign = evaluation_api.create_campaign(
            agency=agency,
            year=REFERENCE_DATE.year,
            grid={"discipline": 100},
            evaluation_deadline=REFERENCE_DATE,
        )
        objects["EvaluationCampaign"] = campaign
        evaluation_api.create_evaluations(campaign=campaign)
        objects["Evaluation"] = file[evaluation_api.evaluation_id(campaign)]
        objects["PromotionTable"] = api.content.create(
            container=agency,
            type="PromotionTable",
            id="tableau",
            target_grade="officier-1",
            year=REFERENCE_DATE.year,
            posts=1,
        )
    # an official document asked for by clerk.pn on officer A's file
    with api.env.adopt_user(username="clerk.pn"):
        objects["AttestationRequest"] = attestation_api.request_document(
            file=file, kind="attestation_service", today=REFERENCE_DATE
        )
    # a concours is its recruitment officer's work
    with api.env.adopt_user(username="recruiter.pn"):
        objects["RecruitmentCampaign"] = campaign = api.content.create(
            container=agency,
            type="RecruitmentCampaign",
            id="concours",
            title="Concours",
            corps="sous-officiers",
            grade="agent",
            posts=1,
        )
        objects["Candidate"] = recruitment_api.add_candidate(
            campaign=campaign,
            last_name="Traoré",
            first_names="Awa",
            nina="123456789012345",
            sex="F",
            birth_date="2000-05-01",
            region_of_origin="segou",
        )
    # a deployment list is the HR manager's
    with api.env.adopt_user(username="hrmanager.pn"):
        objects["DeploymentList"] = api.content.create(
            container=agency,
            type="DeploymentList",
            id="liste",
            title="Liste",
            purpose="Sécurisation d'un scrutin",
            start=REFERENCE_DATE,
            end=REFERENCE_DATE,
        )
    assert tuple(objects) == TYPES
    return objects


def workflow_of(obj):
    workflow = api.portal.get_tool("portal_workflow")
    (workflow_id,) = workflow.getChainFor(obj)
    return workflow[workflow_id]


def states_of(obj):
    return tuple(workflow_of(obj).states.objectIds())


def set_state(obj, state):
    definition = workflow_of(obj)
    api.portal.get_tool("portal_workflow").setStatusOf(
        definition.getId(),
        obj,
        {
            "action": None,
            "actor": SITE_OWNER_NAME,
            "comments": "",
            "review_state": state,
            "time": DateTime(),
        },
    )
    definition.updateRoleMappingsFor(obj)
