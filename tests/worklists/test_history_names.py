"""Histories name people by their full name (the login in a ``title``
attribute): the pages of a leave request, an evaluation, a promotion table
and a badge all show ``SirhpView.workflow_entries``' ``actor_name``."""

from datetime import date
from pathlib import Path
from plone import api
from plone.app.testing import login
import re
from sirhp.content.evaluation import api as evaluation_api
from sirhp.content.leave import api as leave_api
import sirhp.policy
from sirhp.policy.base.views import SirhpView
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.evaluation.campaigns import new_campaign
from zope.i18n import translate

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


# the workflows whose transitions these pages list
HISTORY_WORKFLOWS = (
    "sirhp_badge_workflow",
    "sirhp_evaluation_workflow",
    "sirhp_leave_workflow",
    "sirhp_promotion_workflow",
)


def test_every_transition_of_a_history_has_a_french_label(portal):
    request = portal.REQUEST
    view = SirhpView(portal, request)

    def label(action, workflow):
        return translate(view.action_label(action, workflow), context=request)

    wftool = api.portal.get_tool("portal_workflow")
    for workflow in HISTORY_WORKFLOWS:
        for action in wftool[workflow].transitions.objectIds():
            assert label(action, workflow) != action, (workflow, action)
    # the same id reads as its own workflow says
    assert label("submit", "sirhp_evaluation_workflow") == ("Soumise à l'agent")
    assert label("submit", "sirhp_promotion_workflow") == ("Soumis à la commission")
    assert label("submit", "sirhp_record_workflow") == ("Soumis pour validation")


def test_an_evaluation_history_reads_in_french(portal, testdata):
    campaign = new_campaign(portal)
    evaluation_api.create_evaluations(campaign=campaign)
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    evaluation = file[evaluation_api.evaluation_id(campaign)]
    login(portal, "commander.pn")
    evaluation_api.set_marks(evaluation=evaluation, marks={"discipline": 12})
    api.content.transition(obj=evaluation, transition="submit")
    login(portal, testdata.FILES["pn_validated"])
    api.content.transition(obj=evaluation, transition="contest", comment="Injuste")
    html = api.content.get_view(
        name="view", context=evaluation, request=portal.REQUEST
    )()
    history = html[html.find("Décisions") :]
    assert "Contestée par l'agent" in history and "Soumise à l'agent" in history
    assert "— contest " not in history and "Soumis pour validation" not in history
