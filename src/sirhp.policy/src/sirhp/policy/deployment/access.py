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
