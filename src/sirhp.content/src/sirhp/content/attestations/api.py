"""Official documents on request (attestations): the domain API.

An officer asks for an attestation de service, an attestation de travail or
an état des services on his own validated file (``request_document``); an
HR manager or a clerk may prepare it (the signer, ``prepare``); an HR
manager who neither asked for it nor is its holder issues it — and, when
the agency's setting « quatre yeux pour les attestations » is on, who did
not prepare it (``may_issue``, the workflow's guard) —: it then gets its
number (``PN-2026-000123``, per agency and year: ``allocate_number``), the
signer and the dates (``record_issue``). Revoking or refusing needs a reason
(``check_reason``). Every rule is checked here; the workflow's guards and
handlers (``sirhp.policy.attestations.workflow``) call these functions.
Refusals raise ``AttestationError`` (HTTP 400) with an i18n message. The
journal's create and transition lines (sirhp.policy.audit) record the
request, the issue and the revocation; downloads and exports are journaled
where they happen.
"""

from AccessControl import Unauthorized
from BTrees.OOBTree import OOBTree
from plone import api
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from sirhp.content import _
from sirhp.content.attestations import rules
from sirhp.content.base import hooks
from sirhp.content.base.errors import SirhpError
from sirhp.content.content.records import parent_file
from sirhp.content.interfaces import IAgency
from sirhp.content.permissions import AddAttestationRequest
from sirhp.content.permissions import DownloadAttestation
from sirhp.content.permissions import IssueAttestations
from sirhp.content.permissions import PrepareAttestations
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest

NUMBERS_KEY = "sirhp.attestations.numbers"
DEFAULT_SIGNER_TITLE = "Le Directeur des ressources humaines"

MSG_KIND = _(
    "error_attestation_kind",
    default="Document inconnu : attestation de service, attestation de "
    "travail ou état des services.",
)
MSG_PURPOSE_LONG = _(
    "error_attestation_purpose_long", default="Le motif dépasse 500 caractères."
)
MSG_FILE_NOT_VALIDATED = _(
    "error_attestation_file_not_validated",
    default="Une attestation se demande sur un dossier validé.",
)
MSG_REASON = _(
    "error_attestation_reason",
    default="Un motif est obligatoire pour révoquer ou refuser un document.",
)
MSG_REASON_LONG = _(
    "error_attestation_reason_long", default="Le motif dépasse 1 000 caractères."
)
MSG_SIGNER = _(
    "error_attestation_signer",
    default="Le nom et la qualité du signataire sont obligatoires "
    "(120 caractères au plus).",
)
MSG_FOUR_EYES = _(
    "error_attestation_four_eyes",
    default="Quatre yeux : le document est délivré par un gestionnaire RH "
    "qui ne l'a ni demandé ni préparé et n'en est pas le titulaire.",
)
MSG_STATE = _(
    "error_attestation_state",
    default="Ce document n'est pas dans un état qui le permet.",
)


class AttestationError(SirhpError):
    """A refused request, preparation, issue or revocation (HTTP 400)."""


def agency_of(obj):
    """The agency holding ``obj``."""
    for item in obj.aq_chain:
        if IAgency.providedBy(item):
            return item
    return None


def four_eyes(agency):
    """The agency's setting « quatre yeux pour les attestations »."""
    return bool(getattr(agency, "attestation_four_eyes", False))


def _user_id():
    return api.user.get_current().getId()


def may_request(*, file):
    """May the current user ask for a document on ``file`` (a validated
    file, and ``sirhp: Add AttestationRequest``: its officer, the agency's
    records clerks and HR managers)?"""
    return api.content.get_state(file, default=None) == "validated" and bool(
        api.user.has_permission(AddAttestationRequest, obj=file)
    )


def request_document(*, file, kind, purpose=None, today):
    """Ask for an official document about the officer of ``file``.

    :param file: a validated personnel file.
    :param kind: ``attestation_service``, ``attestation_travail`` or
        ``etat_services``.
    :param purpose: why (optional, 500 characters at most).
    :param today: the day of the request.
    :returns: the new AttestationRequest (state ``requested``).
    :raises Unauthorized: no ``sirhp: Add AttestationRequest`` on the file
        (another officer's file).
    :raises AttestationError: not validated, unknown kind, purpose too long.
    """
    if not api.user.has_permission(AddAttestationRequest, obj=file):
        raise Unauthorized(AddAttestationRequest)
    if api.content.get_state(file, default=None) != "validated":
        raise AttestationError(MSG_FILE_NOT_VALIDATED)
    if not rules.is_kind(kind):
        raise AttestationError(MSG_KIND, "kind")
    if rules.is_too_long(purpose, rules.MAX_PURPOSE):
        raise AttestationError(MSG_PURPOSE_LONG, "purpose")
    document = createContent(
        "AttestationRequest",
        kind=kind,
        purpose=(purpose or "").strip() if isinstance(purpose, str) else "",
        requested_by=_user_id(),
        requested_on=today,
    )
    document = addContentToContainer(file, document, checkConstraints=False)
    _journal(document, REQUESTED, kind)
    return document


