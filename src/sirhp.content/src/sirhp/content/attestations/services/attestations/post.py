"""POST <file>/@attestations: ask for an official document.

Body: {"kind": "attestation_service" | "attestation_travail" |
"etat_services", "purpose": "..."}. Answer: 201, ``Location`` = the
request, its summary; refusals 400 as ``{"type", "message", "error"}``.
"""

from datetime import date
from sirhp.content.attestations import api as attestation_api
from sirhp.content.base.rest import SirhpService


class AttestationsPost(SirhpService):
    def reply(self):
        self.disable_csrf()
        body = self.body()
        document = attestation_api.request_document(
            file=self.context,
            kind=body.get("kind"),
            purpose=body.get("purpose"),
            today=date.today(),
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", document.absolute_url())
        (summary,) = [
            item
            for item in attestation_api.requests_of(file=self.context)
            if item["@id"] == document.absolute_url()
        ]
        return summary
