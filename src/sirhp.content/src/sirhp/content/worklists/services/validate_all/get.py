"""GET <file>/@validate-all: what a validation of the file with its records
would do for the caller, nothing changed: {"validate": [...], "skipped":
[...]} (skipped items with their French ``reason``)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.worklists import api
from zope.i18n import translate


class ValidateAllGet(SirhpService):
    def reply(self):
        plan = api.validation_plan(file=self.context)
        return {
            "validate": [api.describe(obj) for obj in plan["validate"]],
            "skipped": [
                api.describe(obj, translate(message, context=self.request))
                for obj, message in plan["skipped"]
            ],
        }
