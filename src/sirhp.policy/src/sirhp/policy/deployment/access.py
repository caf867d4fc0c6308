"""Who searches an agency's staff for deployment (``sirhp: Search staff for
deployment``: the page @@recherche-deploiement and GET @deployment-search):
its HR managers, the auditors (Inspection reads every file already and the
finder shows no field they may not read; it changes nothing) and the
administrators. Commanders hold the permission by their role, but hold that
role on their files only, not on the agency: they are refused there until
they are given a role on it. Each searcher gets the files the catalog lets
him or her see. Notation: ``sirhp.policy.base.access``. Not a ``Table`` (an
agency has no workflow state): ``tests/deployment/test_deployment_access.py``
checks it for every persona, in process and over HTTP.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR
from sirhp.policy.base.access import rows
from sirhp.policy.base.access import Table

# personas who search the Police nationale's staff
DEPLOYMENT_SEARCHERS = HR | AUDITOR | ADMIN

# Deployment lists (``DeploymentList``, sirhp_deployment_list_workflow): who
# adds one (on the agency: the form « Enregistrer comme liste » and POST
# @deployment-lists), and per state who reads it (its page, GET
# @deployment-list, @@liste.xlsx, @@liste.pdf), edits, deletes it and acts on
# it. Commanders, officers, clerks, reviewers, recruitment officers and the
# other agency never: a list names officers of the whole agency for a purpose
# HR decides (an officer only learns, in Mon dossier, that he is on an active
# list). Only Zope's Managers delete a list once active. The table is
# checked cell by cell in process and over HTTP by
# ``tests/security/test_access_*.py``; adding a list by
# ``tests/deployment/test_deployment_lists*.py``.
LIST_MANAGERS = HR | ADMIN
LIST_READERS = LIST_MANAGERS | AUDITOR
LIST_ADDERS = LIST_MANAGERS
LIST_STATES = ("draft", "active", "closed")
_LIST_READ = dict.fromkeys(
    ("view", "deployment_list", "list_xlsx", "list_pdf"), LIST_READERS
)

DEPLOYMENT_LIST = Table(
    key="deployment_list",
    portal_type="DeploymentList",
    label=("Liste de déploiement", "Deployment list"),
    states=LIST_STATES,
    operations=(
        "view",
        "edit",
        "delete",
        "activate",
        "close",
        "list_xlsx",
        "list_pdf",
        "deployment_list",
    ),
    rules=rows(
        draft={
            **_LIST_READ,
            "edit": LIST_MANAGERS,
            "delete": LIST_MANAGERS,
            "activate": LIST_MANAGERS,
        },
        active={**_LIST_READ, "close": LIST_MANAGERS},
        closed=_LIST_READ,
    ),
    note=(
        "Liste de la Police nationale enregistrée par hrmanager.pn (tous les "
        "agents qu'il voit), activée et close par hrmanager.pn.",
        "Police nationale list saved by hrmanager.pn (every officer he sees), "
        "activated and closed by hrmanager.pn.",
    ),
)
# the rows tests/deployment/test_deployment_lists.py asks per state
LIST_RULES = {
    state: {
        operation: DEPLOYMENT_LIST.rules.get((state, operation), frozenset())
        for operation in ("view", "edit", "activate", "close")
    }
    for state in LIST_STATES
}
