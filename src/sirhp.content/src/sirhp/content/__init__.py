"""SIRHP content: types, vocabularies, indexers and domain rules."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "sirhp.content"

_ = MessageFactory("sirhp")

logger = logging.getLogger(PACKAGE_NAME)
