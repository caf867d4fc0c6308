"""Demo deployment lists and official documents of the Police nationale,
made through their APIs and workflows as their users would.

Lists (``deployment.lists.save`` by ``hrmanager.pn``): one active whose
members are told in Mon dossier, one closed. Documents (the attestation
API): requested by the officer (or, on a site without officer accounts,
the records clerk), issued by the HR manager, one of them revoked.
Dates from ``REFERENCE_DATE``, never the clock.
"""

from datetime import timedelta
from plone import api
from sirhp.content.attestations import api as attestations
from sirhp.content.attestations import rules as attestation_rules
from sirhp.content.content.record_names import numbered_names
from sirhp.content.deployment import lists
from sirhp.content.deployment.api import member_uids
from sirhp.policy.setuphandlers.demo.files import REFERENCE_DATE

AGENCY = "police-nationale"
HR_MANAGER = "hrmanager.pn"
CLERK = "clerk.pn"
TODAY = REFERENCE_DATE

ACTIVE_LIST = {
    "title": "Sécurisation des élections communales",
    "purpose": "Renfort des bureaux de vote : agents parlant bambara.",
    "start": REFERENCE_DATE + timedelta(days=8),
    "end": REFERENCE_DATE + timedelta(days=10),
    "notify": True,
    # no availability date: ``lists.save`` refuses the one it keeps as a list
    "query": {"language": ["bm"]},
}
CLOSED_LIST = {
    "title": "Escorte de la Biennale artistique et culturelle",
    "purpose": "Escortes et sécurité des délégations régionales.",
    "start": REFERENCE_DATE - timedelta(days=60),
    "end": REFERENCE_DATE - timedelta(days=50),
    "notify": False,
    "query": {"language": ["fr"]},
}
# (kind, what becomes of it, purpose): the documents asked, in this order
DOCUMENTS = (
    (attestation_rules.WORK, "issued", "Dossier de demande de prêt bancaire."),
    (attestation_rules.SERVICE, "revoked", "Constitution d'un dossier de visa."),
    (
        attestation_rules.RECORD,
        "issued",
        "Dossier de candidature à l'école des officiers.",
    ),
    (attestation_rules.SERVICE, "requested", "Inscription à l'université."),
)
REVOCATION = "Délivrée sur une date d'entrée en service erronée ; remplacée."


def create_demo_lists(portal):
    """The active (notified) and the closed deployment list; none on a site
    whose search finds nobody (a demo of a file or two).

    :returns: the lists made: (active, closed) or ().
    """
    agency = portal[AGENCY]
    with api.env.adopt_user(username=HR_MANAGER):
        for settings in (ACTIVE_LIST, CLOSED_LIST):
            found = member_uids(context=agency, form=settings["query"], today=TODAY)
            if not found:
                return ()
        active = lists.save(context=agency, today=TODAY, **ACTIVE_LIST)
        api.content.transition(obj=active, transition="activate")
        closed = lists.save(context=agency, today=TODAY, **CLOSED_LIST)
        api.content.transition(obj=closed, transition="activate")
        api.content.transition(obj=closed, transition="close")
    return active, closed


def _holders(portal, count):
    """The first ``count`` validated files of officers in activity."""
    brains = portal.portal_catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        personnel_status="active",
        agency=AGENCY,
        sort_on="matricule",
    )
    return [brain._unrestrictedGetObject() for brain in brains[:count]]


def _requester(file):
    """The officer himself when he has an account, else the records clerk."""
    return file.matricule if api.user.get(username=file.matricule) else CLERK


@numbered_names()  # reproducible names (record_names)
def create_demo_documents(portal):
    """Documents asked on the first files (in turn, when there are fewer
    files than documents): issued, revoked and requested.

    :returns: the AttestationRequests, in the order of ``DOCUMENTS``.
    """
    holders = _holders(portal, len(DOCUMENTS))
    made = []
    for index, (kind, fate, purpose) in enumerate(DOCUMENTS if holders else ()):
        file = holders[index % len(holders)]
        with api.env.adopt_user(username=_requester(file)):
            document = attestations.request_document(
                file=file, kind=kind, purpose=purpose, today=TODAY
            )
        if fate in ("issued", "revoked"):
            with api.env.adopt_user(username=HR_MANAGER):
                attestations.issue(attestation=document, today=TODAY)
        if fate == "revoked":
            with api.env.adopt_user(username=HR_MANAGER):
                attestations.end(
                    attestation=document,
                    transition="revoke",
                    reason=REVOCATION,
                    today=TODAY,
                )
        made.append(document)
    return made