# the journal's actions (sirhp.policy.audit.journal), each with its detail
REQUESTED = "attestation.requested"  # the kind
ISSUED = "attestation.issued"  # the number
# the number (revoked) or the kind (refused)
ENDED = {"revoke": "attestation.revoked", "refuse": "attestation.refused"}


def _journal(attestation, action, detail):
    hooks.journal(action, obj=attestation, request=getRequest(), detail=detail)


def requests_of(*, file):
    """The documents asked for on ``file`` the current user may see,
    newest first, with their download URL once issued.

    :param file: a personnel file.
    :returns: [{"@id", "kind", "title", "review_state", "requested_on",
        "number", "issued_on", "download"}].
    """
    brains = api.portal.get_tool("portal_catalog")(
        portal_type="AttestationRequest",
        path={"query": "/".join(file.getPhysicalPath()), "depth": 1},
        sort_on="created",
        sort_order="descending",
    )
    result = []
    for brain in brains:
        document = brain.getObject()
        issued = brain.review_state == "issued"
        result.append(
            {
                "@id": brain.getURL(),
                "kind": document.kind,
                "title": rules.KIND_TITLES.get(document.kind, ""),
                "review_state": brain.review_state,
                "requested_on": _iso(document.requested_on),
                "number": document.number,
                "issued_on": _iso(document.issued_on),
                "download": (
                    f"{brain.getURL()}/@@document.pdf"
                    if issued and may_download(attestation=document)
                    else None
                ),
            }
        )
    return result


def _iso(day):
    return day.isoformat() if day else None


def _signer(name, title):
    name = rules.clean_text(name, rules.MAX_SIGNER)
    title = rules.clean_text(title, rules.MAX_SIGNER)
    if name is None or title is None:
        raise AttestationError(MSG_SIGNER, "signer_name")
    return name, title


def prepare(*, attestation, signer_name, signer_title):
    """Name the signer of a requested document (optional step).

    :param attestation: an AttestationRequest in ``requested``.
    :param signer_name: the signer's name.
    :param signer_title: the signer's title (« Le Directeur... »).
    :returns: the document (state ``prepared``).
    :raises Unauthorized: no ``sirhp: Prepare attestations`` here.
    :raises AttestationError: signer missing, wrong state.
    """
    if not api.user.has_permission(PrepareAttestations, obj=attestation):
        raise Unauthorized(PrepareAttestations)
    name, title = _signer(signer_name, signer_title)
    if api.content.get_state(attestation) != "requested":
        raise AttestationError(MSG_STATE)
    attestation.signer_name, attestation.signer_title = name, title
    attestation.prepared_by = _user_id()
    api.content.transition(obj=attestation, transition="prepare")
    return attestation


def may_issue(attestation, user_id=None):
    """Four eyes (the ``issue`` guard): never its requester nor its holder;
    with the agency's setting, never who prepared it."""
    file = parent_file(attestation)
    return rules.may_issue(
        user_id or _user_id(),
        attestation.requested_by,
        file.matricule if file is not None else None,
        attestation.prepared_by,
        four_eyes(agency_of(attestation)),
    )


def issue(*, attestation, signer_name=None, signer_title=None, today):
    """Issue a requested or prepared document; ``record_issue`` (the
    workflow's handler) then numbers and dates it.

    :param attestation: an AttestationRequest (requested or prepared).
    :param signer_name: the signer (default: the one prepared, else the
        issuer's full name).
    :param signer_title: the signer's title (default: the one prepared).
    :param today: the day of issue.
    :returns: the document, issued.
    :raises Unauthorized: no ``sirhp: Issue attestations`` here.
    :raises AttestationError: four eyes, signer too long, wrong state.
    """
    if not api.user.has_permission(IssueAttestations, obj=attestation):
        raise Unauthorized(IssueAttestations)
    if api.content.get_state(attestation) not in ("requested", "prepared"):
        raise AttestationError(MSG_STATE)
    if not may_issue(attestation):
        raise AttestationError(MSG_FOUR_EYES)
    if signer_name or signer_title:
        attestation.signer_name, attestation.signer_title = _signer(
            signer_name or attestation.signer_name,
            signer_title or attestation.signer_title,
        )
    # the workflow's handler dates the document with ``today``
    api.content.transition(obj=attestation, transition="issue", today=today)
    if attestation.issued_on is None:  # the handler did not run (no policy)
        record_issue(attestation, today=today)
    return attestation


