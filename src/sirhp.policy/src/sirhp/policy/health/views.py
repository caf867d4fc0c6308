"""``<site>/@@health``: the health report as JSON (no login, no cache)."""

import json
from Products.Five.browser import BrowserView
from sirhp.policy.health import checks

UNAVAILABLE = 503


def answer(site, response) -> dict:
    """The report, with its status (503 when a check fails) and headers set
    on ``response``; shared by the page and the REST service."""
    result = checks.report(site)
    if result["status"] != "ok":
        response.setStatus(UNAVAILABLE)
    response.setHeader("Cache-Control", "no-store")
    return result


class HealthView(BrowserView):
    def __call__(self):
        result = answer(self.context, self.request.response)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(result, sort_keys=True)
