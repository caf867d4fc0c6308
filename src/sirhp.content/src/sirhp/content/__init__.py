"""SIRHP content: types, vocabularies, indexers and domain rules."""

import logging
from zope.i18nmessageid import MessageFactory

PACKAGE_NAME = "sirhp.content"

_ = MessageFactory("sirhp")

logger = logging.getLogger(PACKAGE_NAME)

# Old module paths of moved persistent classes (objects stored before).
from sirhp.content import bbb  # noqa: E402

bbb.install()
