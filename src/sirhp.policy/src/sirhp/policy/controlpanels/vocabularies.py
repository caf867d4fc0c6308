"""Control panel "Référentiels RH": the vocabularies HR managers maintain."""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from sirhp.content.documents.rules import parse_document_types
from sirhp.content.documents.rules import sensitivity_changes
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.interfaces import IHRVocabularies
from sirhp.policy import _
from sirhp.policy.documents.security import reapply_types
from z3c.form import button
from z3c.form.interfaces import ActionExecutionError
from zope.interface import Invalid


class HRVocabulariesEditForm(RegistryEditForm):
    schema = IHRVocabularies
    schema_prefix = "sirhp"
    label = _("label_hr_vocabularies", default="Référentiels RH")
    description = _(
        "help_hr_vocabularies",
        default="Un terme par ligne : code|Libellé. Le code est enregistré dans "
        "les dossiers : ne le changez plus une fois utilisé ; le libellé peut "
        "être corrigé à tout moment. Types de pièces : "
        "code|Libellé|sensibilité (normal ou restricted)|conservation en années "
        "(vide : permanente), par exemple certificat-medical|Certificat "
        "médical|restricted|50.",
    )

    @button.buttonAndHandler(_("Enregistrer"), name="save")
    def handleSave(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        for name, lines in data.items():
            try:
                parse_lines(lines)
                if name == "document_types":
                    parse_document_types(lines)
            except TermSyntaxError as exc:
                raise ActionExecutionError(Invalid(f"{name} : {exc}")) from exc
        old_types = api.portal.get_registry_record("sirhp.document_types", default=[])
        self.applyChanges(data)
        # Documents of a type whose sensitivity changed follow at once.
        reapply_types(sensitivity_changes(old_types, data.get("document_types")))
        self.status = _("Modifications enregistrées.")

    @button.buttonAndHandler(_("Annuler"), name="cancel")
    def handleCancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


HRVocabulariesControlPanel = layout.wrap_form(
    HRVocabulariesEditForm, ControlPanelFormWrapper
)
