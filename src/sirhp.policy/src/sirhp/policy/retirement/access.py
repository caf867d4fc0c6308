"""Who sees an agency's retirements (``sirhp: View retirements``: the page
@@departs-retraite and GET @retirements): its HR managers, the auditors and
the administrators; nobody else, neither the other agency's HR managers.
Notation: ``sirhp.policy.base.access``. Not a ``Table`` (an agency has no
workflow state): ``tests/retirement/test_retirement_access.py`` checks it
for every persona, in process and over HTTP.
"""

from sirhp.policy.base.access import ADMIN
from sirhp.policy.base.access import AUDITOR
from sirhp.policy.base.access import HR

# personas who see the Police nationale's retirements
RETIREMENT_READERS = HR | AUDITOR | ADMIN
