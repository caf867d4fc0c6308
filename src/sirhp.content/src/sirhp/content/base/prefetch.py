"""Many files read from a remote storage in a few round trips.

Over ZEO (or RelStorage), each object the ZODB loads is a request to the
server that the process waits for: a bulk path visiting 500 files loads
each file, then its folder parts (``_tree``, ``_count``, ``_mt_index`` and
the latter's index of names), one round trip at a time. ``prefetch_files``
asks for all of them in three requests per batch (the ZODB's
``Connection.prefetch``): the server sends them while the process works.
On a local FileStorage there is nothing to ask: the storage has no
``prefetch`` and the ZODB ignores the call.
"""

from Acquisition import aq_base

# the parts of a folder that adding a child changes (OFS.BTreeFolder2)
FOLDER_PARTS = ("_tree", "_count", "_mt_index")


def _ask(jar, objects):
    found = [obj for obj in objects if getattr(obj, "_p_oid", None) is not None]
    if found:
        jar.prefetch(found)


def prefetch_files(portal, paths):
    """Ask the storage at once for the objects at ``paths`` (physical
    paths of objects in BTree folders: personnel files), then for their
    folder parts, then for the name indexes of those parts; loads the
    objects themselves on the way (not their children).

    :param portal: the site (its connection does the asking).
    :param paths: physical paths, strings.
    """
    jar = portal._p_jar
    parents = {}
    files = []
    for path in paths:
        parent_path, _, name = path.rpartition("/")
        if parent_path not in parents:
            # a folder gone since the search: nothing to ask (the caller
            # meets it when it reads the object)
            parents[parent_path] = aq_base(
                portal.unrestrictedTraverse(parent_path, None)
            )
        tree = getattr(parents[parent_path], "_tree", None)
        obj = tree.get(name) if tree is not None else None
        if obj is not None:
            files.append(obj)
    _ask(jar, files)
    _ask(jar, [getattr(obj, name, None) for obj in files for name in FOLDER_PARTS])
    names = [getattr(obj, "_mt_index", None) for obj in files]
    _ask(jar, [index for found in names if found for index in found.values()])
