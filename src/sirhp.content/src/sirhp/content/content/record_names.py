"""A record's name in its personnel file (``PersonnelFileNameChooser``).

Its title, normalized ("decoration-du-01-10-2026"); when the file already
holds that name, the title and a short token of the record's own UUID
("decoration-du-01-10-2026-3f9ac2d1"), not Plone's next free number ("-21").

The next free number is read from the file as the transaction sees it: two
clerks adding the same act at once (a collective decree entered by several
clerks) both took "-21" and wrote the same key, in the file's tree of ids
and in the catalog's ``id`` index: a write conflict that Zope's retries
could not outlive while the files filled at the same pace. A token of the
record's own UUID is the same in no other transaction. A name given by the
caller is kept when free (made unique the same way).

``numbered_names`` gives Plone's numbering back to a generator that builds
data alone, in one transaction, and whose names must come out the same on
every run (the demo and test data: ``sirhp.policy.setuphandlers.demo``).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from plone.app.content.namechooser import NormalizingNameChooser
from plone.uuid.interfaces import IUUID
from sirhp.content.interfaces import IPersonnelFile
from uuid import uuid4
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer

TOKEN = 8  # hex digits of the UUID: 4 billion names per title
_NUMBERED = ContextVar("sirhp_numbered_record_names", default=False)


@contextmanager
def numbered_names():
    """Inside (also as a decorator), a taken name gets Plone's next free
    number ("-1", "-2"): reproducible names for a generator with no
    concurrent writer."""
    token = _NUMBERED.set(True)
    try:
        yield
    finally:
        _NUMBERED.reset(token)


@implementer(INameChooser)
@adapter(IPersonnelFile)
class PersonnelFileNameChooser(NormalizingNameChooser):
    """Names the records of a personnel file (see the module)."""

    def _findUniqueName(self, name, obj):
        if _NUMBERED.get():
            return super()._findUniqueName(name, obj)
        check_id = self._getCheckId(obj)
        if not check_id(name, required=1):
            return name
        token = (IUUID(obj, None) or uuid4().hex).replace("-", "")[:TOKEN]
        if not check_id(f"{name}-{token}", required=1):
            return f"{name}-{token}"
        return super()._findUniqueName(name, obj)  # 1 in 4 billion
