"""GET <file>/@attestations: the documents asked for on the file (state,
number, and the download URL once issued)."""

from sirhp.content.attestations import api as attestation_api
from sirhp.content.base.rest import SirhpService


class AttestationsGet(SirhpService):
    def reply(self):
        return {"items": attestation_api.requests_of(file=self.context)}
