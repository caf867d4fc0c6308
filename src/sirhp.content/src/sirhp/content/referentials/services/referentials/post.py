"""POST @referentials: a new version of the référentiels.

Body: {"effective": "YYYY-MM-DD", "tables": {kind: {code: {...}}}}.
Answer: 201 and the stored version; a refusal 400 in French naming the row
(``error.field`` is not sent: the message names it).
"""

from sirhp.content.base.rest import SirhpService
from sirhp.content.referentials import api as referentials


class ReferentialsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        version = referentials.add_version(
            effective=body.get("effective"), tables=body.get("tables")
        )
        self.request.response.setStatus(201)
        return version
