"""GET <file>/@eligibility[?at=YYYY-MM-DD]: the officer's eligibility for
the next grade of his corps on that day (by default today)."""

from plone.restapi.serializer.converters import json_compatible
from sirhp.content.base.rest import SirhpService
from sirhp.content.promotion import api
from zope.i18n import translate


class EligibilityGet(SirhpService):
    def reply(self):
        at = api.parse_at(self.request.form.get("at"))
        result = api.eligibility(file=self.context, at=at)
        for criterion in result["criteria"]:
            criterion["label"] = translate(criterion["label"], context=self.request)
        return json_compatible(result)
