"""``POST <document>/@text``: ``{"text", "method", "sha256"}`` or
``{"error", "sha256"}`` from the text worker. 409 when the file was
replaced while the worker read it (the new one is queued)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.documents import api


class TextPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        status = api.store_text(
            document=self.context,
            text=body.get("text"),
            method=body.get("method"),
            error=body.get("error"),
            sha256=body.get("sha256"),
        )
        return {"text_status": status}
