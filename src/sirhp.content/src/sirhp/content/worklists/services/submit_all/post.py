"""POST <file>/@submit-all: submit the file (in draft) and its draft records
together, all or nothing. Body (optional): {"comment": "..."}. Answer:
{"submitted": [{"@id", "title", "type"}]}; a refusal 400 in French naming
the item."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.worklists import api


class SubmitAllPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        return {
            "submitted": api.submit_all(file=self.context, comment=body.get("comment"))
        }
