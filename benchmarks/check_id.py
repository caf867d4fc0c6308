"""The check of a new object's name in a personnel file, as the HR manager
who opens a campaign: SIRHP's (``SirhpContent._checkId``: "Manage portal"
asked only for a reserved name) against CMF's (asked for every name), on
every file of the bench site, same run, in turns. Nothing is changed.

Usage: zconsole run var/bench/etc/zope.conf benchmarks/check_id.py
"""

from plone import api
from plone.folder.ordered import CMFOrderedBTreeFolderBase
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite

NAME = "evaluation-2031-0a1b2c3d"
ROUNDS = 3


def _time(check, files):
    start = time.process_time()
    for file in files:
        check(file, NAME)
    return time.process_time() - start


def main(app):
    site = makerequest(app)["sirhp"]
    setSite(site)
    try:
        with api.env.adopt_user(username="hrmanager.pn"):
            files = [
                brain.getObject()
                for brain in api.content.find(portal_type="PersonnelFile")
            ]
            plone = ours = 0.0
            for _ in range(ROUNDS):
                plone += _time(CMFOrderedBTreeFolderBase._checkId, files)
                ours += _time(lambda file, name: file._checkId(name), files)
    finally:
        transaction.abort()
    count = len(files) * ROUNDS
    print(
        f"{count} checks: CMF {plone / count * 1e6:.0f} µs each, "
        f"SIRHP {ours / count * 1e6:.0f} µs each ({ours / plone:.2f} ×, CPU time)"
    )


main(app)  # noqa: F821 (zconsole provides app)
