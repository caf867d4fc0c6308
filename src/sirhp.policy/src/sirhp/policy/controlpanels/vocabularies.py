"""Control panel "Référentiels RH": the vocabularies HR managers maintain."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from sirhp.content.domain.terms import parse_lines
from sirhp.content.domain.terms import TermSyntaxError
from sirhp.content.interfaces import IHRVocabularies
from sirhp.policy import _
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
        "être corrigé à tout moment.",
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
            except TermSyntaxError as exc:
                raise ActionExecutionError(Invalid(f"{name} : {exc}")) from exc
        self.applyChanges(data)
        self.status = _("Modifications enregistrées.")

    @button.buttonAndHandler(_("Annuler"), name="cancel")
    def handleCancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


HRVocabulariesControlPanel = layout.wrap_form(
    HRVocabulariesEditForm, ControlPanelFormWrapper
)
