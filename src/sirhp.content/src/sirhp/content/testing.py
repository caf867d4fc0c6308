"""Test layers of sirhp.content."""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
import sirhp.content


class SirhpContentLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=sirhp.content)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "sirhp.content:default")


FIXTURE = SirhpContentLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="SirhpContentLayer:IntegrationTesting"
)
FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="SirhpContentLayer:FunctionalTesting"
)
