"""The page of a career act: a disciplinary decision needs a reason.

Plone's default page of the act, without the decision's fields
(``sirhp.content.careers.serializer.DECISION_FIELDS``) until a consultation
reason is given (on the file page, as for medical data); the consultation
is journaled first (``may_show_decision``: the REST JSON's rule).
"""

import os
from plone.dexterity.browser import view as dexterity_view
from plone.dexterity.browser.view import DefaultView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from sirhp.content.careers.serializer import DECISION_FIELDS
from sirhp.content.careers.serializer import may_show_decision
from sirhp.policy import _

MSG_REASON_REQUIRED = _(
    "notice_discipline_reason_required",
    default="Acte disciplinaire : indiquez un motif de consultation sur la page "
    "du dossier pour afficher la décision.",
)


class CareerEventView(DefaultView):
    """Plone's page of the act; a disciplinary decision with a reason only."""

    index = ViewPageTemplateFile(
        os.path.join(os.path.dirname(dexterity_view.__file__), "item.pt")
    )
    decision_shown = True

    def updateFieldsFromSchemata(self):
        super().updateFieldsFromSchemata()
        # asked once per page (the widgets are built once): one journal entry
        self.decision_shown = may_show_decision(self.context, self.request)
        if not self.decision_shown:
            self.fields = self.fields.omit(*DECISION_FIELDS)
            IStatusMessage(self.request).add(MSG_REASON_REQUIRED, type="warning")
