"""Old module paths of persistent classes, kept for objects already stored.

The ZODB stores an object's class by module path. When a class moves (types
moved into their domain package: ``changes``, ``badges``, ``documents``,
``careers``),
objects pickled before the move still name the old module; this map lets
them load. Code never imports these old paths (tests/unit/test_architecture.py).
"""

import importlib
import sys

# old module path -> new module path
ALIASES = {
    "sirhp.content.content.scanned_document": "sirhp.content.documents.content",
    "sirhp.content.content.badge": "sirhp.content.badges.content",
    "sirhp.content.content.change_request": "sirhp.content.changes.content",
    "sirhp.content.content.career_event": "sirhp.content.careers.content",
}


def install():
    for old, new in ALIASES.items():
        if old not in sys.modules:
            sys.modules[old] = importlib.import_module(new)
        # dotted names are also resolved attribute by attribute (FTIs:
        # zope.dottedname): the old name must be an attribute of its package
        package, _dot, name = old.rpartition(".")
        setattr(importlib.import_module(package), name, sys.modules[old])
