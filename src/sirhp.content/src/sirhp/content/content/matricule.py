"""Checks of a personnel file that need the catalog or the stored object:
the matricule is free and never changes, and it is the file's id (the
schema's invariant and an added-object subscriber call them)."""

from Acquisition import aq_base
from plone import api
from sirhp.content.interfaces import IPersonnelFile
from zExceptions import BadRequest


def matricule_taken(value, context=None):
    """Whether another personnel file has this matricule, in any agency.

    The check must see every agency, whatever the caller may view, so it runs
    unrestricted; it answers yes/no and hands no object to anyone.
    """
    catalog = api.portal.get_tool("portal_catalog")
    own_uid = getattr(aq_base(context), "_plone.uuid", None) if context else None
    for brain in catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile", matricule=value
    ):
        if brain.UID != own_uid:
            return True
    return False


def is_stored(context):
    """Whether ``context`` is an existing file (edit) rather than one being added."""
    parent = getattr(context, "aq_parent", None)
    if not IPersonnelFile.providedBy(context) or parent is None:
        return False
    try:
        return aq_base(parent.get(context.getId())) is aq_base(context)
    except Exception:
        return False


def matricule_errors(matricule, context):
    """French messages for a matricule that cannot be accepted on ``context``."""
    if not matricule:
        return []
    if is_stored(context):
        # plone.restapi sets values before validating: compare with the id,
        # which is the matricule the file was created with.
        if matricule != context.getId():
            return ["Le matricule d'un dossier ne peut pas être modifié."]
        return []
    if matricule_taken(matricule, context):
        return [f"Le matricule {matricule} est déjà attribué à un autre dossier."]
    return []


def check_id_is_matricule(obj, event):
    """A file added under any other id than its matricule is refused.

    (plone.restapi lets a client pass an ``id``; the form and the name chooser
    always use the matricule.)
    """
    if event.newParent is None or event.oldParent is not None:
        return  # a move or a removal, not an addition
    if obj.getId() != obj.matricule:
        raise BadRequest(
            "L'identifiant d'un dossier individuel est son matricule "
            f"({obj.matricule}), pas « {obj.getId()} »."
        )
