"""SIRHP site policy: roles, workflows, agencies, views and setup."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "sirhp.policy"

_ = MessageFactory("sirhp")

logger = logging.getLogger(PACKAGE_NAME)
