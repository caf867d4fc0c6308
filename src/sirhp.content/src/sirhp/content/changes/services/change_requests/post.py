"""REST of change requests.

- ``PATCH`` on a file or record: whoever may edit (a draft) edits as usual;
  on validated content, who may propose gets a pending change request
  instead (HTTP 202, ``Location`` = the request); others 401/403.
- ``GET <file>/@change-requests``: the requests of the file the caller may
  see; ``POST`` creates one ({"target": UID or omitted for the file,
  "changes": {field: value}, "justification": "...", "attachment":
  {"data": base64, "filename": "..."}}).
- ``GET <site>/@change-requests``: the review queue (everything waiting in
  the caller's agencies, oldest first), same as the page ``@@a-valider``.
- ``GET <request>/@change-diff``: the field-by-field diff as JSON.

Values the caller may not read (field read permission, or a medical field
without ``X-SIRHP-Reason``) are null and flagged (``hidden``,
``hidden_fields``); a field the caller may not write is refused (403).
"""

from AccessControl import Unauthorized
from base64 import b64decode
import binascii
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from plone.restapi.services.content.update import ContentPatch
from sirhp.content.content.records import parent_file
from sirhp.policy.changes import api as changes
from sirhp.policy.changes.queue import review_queue
from sirhp.policy.changes.views import may_propose
import transaction
from zope.interface import alsoProvides


def _error(service, status, message, type_="BadRequest"):
    transaction.doom()
    service.request.response.setStatus(status)
    return {"error": {"type": type_, "message": message}, "message": message}


def kind_of(file):
    """Who proposes: the officer concerned, or records staff."""
    return "officer" if api.user.get_current().getId() == file.matricule else "staff"


def _summary(request):
    masked = changes.masked_fields(request)
    return {
        "@id": request.absolute_url(),
        "id": request.getId(),
        "review_state": api.content.get_state(request),
        "target": request.target_uid,
        "target_title": request.target_title,
        # values the caller may not read are null, named in hidden_fields
        "changes": changes.shown_values(request, request.proposed, masked),
        "hidden_fields": sorted(masked),
        "justification": request.justification,
        "requester": (request.listCreators() or (None,))[0],
        "kind": request.kind,
        "created": request.created().ISO8601(),
        "has_attachment": getattr(request, "attachment", None) is not None,
    }


def _attachment(body):
    attachment = body.get("attachment")
    if attachment is None:
        return None
    if not isinstance(attachment, dict) or not isinstance(attachment.get("data"), str):
        raise changes.ChangeError(
            '« attachment » : {"data": base64, "filename": ...} attendu.'
        )
    try:
        data = b64decode(attachment["data"], validate=True)
    except (binascii.Error, ValueError):
        raise changes.ChangeError(
            "« attachment » n'est pas du base64 valide."
        ) from None
    return (str(attachment.get("filename") or "piece"), data)


def propose(service, target, body, kind, status=201):
    """Create the request from a JSON body; the service's answer."""
    if not isinstance(body, dict):
        return _error(service, 400, "Corps JSON attendu.")
    try:
        request = changes.create_request(
            target,
            body.get("changes"),
            body.get("justification"),
            attachment=_attachment(body),
            kind=kind,
        )
    except changes.ChangeForbidden as error:
        return _error(service, 403, error.message, type_="Forbidden")
    except changes.ChangeError as error:
        return _error(service, 400, error.message)
    service.request.response.setStatus(status)
    service.request.response.setHeader("Location", request.absolute_url())
    return _summary(request)


class PatchOrPropose(ContentPatch):
    """PATCH: edit a draft, or propose a change to validated content."""

    def reply(self):
        if api.user.has_permission("Modify portal content", obj=self.context):
            return super().reply()
        if not may_propose(self.context):
            raise Unauthorized("Modify portal content")
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        if not isinstance(body, dict):
            return _error(self, 400, "Corps JSON attendu.")
        justification = body.pop("justification", None) or body.pop("changeNote", None)
        data = {
            "changes": body,
            "justification": justification
            or "Modification proposée par l'API (sans justification).",
        }
        return propose(self, self.context, data, "staff", status=202)


class FileChangeRequests(Service):
    """GET / POST <file>/@change-requests."""

    def reply(self):
        if self.request.method == "POST":
            return self.create()
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            portal_type="ChangeRequest",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            sort_on="created",
            sort_order="descending",
        )
        items = [_summary(brain.getObject()) for brain in brains]
        return {
            "@id": f"{self.context.absolute_url()}/@change-requests",
            "items": items,
            "items_total": len(items),
        }

    def create(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request)
        if not isinstance(body, dict):
            return _error(self, 400, "Corps JSON attendu.")
        target = self.context
        if body.get("target"):
            found = api.content.get(UID=str(body["target"]))
            if (
                found is None
                or parent_file(found) is None
                or (parent_file(found).UID() != self.context.UID())
            ):
                return _error(
                    self, 400, "« target » : élément introuvable dans ce dossier."
                )
            target = found
        return propose(self, target, body, kind_of(self.context))


class ReviewQueue(Service):
    """GET <site>/@change-requests: everything waiting, oldest first."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("@change-requests")
        form = self.request.form
        items = review_queue(
            portal_type=form.get("type") or None, unit=form.get("unit") or None
        )
        return {
            "@id": f"{self.context.absolute_url()}/@change-requests",
            "items": [
                {key: value for key, value in item.items() if key != "brain"}
                for item in items
            ],
            "items_total": len(items),
        }


class ChangeDiff(Service):
    """GET <request>/@change-diff: current value -> proposed value."""

    def reply(self):
        rows = changes.diff(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@change-diff",
            "stale": changes.is_stale(self.context),
            "conflicts": [
                {"@id": c["request"].absolute_url(), "fields": c["fields"]}
                for c in changes.conflicts(self.context)
            ],
            "fields": [
                {
                    "field": row["field"],
                    "label": row["label"],
                    "current": row["current_json"],
                    "proposed": row["proposed_json"],
                    "current_text": row["current"],
                    "proposed_text": row["proposed"],
                    "changed_since_request": row["changed_since"],
                    "hidden": row.get("hidden", False),
                }
                for row in rows
            ],
        }
