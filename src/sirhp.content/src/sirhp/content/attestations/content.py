"""AttestationRequest: an official document an officer asks for.

It lives in the personnel file it is about (the file's local roles apply:
the officer). ``sirhp_attestation_workflow`` (requested -> prepared ->
issued -> revoked; refused) decides who sees and does what. Only the API
writes it (``attestations.api``): the kind and purpose at the request, the
signer at preparation or issue, the number and the dates at issue, the
reason at revocation or refusal. None of it is a schema field an edit form
or a PATCH could change but the purpose.
"""

from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.attestations import rules
from sirhp.content.content.base import SirhpContent
from sirhp.content.interfaces import IAttestationRequest
from zope import schema
from zope.interface import implementer


class IAttestationRequestSchema(model.Schema):
    kind = schema.Choice(
        title=_("label_attestation_kind", default="Document demandé"),
        values=rules.KINDS,
        required=True,
        readonly=True,
    )
    purpose = schema.Text(
        title=_("label_attestation_purpose", default="Motif (facultatif)"),
        required=False,
        max_length=rules.MAX_PURPOSE,
    )


@implementer(IAttestationRequest, IAttestationRequestSchema)
class AttestationRequest(SirhpContent, Item):
    kind = None
    purpose = ""
    requested_by = None
    requested_on = None
    prepared_by = None
    signer_name = ""
    signer_title = ""
    number = None
    issued_by = None
    issued_on = None
    revoked_by = None
    revoked_on = None
    reason = ""

    @property
    def title(self):
        title = rules.KIND_TITLES.get(self.kind, "Attestation")
        return f"{title} {self.number}" if self.number else title

    @title.setter
    def title(self, value):
        """Derived."""

    def Title(self):
        return self.title
