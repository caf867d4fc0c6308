"""Catalog values every evaluation shares, answered without Plone's
generic lookups.

Plone's indexers for ``is_default_page``, ``image_scales``, ``getObjSize``
and ``mime_type`` are written for any content: they ask the parent for its
default page, look for image fields, measure the primary field. An
evaluation is never a folder's default page (a personnel file has none),
has no image and no primary field: the answers are the same for all, and a
campaign catalogues 20,000 of them at once. ``tests/content/
test_bulk_creator.py`` compares these with Plone's on a real evaluation.
"""

from plone.indexer import indexer
from sirhp.content.interfaces import IEvaluation


@indexer(IEvaluation)
def is_default_page(obj):
    return False


@indexer(IEvaluation)
def image_scales(obj):
    raise AttributeError("image_scales")  # no image: no entry


@indexer(IEvaluation)
def getObjSize(obj):
    return "0 KB"


@indexer(IEvaluation)
def mime_type(obj):
    return "text/plain"
