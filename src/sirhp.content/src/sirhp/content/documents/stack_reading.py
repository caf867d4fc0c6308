"""Reading a scanned stack before filing it: its files merged into one PDF
(``pdf.merge_stack``) and every page rendered and searched for a cover
sheet (``cover_sheet.read_stack``). Seconds of CPU for a thick stack, and no
database work.

The result is kept for the same bytes a few minutes (``KEEP`` stacks, for
``TTL`` seconds). When a write conflict makes Zope run the request again,
the retry files at once instead of reading the stack again: a retry that
lasted as long as the first try met the other clerks' writes of those
seconds again, and a busy records office could use up the retries (the one
error of the 50-user load run). What is kept holds no permission: each
try checks, as the user, the files it writes into.
"""

from collections import OrderedDict
import hashlib
from pathlib import Path
from sirhp.content.documents import cover_sheet
from sirhp.content.documents.pdf import merge_stack
import tempfile
import threading
import time

KEEP = 2  # stacks kept (each up to the upload limit)
TTL = 600  # seconds a reading is kept

_lock = threading.Lock()
_kept = OrderedDict()  # key -> (when, (stack, page_count, marks))


def read(files: list[bytes], max_mb: int) -> tuple[bytes, int, tuple]:
    """``(stack, page_count, marks)`` of the stack ``files`` (in order),
    read once for the same bytes and limit within ``TTL`` seconds.

    :raises DocumentError: a file is refused (nothing is kept).
    """
    digest = hashlib.sha256(str(max_mb).encode())
    for data in files:
        digest.update(hashlib.sha256(data).digest())
    key = digest.hexdigest()
    now = time.monotonic()
    with _lock:
        for old in [k for k, (when, _v) in _kept.items() if now - when >= TTL]:
            del _kept[old]
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key][1]
    value = _read(files, max_mb)
    with _lock:
        _kept[key] = (now, value)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return value


def forget():
    """Drop every kept reading (tests)."""
    with _lock:
        _kept.clear()


def _read(files, max_mb):
    stack, page_count = merge_stack(files, max_mb)
    with tempfile.TemporaryDirectory(prefix="sirhp-batch-") as tmp:
        path = Path(tmp) / "stack.pdf"
        path.write_bytes(stack)
        marks = tuple(cover_sheet.read_stack(path))
    return stack, page_count, marks
