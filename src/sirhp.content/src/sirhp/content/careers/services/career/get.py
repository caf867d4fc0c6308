"""GET <file>/@career[?at=YYYY-MM-DD]: the file's situation on that day (by
default today), its validated acts and its periods."""

from plone.restapi.serializer.converters import json_compatible
from sirhp.content.base.rest import SirhpService
from sirhp.content.careers import api


class CareerGet(SirhpService):
    def reply(self):
        at = api.parse_at(self.request.form.get("at"))
        return json_compatible(api.career(file=self.context, at=at))
