"""POST <agency>/@deployment-lists: save a search as a deployment list.

Body: {"title", "purpose", "start": "YYYY-MM-DD", "end", "notify": bool,
"query": {finder parameter: value or [values]}}. The server re-runs the
search with the caller's rights (member UIDs a client sends are ignored).
Answer: 201, ``Location`` = the list, the list (``lists.describe``).
"""

from datetime import date
from sirhp.content.base.rest import SirhpService
from sirhp.content.deployment import lists


class DeploymentListsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        created = lists.save(
            context=self.context,
            title=body.get("title"),
            purpose=body.get("purpose"),
            start=body.get("start"),
            end=body.get("end"),
            notify=body.get("notify"),
            query=body.get("query") or {},
            today=date.today(),
            request=self.request,
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", created.absolute_url())
        return lists.describe(deployment_list=created, request=self.request)
