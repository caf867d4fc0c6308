"""What the dashboard counts besides the files, made in the test through the
domain APIs and workflows (never in the shared test data, which many tests
count on): leave on the reference date, an evaluation campaign with
evaluations moved through their workflow, a closed training session of a
priority-domain course, a published recruitment campaign. Explicit dates
only; each step as the user who does it."""

from datetime import date
from plone import api
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.leave import api as leave_api
from sirhp.content.recruitment import api as recruitment
from sirhp.content.training import api as training_api
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on

AT = REFERENCE_DATE
AGENCY = "police-nationale"
# a concours that ended before AT: the dashboard shows the latest published
CAMPAIGN = {
    "id": "concours-agents-2026",
    "title": "Concours d'agents 2026",
    "corps": "sous-officiers",
    "grade": "agent",
    "posts": 4,
    "quotas": ["segou|2", "kayes|1"],
    "shortfall_rule": "national",
    "start": date(2026, 6, 1),
    "end": date(2026, 9, 30),
}
# nina, first names, region, sex, the mark at every stage (None: eliminated
# at the written tests); every mark distinct, so no tie decides
CANDIDATES = (
    ("SEGOU0000000001", "Awa", "segou", "F", 15.5),
    ("SEGOU0000000002", "Bakary", "segou", "M", 14.0),
    ("SEGOU0000000003", "Cheick", "segou", "M", 16.0),
    ("KAYES0000000001", "Djeneba", "kayes", "F", 12.0),
    ("KAYES0000000002", "Elhadj", "kayes", "M", None),
    ("MOPTI0000000001", "Fanta", "mopti", "F", 13.0),
    ("SIKAS0000000001", "Goundo", "sikasso", "F", 11.0),
)


def _file(portal, testdata, name):
    return portal.unrestrictedTraverse(testdata.path_of(name))


def leave(portal, testdata):
    """Officer A on approved annual leave over AT, officer B on approved
    sick leave over AT; a requested leave of B after AT (not counted)."""
    a, b = (
        _file(portal, testdata, "pn_validated"),
        _file(portal, testdata, "pn_validated2"),
    )
    made = []
    with api.env.adopt_user(username="clerk.pn"):
        for file, kind, start, end in (
            (a, "annual", date(2026, 10, 26), date(2026, 11, 6)),
            (b, "sick", date(2026, 10, 30), date(2026, 11, 3)),
            (b, "annual", date(2026, 11, 16), date(2026, 11, 20)),
        ):
            made.append(
                leave_api.request_leave(
                    file=file,
                    leave_type=kind,
                    start=start,
                    end=end,
                    reason="Motif de test",
                    today=date(2026, 10, 20),
                )
            )
    with api.env.adopt_user(username="commander.pn"):
        api.content.transition(obj=made[0], transition="approve")
    with api.env.adopt_user(username="commander2.pn"):
        api.content.transition(obj=made[1], transition="approve")
    return made


def _do(user, obj, transition, comment=""):
    with api.env.adopt_user(username=user):
        api.portal.get_tool("portal_workflow").doActionFor(
            obj, transition, comment=comment
        )


def evaluations(portal, testdata):
    """The 2026 campaign opened: officer A's evaluation validated (filled,
    submitted, acknowledged, validated), B's submitted (to acknowledge),
    any other left in draft."""
    with api.env.adopt_user(username="hrmanager.pn"):
        campaign = evaluation_api.create_campaign(
            agency=portal[AGENCY],
            year=2026,
            grid={"discipline": 40, "efficacite": 60},
            evaluation_deadline=date(2026, 12, 15),
            acknowledge_days=15,
        )
        evaluation_api.open_campaign(campaign=campaign)
    name = evaluation_api.evaluation_id(campaign)
    a = _file(portal, testdata, "pn_validated")[name]
    b = _file(portal, testdata, "pn_validated2")[name]
    with clock_on(AT):
        for evaluation, commander in ((a, "commander.pn"), (b, "commander2.pn")):
            with api.env.adopt_user(username=commander):
                evaluation_api.set_marks(
                    evaluation=evaluation,
                    marks={"discipline": 12, "efficacite": 15},
                    assessment="Agent sérieux.",
                )
            _do(commander, evaluation, "submit")
        _do(testdata.FILES["pn_validated"], a, "acknowledge", "Pris connaissance.")
        _do("hrmanager.pn", a, "validate")
    return campaign


def training(portal, testdata):
    """A closed session of a community-policing course: officer A passed,
    B failed."""
    agency = portal[AGENCY]
    a, b = (
        _file(portal, testdata, "pn_validated"),
        _file(portal, testdata, "pn_validated2"),
    )
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.create(
            container=agency,
            type="TrainingCourse",
            id="proximite",
            title="Police de proximité",
            code="PROX",
            domain="proximity",
            hours=24,
            certificate=False,
        )
        session = api.content.create(
            container=agency,
            type="TrainingSession",
            id="proximite-2026",
            title="Police de proximité 2026",
            course_code="PROX",
            start=date(2026, 9, 7),
            end=date(2026, 9, 11),
            capacity=5,
        )
        training_api.nominate(session=session, file=a)
        training_api.nominate(session=session, file=b)
        training_api.record_result(session=session, file=a, result="passed")
        training_api.record_result(session=session, file=b, result="failed")
        api.content.transition(obj=session, transition="record")
    with clock_on(AT), api.env.adopt_user(username="siteadmin"):
        api.content.transition(obj=session, transition="close")
    return session


def campaign(portal):
    """``CAMPAIGN`` with ``CANDIDATES`` marked, proposed by recruiter.pn,
    published by hrmanager.pn."""
    with api.env.adopt_user(username="recruiter.pn"):
        concours = api.content.create(
            container=portal[AGENCY], type="RecruitmentCampaign", **CAMPAIGN
        )
        people = [
            recruitment.add_candidate(
                campaign=concours,
                last_name="Coulibaly",
                first_names=first,
                nina=nina,
                sex=sex,
                birth_date=date(2001, 3, 1),
                region_of_origin=region,
            )
            for nina, first, region, sex, _mark in CANDIDATES
        ]
        api.content.transition(obj=concours, transition="open")
        stages = recruitment.stages_of(concours)
        for candidate, (*_rest, mark) in zip(people, CANDIDATES, strict=True):
            scores = {s.code: mark for s in stages} if mark else {"ecrit": 5}
            recruitment.set_scores(candidate=candidate, scores=scores)
        api.content.transition(obj=concours, transition="close")
        api.content.transition(obj=concours, transition="propose_results")
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=concours, transition="publish")
    return concours


def create(portal, testdata):
    """All of it; returns ``{"leave", "evaluations", "training",
    "campaign"}``."""
    return {
        "leave": leave(portal, testdata),
        "evaluations": evaluations(portal, testdata),
        "training": training(portal, testdata),
        "campaign": campaign(portal),
    }
