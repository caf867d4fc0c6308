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

# personas who search the Police nationale's staff
DEPLOYMENT_SEARCHERS = HR | AUDITOR | ADMIN

# Deployment lists (``DeploymentList``, sirhp_deployment_list_workflow), in
# the notation of ``sirhp.policy.base.access``: who adds one (on the agency:
# the form « Enregistrer comme liste » and POST @deployment-lists), and per
# state who reads it (its page, GET @deployment-list, @@liste.xlsx,
# @@liste.pdf), edits it and acts on it. Commanders, officers, clerks,
# reviewers and the other agency never: a list names officers of the whole
# agency for a purpose HR decides (an officer only learns, in Mon dossier,
# that he is on an active list). Not a shared ``Table``:
# ``tests/deployment/test_deployment_list_access.py`` checks every persona
# in process and the pages and endpoints over HTTP.
LIST_MANAGERS = HR | ADMIN
LIST_READERS = LIST_MANAGERS | AUDITOR
LIST_ADDERS = LIST_MANAGERS
LIST_STATES = ("draft", "active", "closed")
LIST_RULES = {
    "draft": {
        "view": LIST_READERS,
        "edit": LIST_MANAGERS,
        "activate": LIST_MANAGERS,
        "close": frozenset(),
    },
    "active": {
        "view": LIST_READERS,
        "edit": frozenset(),
        "activate": frozenset(),
        "close": LIST_MANAGERS,
    },
    "closed": {
        "view": LIST_READERS,
        "edit": frozenset(),
        "activate": frozenset(),
        "close": frozenset(),
    },
}
