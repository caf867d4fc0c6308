"""``POST <document>/@text-retry``: queue the text extraction again."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.documents import api


class TextRetryPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        return {"text_status": api.retry_text(document=self.context)}
