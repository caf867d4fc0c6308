"""POST <file>/@validate-all: validate the file (pending) and its pending
records together, all or nothing; what four eyes forbid the caller is left
out, with why. Body (optional): {"comment": "..."}. Answer: {"validated",
"skipped"} (skipped items with their French ``reason``); a refusal 400 in
French."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.worklists import api
from zope.i18n import translate


class ValidateAllPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        result = api.validate_all(file=self.context, comment=body.get("comment"))
        for item in result["skipped"]:
            item["reason"] = translate(item["reason"], context=self.request)
        return result
