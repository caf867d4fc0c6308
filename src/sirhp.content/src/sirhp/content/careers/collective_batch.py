"""A collective decision as a batch: its acts read, submitted and validated
together (the acts are filed by ``careers.collective``).

Every act goes through the record workflow (``api.content.transition``):
its guards apply act by act (four eyes: who submitted never validates). All
or nothing: the first act refused rolls the whole batch back, and the
French error names its file. Over ZEO or RelStorage the files, then the
acts, are asked for in a few requests (``base.prefetch``), not one per
object.
"""

from plone import api
from sirhp.content import _
from sirhp.content.base.errors import SirhpNotFound
from sirhp.content.base.prefetch import prefetch_files
from sirhp.content.careers.api import CareerError
from sirhp.content.content.records import parent_file
import transaction
from ZODB.POSException import ConflictError
from zope.i18nmessageid import Message

# transition -> the state the acts must be in
TRANSITIONS = {"submit": "draft", "validate": "pending"}
MSG_UNKNOWN_DECISION = _(
    "error_collective_unknown_decision",
    default="Décision collective introuvable dans cette agence.",
)
MSG_UNKNOWN_TRANSITION = _(
    "error_collective_unknown_transition",
    default="Action inconnue sur le lot : ${value} (soumettre ou valider).",
)
MSG_TRANSITION_REFUSED = _(
    "error_collective_transition_refused",
    default="Action refusée pour le dossier « ${file} » : le lot n'a pas été modifié.",
)
MSG_NOTHING_TO_DO = _(
    "error_collective_nothing_to_do",
    default="Aucun acte du lot n'attend cette action.",
)


def _brains(agency, decision):
    if not isinstance(decision, str) or not decision:
        return []
    return api.content.find(
        context=agency,
        portal_type="CareerEvent",
        collective_decision=decision,
        sort_on="matricule",
    )


def decision(*, agency, decision):
    """The acts of a collective decision the caller may see (catalog).

    :param agency: the agency the decision was filed in.
    :param decision: the decision's id (``CollectiveDecision.id``).
    :returns: ``[{"matricule", "state", "url", "title", "path"}]`` by
        matricule.
    :raises SirhpNotFound: no act of that decision is visible to the caller.
    """
    items = [
        {
            "matricule": brain.matricule,
            "state": brain.review_state,
            "url": brain.getURL(),
            "title": brain.Title,
            "path": brain.getPath(),
        }
        for brain in _brains(agency, decision)
    ]
    if not items:
        raise SirhpNotFound(MSG_UNKNOWN_DECISION, field="decision")
    return items


def transition_decision(*, agency, decision, transition, comment=None):
    """Fire ``transition`` on every act of the decision still in the state
    it leaves, all or nothing.

    :param agency: the agency the decision was filed in.
    :param decision: the decision's id.
    :param transition: ``submit`` or ``validate``.
    :param comment: the workflow comment of every act.
    :returns: the number of acts transitioned.
    :raises CareerError: an unknown transition, nothing to do, or an act
        the workflow refused (its file named); nothing changed.
    :raises SirhpNotFound: no act of that decision is visible to the caller.
    """
    if transition not in TRANSITIONS:
        raise CareerError(
            Message(MSG_UNKNOWN_TRANSITION, mapping={"value": str(transition)}),
            field="transition",
        )
    brains = _brains(agency, decision)
    if not brains:
        raise SirhpNotFound(MSG_UNKNOWN_DECISION, field="decision")
    waiting = [b for b in brains if b.review_state == TRANSITIONS[transition]]
    if not waiting:
        raise CareerError(MSG_NOTHING_TO_DO, field="transition")
    _prefetch_acts(waiting)
    savepoint = transaction.savepoint()
    for brain in waiting:
        act = brain.getObject()
        try:
            api.content.transition(obj=act, transition=transition, comment=comment)
        except ConflictError:
            raise  # the publisher retries the whole request
        except Exception:
            savepoint.rollback()
            file = parent_file(act)
            raise CareerError(
                Message(
                    MSG_TRANSITION_REFUSED,
                    mapping={"file": (file or act).Title()},
                ),
                field="decision",
            ) from None
    return len(waiting)


def _prefetch_acts(brains):
    """Ask the storage for the acts' files, then for the acts, in a few
    requests (the acts' folders are their files: asked first, they are not
    loaded one by one on the way to the acts)."""
    portal = api.portal.get()
    paths = [brain.getPath() for brain in brains]
    prefetch_files(portal, sorted({path.rpartition("/")[0] for path in paths}))
    prefetch_files(portal, paths)


def submit_decision(*, agency, decision, comment=None):
    """Submit every draft act of the decision (all or nothing).

    :returns: the number of acts submitted.
    :raises CareerError: see ``transition_decision``.
    """
    return transition_decision(
        agency=agency, decision=decision, transition="submit", comment=comment
    )


def validate_decision(*, agency, decision, comment=None):
    """Validate every pending act of the decision (all or nothing; four
    eyes per act: the submitter is refused). The acts then write their files
    (``careers.apply``).

    :returns: the number of acts validated.
    :raises CareerError: see ``transition_decision``.
    """
    return transition_decision(
        agency=agency, decision=decision, transition="validate", comment=comment
    )
