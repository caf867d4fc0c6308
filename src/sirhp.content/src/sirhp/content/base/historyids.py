"""History ids of versioned objects without a shared counter.

CMFEditions gives every versioned object a history id from
``IUniqueIdGenerator`` when its first version is saved (an added career
act, document or file). CMFUid's generator is one counter on one object
(``portal_uidgenerator``): two clerks adding anything at the same moment
write it both and conflict, on every add of the site. ``BTrees.Length``
would resolve those conflicts by handing both the same id (CMFUid dropped
it for that reason), which would mix two histories.

This generator draws the id at random from 2**62 values above the range
the old counter ever reached: it writes nothing, so it cannot conflict; two
equal draws among a million objects have a probability of about 1e-7.
Ids stay integers (``convert``), as the history storage and the
``cmf_uid`` index expect. It is registered as the site's local
``IUniqueIdGenerator`` by the profile (``componentregistry.xml``); it holds
no state, so the registration pickles the class only.
"""

from Products.CMFUid.interfaces import IUniqueIdGenerator
import secrets
from zope.interface import implementer

# above any id the old counter gave (one per versioned object ever added)
FLOOR = 1 << 40
SPAN = 1 << 62


@implementer(IUniqueIdGenerator)
class HistoryIdGenerator:
    """A random, conflict-free history id (see the module docstring)."""

    def __call__(self):
        return FLOOR + secrets.randbelow(SPAN)

    def convert(self, uid):
        return int(uid)
