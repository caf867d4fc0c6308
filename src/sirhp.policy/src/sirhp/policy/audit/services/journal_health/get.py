"""``GET @journal-health``: ``health.journal_health()`` as JSON (503 when
the journal is not ok, so a monitor needs only the status)."""

from sirhp.content.base.rest import SirhpService
from sirhp.policy.audit.health import journal_health


class JournalHealthGet(SirhpService):
    def reply(self):
        health = journal_health()
        if not health["ok"]:
            self.request.response.setStatus(503)
        return health
