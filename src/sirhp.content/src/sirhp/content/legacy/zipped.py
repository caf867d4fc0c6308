"""Scans handed in as one zip: ``{filename: bytes}`` of its PDFs (folders
ignored, names kept); an adapter of ``zipfile``, bounded."""

import io
from pathlib import PurePosixPath
from sirhp.content import _
from sirhp.content.base.errors import SirhpError
import zipfile

MAX_MEMBERS = 5_000
MAX_TOTAL = 2 * 1024**3  # uncompressed bytes: no zip bomb
MSG_ZIP = _("legacy_zip", default="Archive des pièces illisible (zip attendu).")


def read_scans(upload) -> dict:
    """The PDFs of an uploaded zip (an object with ``read``), or ``{}``."""
    if upload is None or not hasattr(upload, "read"):
        return {}
    data = upload.read()
    if not data:
        return {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS or sum(i.file_size for i in members) > MAX_TOTAL:
            raise SirhpError(MSG_ZIP)
        return {
            PurePosixPath(info.filename).name: archive.read(info)
            for info in members
            if not PurePosixPath(info.filename).name.startswith(".")
        }
    except (zipfile.BadZipFile, OSError):
        raise SirhpError(MSG_ZIP) from None
