"""Who runs the careers consistency check (``sirhp: Check careers``: the
page @@controle-carrieres and GET @career-check): on an agency, its HR
managers, the auditors and the administrators; on the whole site, the
auditors and administrators (HR managers hold their role on their agency
only). Notation: ``sirhp.policy.base.access``. Not a ``Table`` (neither the
site nor an agency has a workflow state):
``tests/careers/test_career_check_access.py`` checks it for every persona,
in process and over HTTP.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR

# personas who check the Police nationale's careers
AGENCY_CHECKERS = HR | AUDITOR | ADMIN
# personas who check the whole site's careers
SITE_CHECKERS = AUDITOR | ADMIN
