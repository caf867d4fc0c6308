"""The manifest of an export folder: what it holds, to check it on arrival.

Pure functions over the exported JSON items (no Zope imports): counts per
type and per workflow state, and the sha256 of every inline (base-64) blob,
keyed ``<UID>/<field>``. The round-trip test compares the manifest of the
export with the one computed again on the imported site.
"""

import base64
from collections import Counter
import hashlib

MANIFEST = "manifest.json"
CONTENT = "content.json"
FILES = {
    "relations": "relations.json",
    "members": "members.json",
    "localroles": "localroles.json",
    "ordering": "ordering.json",
}


def blob_values(item):
    """``(field, bytes)`` of each base-64 file or image value of ``item``."""
    for name, value in sorted(item.items()):
        if (
            isinstance(value, dict)
            and value.get("encoding") == "base64"
            and isinstance(value.get("data"), str)
        ):
            yield name, base64.b64decode(value["data"])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(items, **counts):
    """The manifest of exported ``items`` (dicts of collective.exportimport);
    ``counts`` adds the size of the other files (relations, members...)."""
    per_type = Counter(item["@type"] for item in items)
    per_state = Counter(
        f"{item['@type']}/{item.get('review_state') or ''}" for item in items
    )
    blobs = {}
    for item in items:
        for name, data in blob_values(item):
            blobs[f"{item['UID']}/{name}"] = sha256(data)
    return {
        "format": 1,
        "types": dict(sorted(per_type.items())),
        "states": dict(sorted(per_state.items())),
        "blobs": dict(sorted(blobs.items())),
        "counts": dict(sorted(counts.items())),
    }
