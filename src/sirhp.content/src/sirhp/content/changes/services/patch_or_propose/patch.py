"""PATCH on a file or record: whoever may edit (a draft) edits as with
plone.restapi; on validated content, who may propose gets a pending change
request instead (HTTP 202, ``Location`` = the request); others 401."""

from AccessControl import Unauthorized
from plone import api
from plone.restapi.services.content.update import ContentPatch
from sirhp.content.base.rest import SirhpService
from sirhp.content.changes import api as changes
from sirhp.content.changes.services.change_requests.post import created

# The justification of a PATCH that gives none (stored with the request).
NO_JUSTIFICATION = "Modification proposée par l'API (sans justification)."


class PatchOrPropose(SirhpService, ContentPatch):
    def reply(self):
        if api.user.has_permission("Modify portal content", obj=self.context):
            return super().reply()
        if not changes.may_propose(self.context):
            raise Unauthorized("Modify portal content")
        self.disable_csrf()
        body = self.body()
        justification = body.pop("justification", None) or body.pop("changeNote", None)
        change = changes.propose(
            target=self.context,
            changes=body,
            justification=justification or NO_JUSTIFICATION,
        )
        return created(self, change, 202)
