"""GET <site>/@referentials?at=YYYY-MM-DD: the tables in force on that day
(default: today) and the effective dates of every version."""

from AccessControl import Unauthorized
from plone import api
from sirhp.content.base.rest import SirhpService
from sirhp.content.referentials import api as referentials


class ReferentialsGet(SirhpService):
    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("@referentials")
        at = self.request.form.get("at")
        at = referentials.parse_date(at) if at else None
        return {
            "@id": f"{self.context.absolute_url()}/@referentials",
            "at": at.isoformat() if at else None,
            "tables": referentials.tables(at=at),
            "versions": [v["effective"] for v in referentials.versions()],
        }
