"""Upgrade 1004 -> 1005: local roles delegated by hand are removed.

The site is taken back to 1003, when the sharing page was open to a file's
Owner: clerk.pn (who created the PN files) shares a validated PN file and a
document inside it with clerk.ocs through the real ``@@sharing`` view, and
blocks the inheritance of a draft's record. An administrator had also given
clerk.ocs a SIRHP role by hand on a draft (the ZMI). Then portal_setup runs
1004 (sharing closed) and 1005 (shares removed).
"""

import datetime
import logging
from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
from sirhp.policy.hardening.shares import clean_all_shares
from sirhp.policy.setuphandlers.pdf import tiny_pdf
from sirhp.policy.upgrades import v1004
from sirhp.policy.upgrades import v1005
from tests.upgrades import latest
from zope.annotation.interfaces import IAnnotations

PROFILE = "sirhp.policy:default"
INTRUDER = "clerk.ocs"
# What Reader + Editor shared by hand gave on a file: never View (the SIRHP
# workflows do not map these roles), but these, acquired from the site root
SHARED_BY_HAND = ("Request review", "CMFEditions: Save new version")


def _forget_cached_roles(portal):
    """borg.localrole caches local-role checks on the request (a new request
    in real life): forget them, as the next request would."""
    annotations = IAnnotations(portal.REQUEST)
    for key in [k for k in annotations if str(k).startswith("borg.localrole")]:
        del annotations[key]


def _can(portal, user, permission, obj):
    _forget_cached_roles(portal)
    return api.user.has_permission(permission, username=user, obj=obj)


def _found(user, obj):
    with api.env.adopt_user(username=user):
        return [
            b.getPath() for b in api.content.find(path="/".join(obj.getPhysicalPath()))
        ]


def _local_roles(obj):
    return {p: tuple(sorted(r)) for p, r in obj.get_local_roles()}


def _add_document(file, id, document_type):
    with api.env.adopt_user(username="clerk.pn"), api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=file,
            type="ScannedDocument",
            id=id,
            document_type=document_type,
            document_date=datetime.date(2020, 1, 2),
            file=NamedBlobFile(tiny_pdf([id]), filename=f"{id}.pdf"),
        )


@pytest.fixture
def site(portal, testdata):
    """A site at 1003 with hand shares; what each object had before them."""
    validated = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    draft = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    document = _add_document(validated, "diplome", "diplome")
    restricted = _add_document(validated, "certificat", "certificat-medical")
    record = draft["careerevent"]
    objects = (validated, draft, document, restricted, record)
    before = {obj: _local_roles(obj) for obj in objects}
    setup = portal.portal_setup
    with api.env.adopt_roles(["Manager"]):
        # Plone's sharing permissions, as before 1004
        for permission in v1004.SHARING_PERMISSIONS:
            portal.manage_permission(
                permission, ["Manager", "Site Administrator", "Owner", "Editor"], True
            )
        setup.setLastVersionForProfile(PROFILE, "1003")
        # an administrator's hand-made grant (ZMI): a SIRHP role, by hand
        draft.manage_setLocalRoles(INTRUDER, ["RecordsClerk"])
        draft.reindexObjectSecurity()
    share = [{"id": INTRUDER, "type": "user", "roles": ["Reader", "Editor"]}]
    with api.env.adopt_user(username="clerk.pn"):
        for obj in (validated, document, restricted):
            obj.restrictedTraverse("@@sharing").update_role_settings(share)
        record.restrictedTraverse("@@sharing").update_inherit(status=False)
    return {
        "validated": validated,
        "draft": draft,
        "document": document,
        "restricted": restricted,
        "record": record,
        "before": before,
    }


def test_upgrade_1005_removes_hand_shares(portal, testdata, site, caplog):
    validated, draft = site["validated"], site["draft"]
    document, restricted, record = site["document"], site["restricted"], site["record"]
    # the shares are there, and they give something
    assert _local_roles(validated)[INTRUDER] == ("Editor", "Reader")
    assert _local_roles(restricted)[INTRUDER] == ("Editor", "Reader")
    for permission in SHARED_BY_HAND:
        assert _can(portal, INTRUDER, permission, validated)
    assert _can(portal, INTRUDER, "View", draft)
    assert _found(INTRUDER, draft)
    assert getattr(record, "__ac_local_roles_block__", False)

    setup = portal.portal_setup
    with caplog.at_level(logging.INFO, logger="sirhp.policy"):
        with api.env.adopt_roles(["Manager"]):
            setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == latest(setup, PROFILE)

    # the intruder lost everything
    for obj in (validated, draft, document, restricted):
        assert obj.get_local_roles_for_userid(INTRUDER) == ()
        assert not _can(portal, INTRUDER, "View", obj)
        for permission in SHARED_BY_HAND:
            assert not _can(portal, INTRUDER, permission, obj)
        assert _found(INTRUDER, obj) == []
    with api.env.adopt_user(username=INTRUDER):
        assert not api.content.find(agency="police-nationale")

    # what SIRHP granted is intact, Owner of the creator included
    for obj, roles in site["before"].items():
        assert _local_roles(obj) == roles, obj
    assert _local_roles(validated)["clerk.pn"] == ("Owner",)
    assert not getattr(record, "__ac_local_roles_block__", False)
    assert restricted.__ac_local_roles_block__
    officer = testdata.FILES["pn_validated"]
    for user in ("clerk.pn", officer, "commander.pn"):
        assert _can(portal, user, "View", validated), user
        assert _found(user, validated), user
    assert _can(portal, "clerk.pn", "View", document)
    assert _can(portal, "clerk2.pn", "View", record)
    assert _can(portal, "hrmanager.pn", "View", restricted)
    assert not _can(portal, "clerk.pn", "View", restricted)  # still restricted

    # one line per object and principal, then the total
    messages = [r.getMessage() for r in caplog.records]
    path = "/".join(validated.getPhysicalPath())
    assert f"hand share removed: {path}, {INTRUDER}, Editor, Reader" in "\n".join(
        messages
    )
    assert any("héritage des rôles rétabli" in m for m in messages)
    # blocking inheritance, Plone had copied clerk.pn's inherited role locally
    record_path = "/".join(record.getPhysicalPath())
    assert f"hand share removed: {record_path}, clerk.pn, RecordsClerk" in "\n".join(
        messages
    )
    assert any("5 hand share(s) removed, 5 object(s) changed" in m for m in messages)


def test_upgrade_1005_rerunnable(portal, site):
    with api.env.adopt_roles(["Manager"]):
        first = v1005.upgrade(portal.portal_setup)
        after = {obj: _local_roles(obj) for obj in site["before"]}
        assert v1005.upgrade(portal.portal_setup) == []
    assert len(first) == 5
    assert {obj: _local_roles(obj) for obj in site["before"]} == after


def test_clean_site_unchanged(portal, testdata):
    """No false positive: agencies' groups, officers, commanders, Owner,
    archived files, restricted documents are all SIRHP's own."""
    validated = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    _add_document(validated, "certificat", "certificat-medical")
    with api.env.adopt_roles(["Manager"]):
        assert clean_all_shares() == []


def test_1005_registered(portal):
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1004")
    steps = setup.listUpgrades(PROFILE)
    assert [(s["ssource"], s["sdest"]) for s in steps][0] == ("1004", "1005")
