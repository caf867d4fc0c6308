"""Catalog entries read without building brains.

The bulk reads of HR figures (an agency's eligibility, the fairness
report) go through tens of thousands of entries. A brain costs the
wrapping of its record and its Acquisition context (about 20 µs each, the
half of an agency's eligibility pass); the values are in the record
already. ``records`` reads them from the search's own result set: the
same entries the caller may see, the same values as the brains.
"""


def records(results, catalog, columns):
    """Yield ``(path, {column: value})`` for each entry of ``results``.

    :param results: what a catalog search answered (restricted or not);
        without ``sort_on``.
    :param catalog: the portal_catalog that answered.
    :param columns: metadata column names.
    """
    zcatalog = catalog._catalog
    positions = [(column, zcatalog.schema[column]) for column in columns]
    data, paths = zcatalog.data, zcatalog.paths
    rids = getattr(results, "_seq", None)
    if rids is None:  # not a plain result set (merged, sorted): brains
        for brain in results:
            yield brain.getPath(), {c: getattr(brain, c) for c in columns}
        return
    for rid in rids:
        rid = rid[2] if isinstance(rid, tuple) else rid  # a scored entry
        record = data[rid]
        yield paths[rid], {column: record[at] for column, at in positions}


def paths(results, catalog):
    """The paths of the entries of ``results``, without reading their
    metadata (the bulk paths that load each object anyway).

    :param results: what a catalog search answered (restricted or not);
        without ``sort_on``.
    :param catalog: the portal_catalog that answered.
    """
    zcatalog_paths = catalog._catalog.paths
    rids = getattr(results, "_seq", None)
    if rids is None:  # not a plain result set (merged, sorted): brains
        for brain in results:
            yield brain.getPath()
        return
    for rid in rids:
        yield zcatalog_paths[rid[2] if isinstance(rid, tuple) else rid]


def units_below(unit):
    """UIDs of ``unit`` and of every unit inside it (what the ``unit``
    index of their files and records holds)."""
    catalog = unit.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        portal_type="Unit", path="/".join(unit.getPhysicalPath())
    )
    return [brain.UID for brain in brains] or [unit.UID()]
