"""SIRHP site policy: roles, workflows, agencies, views and setup."""

import logging
from zope.i18nmessageid import MessageFactory

PACKAGE_NAME = "sirhp.policy"

_ = MessageFactory("sirhp")

logger = logging.getLogger(PACKAGE_NAME)