def allocate_number(agency, year):
    """The next number of ``agency`` for ``year``. The counter is one
    value of a BTree on the agency: two issues at once write the same key
    and one of them conflicts and is retried, so no number is given twice
    (a ``BTrees.Length`` would merge the two and give it twice)."""
    annotations = IAnnotations(agency)
    counters = annotations.get(NUMBERS_KEY)
    if counters is None:
        counters = annotations[NUMBERS_KEY] = OOBTree()
    sequence = counters.get(year, 0) + 1
    counters[year] = sequence
    prefix = rules.prefix_of(getattr(agency, "short_name", None), agency.getId())
    return rules.format_number(prefix, year, sequence)


def record_issue(attestation, *, today):
    """After ``issue``: the number, the issuer, the date and, when nobody
    named one, the issuer as signer (his full name and the default title).
    Run by the workflow's after-transition handler."""
    user = api.user.get_current()
    attestation.issued_by = user.getId()
    attestation.issued_on = today
    if not attestation.signer_name:
        attestation.signer_name = user.getProperty("fullname", "") or user.getId()
    if not attestation.signer_title:
        attestation.signer_title = DEFAULT_SIGNER_TITLE
    attestation.number = allocate_number(agency_of(attestation), today.year)
    attestation.reindexObject()
    _journal(attestation, ISSUED, attestation.number)


def check_reason(reason):
    """A revocation or a refusal's reason.

    :returns: the stripped reason.
    :raises AttestationError: missing or longer than 1,000 characters.
    """
    if rules.is_too_long(reason, rules.MAX_REASON):
        raise AttestationError(MSG_REASON_LONG, "reason")
    text = rules.clean_text(reason, rules.MAX_REASON)
    if text is None:
        raise AttestationError(MSG_REASON, "reason")
    return text


def record_end(attestation, *, transition, reason, today):
    """After ``revoke`` or ``refuse`` (``transition``): who, when, why;
    journaled (the detail: the number, else the kind; the reason stays on
    the document)."""
    attestation.reason = check_reason(reason)
    attestation.revoked_by = _user_id()
    attestation.revoked_on = today
    attestation.reindexObject()
    _journal(attestation, ENDED[transition], attestation.number or attestation.kind)


def end(*, attestation, transition, reason, today=None):
    """Revoke an issued document or refuse a requested one.

    :param attestation: an AttestationRequest.
    :param transition: ``revoke`` or ``refuse``.
    :param reason: why (required).
    :param today: the day (default: the clock's).
    :returns: the document.
    :raises AttestationError: no reason.
    :raises WorkflowException: not allowed here (permission, state).
    """
    reason = check_reason(reason)
    api.content.transition(
        obj=attestation, transition=transition, comment=reason, today=today
    )
    return attestation


def may_download(*, attestation):
    """The holder, the agency's HR managers and administrators, while the
    document is issued (``sirhp: Download attestation``, per state)."""
    return bool(api.user.has_permission(DownloadAttestation, obj=attestation))


def register(*, agency, year=None, kind=None, state=None):
    """The register of an agency's documents, from the catalog.

    :param agency: an Agency.
    :param year: the year of issue (int), or None.
    :param kind: one of ``rules.KINDS``, or None.
    :param state: a workflow state, or None.
    :returns: [{"number", "kind", "title", "matricule", "name", "issued_by",
        "issued_on", "review_state", "url"}], by number then request date.
    """
    query = {
        "portal_type": "AttestationRequest",
        "path": "/".join(agency.getPhysicalPath()),
    }
    if kind in rules.KINDS:
        query["attestation_kind"] = kind
    if state:
        query["review_state"] = state
    if year:
        query["attestation_year"] = int(year)
    rows = []
    for brain in api.portal.get_tool("portal_catalog")(**query):
        info = dict(brain.attestation_info or {})
        rows.append(
            {
                "number": info.get("number") or "",
                "kind": info.get("kind"),
                "title": rules.KIND_TITLES.get(info.get("kind"), ""),
                "matricule": brain.matricule,
                "name": f"{brain.last_name or ''} {brain.first_names or ''}".strip(),
                "issued_by": info.get("issued_by") or "",
                "issued_on": info.get("issued_on"),
                "review_state": brain.review_state,
                "url": brain.getURL(),
            }
        )
    return sorted(rows, key=lambda row: (row["number"] == "", row["number"]))
