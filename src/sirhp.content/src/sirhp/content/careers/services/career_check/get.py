"""GET <site or agency>/@career-check[?at=YYYY-MM-DD]: the validated files
whose values differ from what their acts give (or that have no act)."""

from plone.restapi.serializer.converters import json_compatible
from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import api
from sirhp.content.careers import consistency
from sirhp.content.interfaces import IAgency


class CareerCheckGet(SirhpService):
    def reply(self):
        at = api.parse_at(self.request.form.get("at"))
        agency = self.context if IAgency.providedBy(self.context) else None
        return json_compatible(consistency.check(today=at, agency=agency))
