"""Helpers of the scanned-document tests."""

from base64 import b64encode
from plone import api
from plone.namedfile.file import NamedBlobFile

JSON = {"Accept": "application/json"}


def add_document(file, data, user="clerk.pn", document_type="diplome", **extra):
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=file,
            type="ScannedDocument",
            id=extra.pop("id", "piece"),
            safe_id=True,
            document_type=document_type,
            file=NamedBlobFile(data=data, filename=extra.pop("filename", "scan.pdf")),
            **extra,
        )


def rest_body(data, filename="scan.pdf", content_type="application/pdf", **fields):
    body = {
        "@type": "ScannedDocument",
        "document_type": "diplome",
        "file": {
            "data": b64encode(data).decode(),
            "encoding": "base64",
            "filename": filename,
            "content-type": content_type,
        },
    }
    body.update(fields)
    return body
