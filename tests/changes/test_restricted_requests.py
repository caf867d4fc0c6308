"""A change request about a restricted (medical, disciplinary) document is
restricted like the document: its title and values name the document, so
only those who may see the document see the request (the agency's clerks and
reviewers did, and read the certificate's reference in its title)."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from sirhp.content.changes import api as changes
from sirhp.policy.documents.security import apply_sensitivity
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from zope.annotation.interfaces import IAnnotations

REFERENCE = "CERT-SECRET-4471"


def _forget_roles(portal):
    annotations = IAnnotations(portal.REQUEST)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def _sees(portal, user, obj):
    _forget_roles(portal)
    with api.env.adopt_user(username=user):
        found = api.content.find(UID=obj.UID())
    return (
        api.user.has_permission("View", username=user, obj=obj),
        len(found) == 1,
    )


def _validated_certificate(file):
    with api.env.adopt_user(username="hrmanager.pn"):
        doc = api.content.create(
            container=file,
            type="ScannedDocument",
            id="certificat",
            document_type="certificat-medical",
            reference=REFERENCE,
            file=NamedBlobFile(data=tiny_pdf(["Certificat"]), filename="c.pdf"),
        )
        api.content.transition(obj=doc, transition="submit")
    with api.env.adopt_user(username="siteadmin"):
        api.content.transition(obj=doc, transition="validate")
    return doc


def _request(doc, reference):
    """A pending request of hrmanager.pn correcting the document's reference."""
    with api.env.adopt_user(username="hrmanager.pn"):
        return changes.propose(
            target=doc,
            changes={"reference": reference},
            justification="Erreur de saisie",
        )


def test_request_about_a_restricted_document_is_restricted(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = _validated_certificate(file)
    request = _request(doc, "CERT-CORRIGE-1")
    assert REFERENCE in request.Title()
    for user in ("clerk.pn", "clerk2.pn", "reviewer.pn", "commander.pn", "clerk.ocs"):
        assert _sees(portal, user, request) == (False, False), user
    for user in ("hrmanager.pn", "auditor"):
        assert _sees(portal, user, request) == (True, True), user
    # an ordinary document's request stays visible to the agency's staff
    assert apply_sensitivity(request) is False


def test_request_follows_a_change_of_sensitivity(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = _validated_certificate(file)
    request = _request(doc, "CERT-CORRIGE-2")
    assert _sees(portal, "reviewer.pn", request) == (False, False)
    # HR make the type ordinary: the document and its request open again
    with api.env.adopt_roles(["Manager"]):
        doc.document_type = "diplome"
        assert apply_sensitivity(doc) is True
    assert _sees(portal, "reviewer.pn", doc)[0]
    assert _sees(portal, "reviewer.pn", request) == (True, True)


def test_upgrade_restricts_existing_requests(portal, testdata):
    from sirhp.policy.upgrades.v1007_changes import restrict_requests

    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    doc = _validated_certificate(file)
    request = _request(doc, "CERT-CORRIGE-3")
    # as a request made before 1007: inheriting the agency's roles
    request.__ac_local_roles_block__ = False
    request._sirhp_restricted = False
    request.reindexObjectSecurity()
    assert _sees(portal, "reviewer.pn", request) == (True, True)
    catalog = api.portal.get_tool("portal_catalog")
    assert restrict_requests(catalog) == ["/".join(request.getPhysicalPath())]
    assert _sees(portal, "reviewer.pn", request) == (False, False)
    assert restrict_requests(catalog) == []  # re-runnable
