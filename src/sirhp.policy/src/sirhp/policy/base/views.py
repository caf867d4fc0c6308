"""Small helpers shared by the views: labels, dates, permissions."""

from AccessControl import getSecurityManager
import datetime
from plone.memoize.view import memoize
from Products.CMFCore.utils import getToolByName
from Products.Five import BrowserView
from sirhp.content.base import number_rules
from sirhp.content.base.dates import waiting_time  # noqa: F401 (re-export)
from sirhp.content.base.people import full_name
from sirhp.policy import _
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory
from zope.security.interfaces import IPermission

STATE_LABELS = {
    "draft": _("state_draft", default="Brouillon"),
    "pending": _("state_pending", default="En attente de validation"),
    "validated": _("state_validated", default="Validé"),
    "archived": _("state_archived", default="Archivé"),
    "internal": _("state_internal", default="Interne"),
    # Badges (sirhp_badge_workflow)
    "requested": _("state_requested", default="Demandée"),
    "printed": _("state_printed", default="Imprimée"),
    "issued": _("state_issued", default="Remise"),
    "expired": _("state_expired", default="Expirée"),
    "revoked": _("state_revoked", default="Révoquée"),
    "recorded": _("state_recorded", default="Enregistré"),
    # Change requests (sirhp_change_workflow)
    "approved": _("state_approved", default="Approuvée"),
    "rejected": _("state_rejected", default="Rejetée"),
    "withdrawn": _("state_withdrawn", default="Retirée"),
    # Evaluations (sirhp_evaluation_workflow)
    "to_acknowledge": _("state_to_acknowledge", default="En attente de l'agent"),
    "acknowledged": _("state_acknowledged", default="Lue"),
    "contested": _("state_contested", default="Contestée"),
    # Tableaux d'avancement (sirhp_promotion_workflow)
    "submitted": _("state_submitted", default="Soumis à la commission"),
    "decided": _("state_decided", default="Décidé"),
    "published": _("state_published", default="Publié"),
}


ACTION_LABELS = {
    "submit": _("action_submit", default="Soumis pour validation"),
    "validate": _("action_validate", default="Validé"),
    "reject": _("action_reject", default="Rejeté"),
    "archive": _("action_archive", default="Archivé"),
    "print": _("action_print", default="Imprimée"),
    "issue": _("action_issue", default="Remise à l'agent"),
    "expire": _("action_expire", default="Expirée"),
    "revoke": _("action_revoke", default="Révoquée"),
    "approve": _("action_approve", default="Approuvée"),
    "withdraw": _("action_withdraw", default="Retirée"),
    "retract": _("action_retract", default="Retiré (retour au brouillon)"),
    "decide": _("action_decide", default="Décisions arrêtées"),
    "publish": _("action_publish", default="Publié"),
    "cancel": _("action_cancel", default="Annulé"),
}
# where one workflow's action reads otherwise than ACTION_LABELS says
WORKFLOW_ACTION_LABELS = {
    "sirhp_evaluation_workflow": {
        "submit": _("action_evaluation_submit", default="Soumise à l'agent"),
        "acknowledge": _(
            "action_evaluation_acknowledge", default="Prise de connaissance de l'agent"
        ),
        "contest": _("action_evaluation_contest", default="Contestée par l'agent"),
        "lapse": _("action_evaluation_lapse", default="Réputée lue (délai dépassé)"),
        "revise": _("action_evaluation_revise", default="Révisée"),
        "validate": _("action_evaluation_validate", default="Validée"),
    },
    "sirhp_promotion_workflow": {
        "submit": _("action_promotion_submit", default="Soumis à la commission"),
    },
}


def format_date(value):
    """dd/mm/yyyy for dates, datetimes and Zope DateTime; '' for nothing."""
    if not value:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "asdatetime"):  # Zope DateTime (catalog metadata)
        return value.asdatetime().strftime("%d/%m/%Y")
    return str(value)


def format_datetime(value):
    if not value:
        return ""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return format_date(value)


def has_permission(permission, context):
    return bool(getSecurityManager().checkPermission(permission, context))


class VocabularyLabels:
    """Labels of vocabulary codes, each vocabulary read once per view."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self._cache = {}

    def __call__(self, vocabulary_name, value):
        if value in (None, "", [], ()):
            return ""
        if isinstance(value, (list, tuple, set)):
            return ", ".join(self(vocabulary_name, item) for item in value)
        terms = self._cache.get(vocabulary_name)
        if terms is None:
            factory = queryUtility(IVocabularyFactory, vocabulary_name)
            terms = {}
            if factory is not None:
                for term in factory(self.context):
                    terms[term.value] = term.title or term.token
            self._cache[vocabulary_name] = terms
        title = terms.get(value, value)
        return translate(title, context=self.request)

    def items(self, vocabulary_name):
        self(vocabulary_name, "__warm__")
        return [
            {"value": value, "title": translate(title, context=self.request)}
            for value, title in self._cache[vocabulary_name].items()
        ]


class SirhpView(BrowserView):
    """Base of our views: labels and formatting at hand in templates."""

    format_date = staticmethod(format_date)
    format_datetime = staticmethod(format_datetime)

    @property
    def decimal_separator(self):
        """A comma in French, a point for who reads English."""
        return number_rules.separator_for(self.request.get("LANGUAGE"))

    def decimal(self, value, places=None, empty=number_rules.DASH):
        """A number as the reader writes it ("13,80"; "13.80" in English):
        ``number_rules.decimal_text``."""
        return number_rules.decimal_text(value, places, empty, self.decimal_separator)

    def percent(self, share, places=1, empty=number_rules.DASH):
        """A share as a percentage ("50,0 %"): ``number_rules.percent_text``."""
        return number_rules.percent_text(share, places, empty, self.decimal_separator)

    @property
    @memoize
    def labels(self):
        return VocabularyLabels(self.context, self.request)

    def action_label(self, action, workflow=None):
        """The label of a past transition ``action`` of ``workflow``."""
        label = WORKFLOW_ACTION_LABELS.get(workflow, {}).get(action)
        return label or ACTION_LABELS.get(action, action or "")

    def workflow_entries(self):
        """Transitions of the context (who, when, comment), newest first."""
        result = []
        for workflow, entries in getattr(self.context, "workflow_history", {}).items():
            for entry in entries:
                if not entry.get("action"):
                    continue
                result.append(
                    {
                        "action": entry["action"],
                        "action_title": self.action_label(entry["action"], workflow),
                        "actor": entry.get("actor"),
                        "actor_name": full_name(entry.get("actor")),
                        "time": self.format_datetime(entry.get("time")),
                        "comments": entry.get("comments", ""),
                        "state": self.state_label(entry.get("review_state")),
                    }
                )
        result.reverse()
        return result

    def state_label(self, state):
        return STATE_LABELS.get(state, state or "")

    def transitions(self):
        """The transitions the user may fire on the context (``id``,
        ``title``): the buttons to the shared transition form."""
        workflow = getToolByName(self.context, "portal_workflow")
        return [
            {"id": t["id"], "title": t["title"]}
            for t in workflow.getTransitionsFor(self.context)
        ]


def has_zcml_permission(permission_id, context):
    """Check a permission given by its zcml id (as in read_permission tags)."""
    permission = queryUtility(IPermission, permission_id)
    title = permission.title if permission is not None else permission_id
    return has_permission(title, context)
