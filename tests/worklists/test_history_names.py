"""Histories name people by their full name (the login in a ``title``
attribute): the pages of a leave request, an evaluation, a promotion table
and a badge all show ``SirhpView.workflow_entries``' ``actor_name``."""

from datetime import date
from pathlib import Path
from plone import api
from plone.app.testing import login
import re
from sirhp.content.leave import api as leave_api
import sirhp.policy
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE

POLICY = Path(sirhp.policy.__file__).parent
HISTORY_TEMPLATES = (
    "badges/templates/badge.pt",
    "evaluation/templates/evaluation.pt",
    "leave/templates/leave_request.pt",
    "promotion/templates/promotion_table.pt",
)


def test_every_history_template_names_people():
    for name in HISTORY_TEMPLATES:
        text = (POLICY / name).read_text()
        assert "actor_name" in text, name
        # the login only in a title attribute, never as the shown text
        assert not re.search(r">\s*\$\{(e|entry)/actor\}", text), name
        assert not re.search(r"\(\$\{(e|entry)/actor\}\)", text), name


def test_leave_request_history_shows_the_full_name(portal, testdata):
    api.user.get(username="hrmanager.pn").setMemberProperties(
        {"fullname": "Aminata Traoré"}
    )
    login(portal, "clerk.pn")
    request = leave_api.request_leave(
        file=portal.unrestrictedTraverse(testdata.path_of("pn_validated")),
        leave_type="annual",
        start=date(2026, 11, 9),
        end=date(2026, 11, 13),
        reason="Congé annuel",
        today=REFERENCE_DATE,
    )
    login(portal, "hrmanager.pn")
    api.content.transition(obj=request, transition="reject", comment="Service chargé")
    html = api.content.get_view(name="view", context=request, request=portal.REQUEST)()
    start = html.find("Historique")
    assert 'title="hrmanager.pn">Aminata Traoré</span>' in html, html[
        start : start + 800
    ]
