"""Access tables of training: the catalogue (``TrainingCourse``,
``sirhp_hr_catalogue_workflow``) and the sessions (``TrainingSession``,
``sirhp_training_workflow``). Notation: ``sirhp.policy.base.access``.

Both live in the agency: its records staff, auditors and administrators
read them (as the agency); officers and unit commanders never (their
trainings reach them as acts of their file). HR managers and
administrators keep the catalogue and plan a session (edit while planned);
``record`` once every participant has a result; ``close`` by someone who
neither entered nor recorded the results (four eyes: the session is
recorded by hrmanager.pn, so only siteadmin closes it). Nobody edits a
recorded or closed session; nobody but Zope's Managers deletes one.
The session page's forms (``nominate``: a participant by matricule;
``results``: each participant's result) are ``sirhp: Manage training``'s,
as the API checks it: HR managers and administrators while planned;
unit commanders never (they nominate through HR). A certificate
(``<file>/@@attestation?session=<id>``, closed session whose course gives
one): the officer himself and who may plan the agency's sessions (its HR
managers, administrators); nobody else, neither auditors nor the
officer's commander.
Coverage (GET <agency>/@training-coverage, ``sirhp: View training
coverage``): the agency's HR managers, auditors and administrators; it is
asked beside the course, as the catalogue's figures.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import NOBODY
from sirhp.policy.base.access import OFFICER
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import STAFF
from sirhp.policy.base.access import Table

MANAGERS = HR | ADMIN

COURSE = Table(
    key="course",
    portal_type="TrainingCourse",
    label=("Formation du catalogue", "Training course"),
    states=("internal",),
    operations=("view", "search", "edit", "delete", "coverage"),
    rules=rows(
        internal={
            "view": STAFF,
            "search": STAFF,
            "edit": MANAGERS,
            "delete": MANAGERS,
            "coverage": HR | AUDITOR | ADMIN,
        }
    ),
    note=(
        "Formation de la Police nationale créée par hrmanager.pn ; "
        "couverture : @training-coverage?course=<code> sur l'agence.",
        "Police nationale course created by hrmanager.pn; coverage: "
        "@training-coverage?course=<code> on the agency.",
    ),
)

SESSION_STATES = ("planned", "results_recorded", "closed")
SESSION_OPERATIONS = (
    "view",
    "search",
    "edit",
    "delete",
    "nominate",
    "results",
    "record",
    "close",
    "certificate",
)
_READ = {"view": STAFF, "search": STAFF}

SESSION = Table(
    key="session",
    portal_type="TrainingSession",
    label=("Session de formation", "Training session"),
    states=SESSION_STATES,
    operations=SESSION_OPERATIONS,
    rules=rows(
        planned={
            **_READ,
            "edit": MANAGERS,
            "delete": NOBODY,
            "nominate": MANAGERS,
            "results": MANAGERS,
            "record": MANAGERS,
        },
        # four eyes: hrmanager.pn recorded the results
        results_recorded={**_READ, "close": ADMIN},
        closed={**_READ, "certificate": OFFICER | MANAGERS},
    ),
    note=(
        "Session planifiée par hrmanager.pn, l'agent A désigné, son résultat "
        "saisi et enregistré par hrmanager.pn ; close : l'attestation de "
        "l'agent A (la formation en délivre une).",
        "Session planned by hrmanager.pn, officer A nominated, the result "
        "entered and recorded by hrmanager.pn; closed: officer A's "
        "certificate (the course gives one).",
    ),
)
