"""``GET @search``: a query the catalog cannot read is a 400, not a 500."""

from plone.restapi.services.search.get import SearchGet as BaseSearchGet
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.rest import SirhpService
from sirhp.policy.hardening.rest_input import MESSAGE_BAD_QUERY
from sirhp.policy.hardening.rest_input import QUERY_ERRORS


class SearchGet(SirhpService, BaseSearchGet):
    def reply(self):
        try:
            return super().reply()
        except QUERY_ERRORS:
            raise SirhpError(MESSAGE_BAD_QUERY) from None
