"""Test layers of sirhp.policy: the whole SIRHP site, with small test data.

One fixture (policy on top of content), integration and functional layers.
The test data (``sirhp.policy.testdata``) are a handful of synthetic files
in every state, users of every role, in both agencies.
"""

import collective.exportimport
import os
from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import WSGIServer
from sirhp.content.testing import FIXTURE as CONTENT_FIXTURE
import sirhp.policy
from sirhp.policy import testdata
from sirhp.policy.audit import db
from sirhp.policy.hardening.wsgi_unavailable import filter_factory as unavailable_filter
from sirhp.policy.weight.compression import GzipFilter
import tempfile
import transaction

AUDIT_DB_ENV = "SIRHP_AUDIT_DB"


class SirhpPolicyLayer(PloneSandboxLayer):
    defaultBases = (CONTENT_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # The audit journal and login counters of the tests: a throwaway file
        self._audit_dir = tempfile.TemporaryDirectory(prefix="sirhp-audit-")
        self._audit_env = os.environ.get(AUDIT_DB_ENV)
        os.environ[AUDIT_DB_ENV] = os.path.join(self._audit_dir.name, "audit.sqlite")

        self.loadZCML(package=collective.exportimport)
        self.loadZCML(package=sirhp.policy)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "sirhp.policy:default")
        api.portal.set_registry_record("plone.default_language", "fr")
        api.portal.set_registry_record("plone.available_languages", ["fr", "en"])
        api.portal.set_registry_record("plone.portal_timezone", "Africa/Bamako")
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            testdata.create(portal)
        # Commit explicitly: without it the layer's changes were lost on exit.
        transaction.commit()
        setRoles(portal, TEST_USER_ID, ["Member"])

    def tearDownZope(self, app):
        db.close_all()
        if self._audit_env is None:
            os.environ.pop(AUDIT_DB_ENV, None)
        else:
            os.environ[AUDIT_DB_ENV] = self._audit_env
        self._audit_dir.cleanup()


FIXTURE = SirhpPolicyLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="SirhpPolicyLayer:IntegrationTesting"
)


class SirhpWSGIServer(WSGIServer):
    """The test server behind the outermost filter of zope.ini, as in
    production (``hardening.wsgi_unavailable``: French 503 for a database
    away, each request started without the previous one's site). Without
    it, one test whose request outlived its test's connection (a browser
    test timing out) left its thread with a closed site, and every later
    HTTP test served by that thread failed."""

    def make_wsgi_app(self):
        return unavailable_filter({})(super().make_wsgi_app())


SERVER_FIXTURE = SirhpWSGIServer(name="SirhpWSGIServer:Functional")
FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, SERVER_FIXTURE), name="SirhpPolicyLayer:FunctionalTesting"
)


class GzipWSGIServer(SirhpWSGIServer):
    """The test server behind the gzip filter of zope.ini, as in production
    (page weight is measured on what actually crosses the link)."""

    def make_wsgi_app(self):
        return GzipFilter(super().make_wsgi_app())

    def setUpServer(self):
        # set up again for each test that asks for it: a fresh free port,
        # not the last one (still closing: "address already in use")
        self.host = self.port = None
        super().setUpServer()


GZIP_SERVER_FIXTURE = GzipWSGIServer(name="SirhpGzipWSGIServer:Functional")
WEIGHT_TESTING = FunctionalTesting(
    bases=(FIXTURE, GZIP_SERVER_FIXTURE), name="SirhpPolicyLayer:WeightTesting"
)
