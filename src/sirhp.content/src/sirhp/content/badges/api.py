"""The ID photo of a personnel file: checks and normalisation.

SIRHP stores two images without any metadata (EXIF
location, device):

- ``photo_original``: the uploaded picture, upright, re-encoded;
- ``photo``: the ID crop (ratio 7:9), the one shown and printed on the badge.

The schema fields are read-only: the only ways in are the photo page
(``@@photo-identite``) and the REST endpoint ``@photo``, which both call
``set_photo``. A refused picture raises ``PhotoError`` before anything is
stored.
"""

from plone.namedfile.file import NamedBlobImage
from sirhp.content.domain import photo as rules


def _blob(clean, filename):
    return NamedBlobImage(
        data=clean.data, contentType=clean.content_type, filename=filename
    )


def prepare_photo(file, data, box=None):
    """(original, ID crop) as NamedBlobImages, checked; nothing stored.

    Raises ``rules.PhotoError`` (French message) for a refused picture.
    """
    original = rules.clean_photo(data)
    cropped = rules.crop_to_id(original.data, box)
    matricule = getattr(file, "matricule", None) or "photo"
    return (
        _blob(original, f"{matricule}-original.jpg"),
        _blob(cropped, f"{matricule}.jpg"),
    )


def set_photo(file, data, box=None):
    """Store ``data`` as the file's photo, cropped to ``box`` (x, y, w, h).

    Raises ``rules.PhotoError`` (French message) and stores nothing when the
    picture is refused.
    """
    file.photo_original, file.photo = prepare_photo(file, data, box)
    file.photo_crop = ",".join(str(int(v)) for v in box) if box else ""
