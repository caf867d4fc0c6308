"""Full-text postings that two clerks can write at once.

ZCTextIndex keeps, for each word, the documents that hold it (its
postings) in the index's ``_wordinfo`` tree: as a plain ``dict`` inside the
tree's bucket while fewer than 10 documents hold the word, as an
``IIBTree`` of its own beyond. Two documents indexed at the same time that
share a word of fewer than 10 documents (a name, a place, a reference)
both rewrote the same entry of the same bucket: a write conflict ZODB
cannot resolve, retried by Zope and, under twenty clerks at once, answered
with the French 503 "Réessayez" (69 of the 100 conflicts of the
concurrency test were that one bucket).

``install`` replaces the three methods that write postings
(``BaseIndex``, so ``OkapiIndex``, Plone's ``SearchableText``):

- a new word's postings start as an ``IIBTree`` (its own record; two new
  words are two new keys of ``_wordinfo``, which ZODB merges);
- adding a document to a word that has a tree changes that tree only, not
  ``_wordinfo``'s bucket: two documents sharing it are two keys of one
  small tree, which ZODB merges too;
- a word still held as a ``dict`` (indexed before) becomes a tree the
  first time it is written.

Searching reads postings through ``len``, ``items`` and ``[]``, the same
on both kinds: results and scores are unchanged.
"""

from BTrees.IIBTree import IIBTree
from Products.ZCTextIndex.BaseIndex import BaseIndex

_MARK = "_sirhp_tree_postings"
# ZCTextIndex's own writers, kept (tests compare)
ORIGINAL = {
    name: getattr(BaseIndex, name)
    for name in ("_add_wordinfo", "_mass_add_wordinfo", "_del_wordinfo")
}


def _add_wordinfo(self, wid, f, docid):
    doc2score = self._wordinfo.get(wid)
    if doc2score is None:
        self.length.change(1)
        self._wordinfo[wid] = IIBTree({docid: f})
    elif isinstance(doc2score, dict):
        doc2score = IIBTree(doc2score)
        doc2score[docid] = f
        self._wordinfo[wid] = doc2score
    else:
        doc2score[docid] = f


def _mass_add_wordinfo(self, wid2weight, docid):
    for wid, weight in wid2weight.items():
        _add_wordinfo(self, wid, weight, docid)


def _del_wordinfo(self, wid, docid):
    doc2score = self._wordinfo[wid]
    del doc2score[docid]
    if not doc2score:
        del self._wordinfo[wid]
        self.length.change(-1)
    elif isinstance(doc2score, dict):
        self._wordinfo[wid] = doc2score  # a dict is part of the bucket


def install():
    """Replace ``BaseIndex``'s posting writers (once)."""
    if getattr(BaseIndex, _MARK, False):
        return
    BaseIndex._add_wordinfo = _add_wordinfo
    BaseIndex._mass_add_wordinfo = _mass_add_wordinfo
    BaseIndex._del_wordinfo = _del_wordinfo
    setattr(BaseIndex, _MARK, True)
