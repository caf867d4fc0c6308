"""DeploymentList, in an Agency: a staff finder's result saved under a name,
with its purpose and dates.

``members`` (the files' UIDs) and ``query`` (the finder's parameters) are
written by ``deployment.lists`` only (write permission: nobody): the server
re-runs the search with the caller's rights, never trusting UIDs a form or
a client sends. ``sirhp_deployment_list_workflow`` (sirhp.policy) decides
who sees and acts per state.
"""

from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from sirhp.content import _
from sirhp.content.content.base import SirhpContent
from sirhp.content.deployment import rules
from sirhp.content.interfaces import IDeploymentList
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

NOBODY = "cmf.ManagePortal"


def period_message(start, end):
    """The French refusal of ``rules.period_problem`` as an i18n message
    (None when the dates are right)."""
    problem = rules.period_problem(start, end)
    if problem is None:
        return None
    msgid, default, mapping = problem
    return _(msgid, default=default, mapping=mapping)


class IDeploymentListSchema(model.Schema):
    title = schema.TextLine(
        title=_("label_deployment_list_title", default="Intitulé"), max_length=200
    )
    purpose = schema.Text(
        title=_("label_deployment_list_purpose", default="Objet du déploiement"),
        max_length=2000,
    )
    start = schema.Date(title=_("label_deployment_list_start", default="Début"))
    end = schema.Date(title=_("label_deployment_list_end", default="Fin"))
    notify = schema.Bool(
        title=_(
            "label_deployment_list_notify",
            default="Informer les agents dans « Mon dossier »",
        ),
        required=False,
        default=False,
    )
    members = schema.List(
        title=_("label_deployment_list_members", default="Agents"),
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )
    query = schema.Dict(
        title=_("label_deployment_list_query", default="Critères de recherche"),
        key_type=schema.TextLine(),
        value_type=schema.List(value_type=schema.TextLine()),
        required=False,
        default={},
    )
    directives.write_permission(members=NOBODY, query=NOBODY)
    directives.omitted("members", "query")

    @invariant
    def period(data):
        message = period_message(data.start, data.end)
        if message is not None:
            raise Invalid(translate(message, context=getRequest()))


@implementer(IDeploymentList, IDeploymentListSchema)
class DeploymentList(SirhpContent, Item):
    # No versions: the history permission is not acquired from the site.
    _CMFEditions__Access_previous_versions_Permission = ("Manager",)

    purpose = ""
    start = None
    end = None
    notify = False
    members = ()
    query = None
