"""GET @change-requests: a file's requests, or the review queue (site)."""

from AccessControl import Unauthorized
from plone import api
from sirhp.content.base.rest import SirhpService
from sirhp.content.changes import api as changes
from sirhp.content.changes.serializer import summary


class FileChangeRequestsGet(SirhpService):
    """GET <file>/@change-requests: the requests the caller may see."""

    def reply(self):
        items = [summary(change) for change in changes.requests_of(self.context)]
        return {
            "@id": f"{self.context.absolute_url()}/@change-requests",
            "items": items,
            "items_total": len(items),
        }


class ReviewQueueGet(SirhpService):
    """GET <site>/@change-requests: everything waiting, oldest first
    (``?type=`` a portal type, ``?unit=`` a unit's UID)."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("@change-requests")
        form = self.request.form
        items = changes.review_queue(
            portal_type=form.get("type") or None, unit=form.get("unit") or None
        )
        return {
            "@id": f"{self.context.absolute_url()}/@change-requests",
            "items": [
                {key: value for key, value in item.items() if key != "brain"}
                for item in items
            ],
            "items_total": len(items),
        }
