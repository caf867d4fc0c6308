"""1012 -> 1013, re-runnable and logged: a concours candidate's elimination
reason written by the eliminatory mark is stored in French. Before, it was
stored in the language of the request that recorded the mark: a script's
request (the demo) reads English, so a site built then shows "Eliminatory
mark at stage Épreuves sportives" on French pages. Only that generated
sentence is rewritten; a reason a recruiter typed is left as it is.

Take a backup first (docs/operations.md).
"""

from plone import api
import re
from sirhp.content.recruitment.api import eliminatory_reason
from sirhp.content.upgrades import logger

# ``recruitment_eliminatory_mark`` as the English catalog wrote it into the
# data (the stored text, not today's translation: kept as it was)
ENGLISH = re.compile(r"^Eliminatory mark at stage (?P<stage>.+)$")


def upgrade(context):
    """``context``: portal_setup."""
    catalog = api.portal.get_tool("portal_catalog")
    rewritten = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Candidate"):
        candidate = brain._unrestrictedGetObject()
        match = ENGLISH.match(getattr(candidate, "elimination_reason", None) or "")
        if match is None:
            continue
        candidate.elimination_reason = eliminatory_reason(match.group("stage"))
        candidate.reindexObject()
        rewritten += 1
    logger.info("elimination reasons rewritten in French: %d", rewritten)
    logger.info("sirhp.content upgraded to 1013")
