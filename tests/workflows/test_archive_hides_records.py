"""Archiving a file withdraws the officer's and commanders' access to its records."""

from plone import api
from plone.app.testing import login


def _archive(portal, path):
    file = portal.unrestrictedTraverse(path)
    with api.env.adopt_user(username="hrmanager.pn"):
        api.content.transition(obj=file, transition="archive", comment="Départ")
    return file


def _forget_cached_roles(request):
    """borg.localrole caches local-role checks on the request (a new request
    in real life): forget them, as the next request would."""
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def test_records_of_archived_file_hidden_from_officer_and_commander(portal, testdata):
    path = testdata.path_of("pn_validated")
    file = portal.unrestrictedTraverse(path)
    records = [r for r in file.objectValues() if r.portal_type == "CareerEvent"]
    assert records
    officer = testdata.FILES["pn_validated"]
    assert api.user.has_permission("View", username=officer, obj=records[0])
    assert api.user.has_permission("View", username="commander.pn", obj=records[0])
    _archive(portal, path)
    _forget_cached_roles(portal.REQUEST)
    for user in (officer, "commander.pn"):
        assert not api.user.has_permission("View", username=user, obj=file)
        assert not api.user.has_permission("View", username=user, obj=records[0])
        login(portal, user)
        found = api.content.find(path="/".join(file.getPhysicalPath()))
        assert found == [] or len(found) == 0
    # records staff still read it
    assert api.user.has_permission("View", username="clerk.pn", obj=records[0])


def test_history_shows_labels_not_codes(portal, testdata):
    from zope.lifecycleevent import modified

    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "hrmanager.pn")
    file.grade = "commissaire"
    modified(file)
    html = file.restrictedTraverse("@@historique")()
    assert "Commissaire de police" in html
