"""``GET <site>/@text-queue?limit=N``: documents waiting for their text."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.documents import api

DEFAULT_LIMIT = 10


class TextQueueGet(SirhpService):
    def reply(self):
        try:
            limit = int(self.request.form.get("limit", DEFAULT_LIMIT))
        except (TypeError, ValueError):
            limit = DEFAULT_LIMIT
        items = api.text_queue(limit=limit)
        # the worker's poll is its heartbeat (a write at most once a minute,
        # by a token-less client as every write of the worker)
        self.disable_csrf()
        api.worker_seen()
        return {"items": items, "items_total": len(items)}
