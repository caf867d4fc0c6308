"""Agencies and services as data (the domain API).

An administrator (Manager, Site Administrator: ``sirhp: Add Agency`` at the
site root) adds an agency through the control panel ``@@sirhp-agences`` or
``POST /Plone`` with ``@type: Agency``; both call ``add_agency``. Every rule
of a new agency is checked here (``rules.problems``), before anything is
stored. What follows from an agency (its groups and their local roles, its
matricule sequence) is the site policy's business: a subscriber of
``IObjectAddedEvent`` on ``IAgency`` in ``sirhp.policy.agencies``.
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from sirhp.content import _
from sirhp.content.agencies import rules
from sirhp.content.base.agencies import agencies  # noqa: F401 (public API)
from sirhp.content.base.agencies import agency_values
from sirhp.content.base.errors import SirhpError
from sirhp.content.base.errors import SirhpForbidden
from sirhp.content.permissions import AddAgency
from zope.i18nmessageid import Message

MSG_FORBIDDEN = _(
    "error_agency_forbidden",
    default="Seuls les administrateurs du site ajoutent une agence ou un service.",
)


class AgencyError(SirhpError):
    """A new agency is refused (HTTP 400); ``field`` names the value at fault."""


class AgencyForbidden(SirhpForbidden):
    """The user may not add agencies (HTTP 403)."""


def errors(*, container, values):
    """Every refusal of the new agency ``values``, in the order of the form.

    :param container: the site root.
    :param values: ``id``, ``title``, ``short_name``, ``primary_color``,
        ``matricule_prefix`` (text; missing ones are empty).
    :returns: a list of ``AgencyError`` (empty: the agency may be added).
    """
    others = [agency_values(agency) for agency in agencies()]
    taken = frozenset(container.objectIds())
    return _errors(rules.clean(values), others, taken)


def edit_errors(*, agency, values):
    """Every refusal of new values of the existing ``agency`` (its edit form
    and ``PATCH``: the schema's invariant), by the rules of a new one: its
    id stays, the other agencies keep their short names and numbers.

    :param agency: the Agency edited.
    :param values: ``title``, ``short_name``, ``primary_color``,
        ``matricule_prefix`` after the edit.
    :returns: a list of ``AgencyError`` (empty: the values may be stored).
    """
    cleaned = rules.clean({**values, "id": agency.getId()})
    others = [
        agency_values(other) for other in agencies() if other.getId() != agency.getId()
    ]
    return _errors(cleaned, others, frozenset())


def _errors(cleaned, others, taken):
    return [
        AgencyError(Message(_(msgid, default=default), mapping=mapping), field=field)
        for field, msgid, default, mapping in rules.problems(cleaned, others, taken)
    ]


def check(*, container, values):
    """Refuse the new agency ``values`` with its first problem.

    :param container: the site root.
    :param values: as ``errors``.
    :returns: the cleaned values.
    :raises AgencyError: a value is malformed or taken.
    """
    found = errors(container=container, values=values)
    if found:
        raise found[0]
    return rules.clean(values)


def add_agency(*, container, values):
    """Add an agency or service at the site root, as an administrator.

    :param container: the site root.
    :param values: as ``errors``.
    :returns: the new Agency (its groups and sequence set up by the policy).
    :raises AgencyForbidden: the user may not add agencies.
    :raises AgencyError: a value is malformed or taken; nothing is stored.
    """
    if not api.user.has_permission(AddAgency, obj=container):
        raise AgencyForbidden(MSG_FORBIDDEN)
    cleaned = check(container=container, values=values)
    return _create(container, cleaned, check_constraints=True)


def ensure_agency(*, container, values):
    """The agency of ``values``, created when the site has none of that id
    (the policy profile's agencies file, the upgrade: trusted setup code, no
    permission asked; an existing agency is left as it is).

    :param container: the site root.
    :param values: as ``errors``.
    :returns: ``(agency, created)``.
    :raises AgencyError: the values of a missing agency are refused.
    """
    existing = container.get(values["id"])
    if existing is not None:
        return existing, False
    cleaned = check(container=container, values=values)
    return _create(container, cleaned, check_constraints=False), True


def _create(container, values, check_constraints):
    return createContentInContainer(
        container, "Agency", checkConstraints=check_constraints, **values
    )
