"""What a blob copy refused by the disk leaves behind, removed.

A new blob (an upload, a generated PDF) is first written as a ``BUC*`` file
in the process's temporary folder; a savepoint or the commit then moves it
into the blob folder, by a copy when the two are on different disks. When
that copy fails (blob disk full), ``ZODB.blob.rename_or_copy_blob`` leaves
both files: the ``BUC*`` file, which no object owns any more (ZODB handed it
to the storage before the copy), stays in the temporary folder for good, and
the partial copy in the blob folder. The transaction is aborted: neither
file is ever used again. ``remove_leftovers`` finds them in the disk error's
traceback and removes them; ``RetryLaterView`` calls it before answering.

Why not move the temporary folder onto the blob disk (``TMPDIR``), which
would make the copy a rename: plone.namedfile writes an upload with one raw
``write`` whose short count it ignores, so on a nearly full blob disk the
blob would be stored truncated, without an error (the fault drill saw a
truncated PDF refused as unreadable); the copy from another disk fails
loudly instead.
"""

import logging
import os
from pathlib import Path
from ZODB.blob import rename_or_copy_blob

logger = logging.getLogger("sirhp.policy.blob_leftovers")

COPY = rename_or_copy_blob.__code__
# ZODB's prefix of an uncommitted blob's temporary file (Blob._create_uncommitted_file)
UNCOMMITTED_PREFIX = "BUC"


def _copies(error):
    """(source, target) of each blob copy the error went through."""
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code is COPY:
            yield frame.f_locals.get("f1"), frame.f_locals.get("f2")
        traceback = traceback.tb_next


def leftovers(error) -> list[str]:
    """The files a failed blob copy left: the uncommitted source (never a
    committed blob, which a restore copies) and the partial target."""
    found = []
    for source, target in _copies(error):
        if source and Path(source).name.startswith(UNCOMMITTED_PREFIX):
            found.append(source)
        if target:
            found.append(target)
    return [path for path in found if os.path.isfile(path)]


def remove_leftovers(error) -> list[str]:
    """Remove what ``leftovers`` finds; a removal that fails is logged.

    :returns: the paths removed.
    """
    removed = []
    for path in leftovers(error):
        try:
            os.remove(path)
        except OSError as failure:
            logger.error("Blob leftover %s not removed: %s", path, failure)
            continue
        removed.append(path)
    if removed:
        logger.warning("Failed blob copy: %d leftover(s) removed", len(removed))
    return removed
