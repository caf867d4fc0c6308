"""``POST <site>/@text-queue`` ``{"worker": id, "limit": N}``: the text
worker takes documents waiting for their text (a lease on each; a job whose
lease expired is taken over)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.documents import api
from sirhp.content.documents.services.text_queue.get import DEFAULT_LIMIT


class TextQueuePost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        try:
            limit = int(body.get("limit", DEFAULT_LIMIT))
        except (TypeError, ValueError):
            limit = DEFAULT_LIMIT
        items = api.claim_text_jobs(worker=body.get("worker"), limit=limit)
        api.worker_seen()  # each poll is the worker's heartbeat (@@health)
        return {"items": items, "items_total": len(items)}
