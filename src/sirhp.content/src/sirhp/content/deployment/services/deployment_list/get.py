"""GET <list>/@deployment-list: the list and its members
(``lists.describe``)."""

from sirhp.content.base.rest import SirhpService
from sirhp.content.deployment import lists


class DeploymentListGet(SirhpService):
    def reply(self):
        return lists.describe(deployment_list=self.context, request=self.request)
