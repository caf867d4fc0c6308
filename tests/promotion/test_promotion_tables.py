"""The tableau d'avancement in process: the ranking built from the rules
(one bulk pass), the commission's decisions (reasons for departures, the
posts), four eyes at decide and publish, publication into promotion acts
on the first day of the next quarter, re-runs; exceptional promotions;
a training closed in a session counts for a rule's required training."""

from AccessControl import Unauthorized
from datetime import date
from datetime import timedelta
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import login
from plone.protect.authenticator import createToken
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest
from sirhp.content.careers import api as careers
from sirhp.content.careers.apply import apply_due
from sirhp.content.promotion import api as promotion
from sirhp.content.promotion import rules
from sirhp.content.promotion.api import PromotionError
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults
from sirhp.content.training import api as training_api
from sirhp.policy.interfaces import ISirhpPolicyLayer
from tests.promotion.conftest import AT
from tests.promotion.conftest import TARGET
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides

REFUSED = (WorkflowException, InvalidParameterError)
KEYS = {
    "uid",
    "path",
    "matricule",
    "title",
    "rank",
    "score",
    "average",
    "sex",
    "region",
    "corps",
    "grade_since",
    "decision",
    "reason",
}


def _fr(error):
    return translate(error.message, target_language="fr")


def test_build_stores_the_ranking_of_the_eligible(table, testdata):
    candidates = promotion.build(table=table, at=AT)
    matricules = {row["matricule"] for row in candidates}
    assert matricules == {
        testdata.FILES["pn_validated"],
        testdata.FILES["pn_validated2"],
    }
    assert all(set(row) == KEYS for row in candidates)
    assert [row["rank"] for row in candidates] == [1, 2]
    assert all(row["decision"] is None and row["reason"] == "" for row in candidates)
    assert all(isinstance(row["grade_since"], date) for row in candidates)
    assert table.built_on == AT and isinstance(table.year, int)
    # re-runnable in draft: the same ranking
    assert promotion.build(table=table, at=AT) == candidates


def test_build_only_in_draft_and_by_hr(table, portal):
    promotion.build(table=table, at=AT)
    api.content.transition(obj=table, transition="submit")
    with pytest.raises(PromotionError) as refused:
        promotion.build(table=table, at=AT)
    assert "brouillon" in _fr(refused.value)
    api.content.transition(obj=table, transition="retract")
    login(portal, "clerk.pn")
    with pytest.raises(Unauthorized):
        promotion.build(table=table, at=AT)


def test_settings_are_checked_on_every_channel(table, portal):
    with pytest.raises(BadRequest):
        api.content.create(
            container=portal["police-nationale"],
            type="PromotionTable",
            id="bad",
            target_grade="gardien-de-la-paix-inconnu",
            year=2026,
            posts=1,
        )
    table.formula = {"mark_weight": 0, "seniority_weight": 0}
    with pytest.raises(PromotionError) as refused:
        promotion.check_table(table)
    assert refused.value.field == "formula"
    table.formula = {"mark_weight": 1, "seniority_weight": 0.5}
    assert promotion.check_table(table)["seniority_weight"] == 0.5
    assert promotion.build(table=table, at=AT)


def test_submit_waits_for_the_ranking(table):
    with pytest.raises(REFUSED):
        api.content.transition(obj=table, transition="submit")


def _submitted(table, portal):
    promotion.build(table=table, at=AT)
    api.content.transition(obj=table, transition="submit")
    login(portal, "siteadmin")  # the commission's secretary
    first, second = table.candidates
    return first, second


def test_decisions_reasons_and_posts(table, portal):
    first, second = _submitted(table, portal)
    # promoting the second while the first is deferred: a reason is required
    with pytest.raises(PromotionError) as refused:
        promotion.decide(
            table=table,
            decisions={
                first["uid"]: {"decision": "deferred", "reason": ""},
                second["uid"]: {"decision": "promoted", "reason": " "},
            },
        )
    assert second["matricule"] in _fr(refused.value)
    assert all(row["decision"] is None for row in table.candidates)  # nothing kept
    # at most as many promoted as posts
    with pytest.raises(PromotionError) as refused:
        promotion.decide(
            table=table,
            decisions={
                first["uid"]: {"decision": "promoted"},
                second["uid"]: {"decision": "promoted", "reason": "Mérite"},
            },
        )
    assert second["matricule"] in _fr(refused.value)
    with pytest.raises(PromotionError):
        promotion.decide(table=table, decisions={"nope": {"decision": "promoted"}})
    with pytest.raises(PromotionError):
        promotion.decide(table=table, decisions={first["uid"]: {"decision": "maybe"}})
    promotion.decide(
        table=table,
        decisions={
            first["uid"]: {"decision": "deferred"},
            second["uid"]: {"decision": "promoted", "reason": "Acte de courage"},
        },
    )
    assert [row["decision"] for row in table.candidates] == ["deferred", "promoted"]
    assert table.candidates[1]["reason"] == "Acte de courage"


def test_decide_needs_every_decision_and_four_eyes(table, portal):
    first, second = _submitted(table, portal)
    promotion.decide(table=table, decisions={first["uid"]: {"decision": "promoted"}})
    with pytest.raises(REFUSED):  # the second has no decision yet
        api.content.transition(obj=table, transition="decide")
    promotion.decide(table=table, decisions={second["uid"]: {"decision": "deferred"}})
    # who built and submitted never decides: neither the decisions nor the
    # closing of the deliberation
    login(portal, "hrmanager.pn")
    with pytest.raises(REFUSED):
        api.content.transition(obj=table, transition="decide")
    with pytest.raises(PromotionError) as refused:
        promotion.decide(
            table=table, decisions={second["uid"]: {"decision": "refused"}}
        )
    assert "une autre personne" in _fr(refused.value)
    assert table.candidates[1]["decision"] == "deferred"
    login(portal, "siteadmin")
    api.content.transition(obj=table, transition="decide")
    assert api.content.get_state(table) == "decided"
    assert table.effective == rules.effective_date(table.decided_on)
    # who decided never publishes; nobody records decisions any more
    with pytest.raises(REFUSED):
        api.content.transition(obj=table, transition="publish")
    with pytest.raises(Unauthorized):
        promotion.decide(table=table, decisions={})


def test_publication_files_acts_taking_effect_on_their_date(table, portal, testdata):
    first, second = _submitted(table, portal)
    promotion.decide(
        table=table,
        decisions={
            first["uid"]: {"decision": "promoted"},
            second["uid"]: {"decision": "refused"},
        },
    )
    api.content.transition(obj=table, transition="decide")
    login(portal, "hrmanager.pn")
    api.content.transition(obj=table, transition="publish")
    assert api.content.get_state(table) == "published"
    file = portal.unrestrictedTraverse(first["path"])
    act = file["promotion-tableau"]
    assert api.content.get_state(act) == "validated"
    assert act.event_type == "promotion" and act.resulting_grade == TARGET
    assert act.resulting_echelon == 1 and act.reference == table.Title()
    assert act.event_date == table.effective
    assert table.published_acts == ["/".join(act.getPhysicalPath())]
    other = portal.unrestrictedTraverse(second["path"])
    assert "promotion-tableau" not in other.objectIds()
    # re-run: nothing new
    assert promotion.publish(table=table) == []
    # the daily task applies it on its date, not the day before
    effective = table.effective
    apply_due(today=effective - timedelta(days=1), since=date(2000, 1, 1))
    assert file.grade != TARGET
    situation = careers.situation(file=file, at=effective - timedelta(days=1))
    assert situation["grade"] != TARGET
    apply_due(today=effective, since=effective - timedelta(days=1))
    assert file.grade == TARGET and file.echelon == 1
    assert careers.situation(file=file, at=effective)["grade"] == TARGET


def test_exceptional_promotion_is_pending_and_reported_apart(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    agency = portal["police-nationale"]
    login(portal, "hrmanager.pn")
    with pytest.raises(PromotionError) as refused:
        promotion.propose_exceptional(
            file=file,
            target_grade=TARGET,
            ground="luck",
            event_date=date(2026, 7, 1),
            reference="D-1",
            reason="x",
        )
    assert refused.value.field == "ground"
    with pytest.raises(PromotionError):
        promotion.propose_exceptional(
            file=file,
            target_grade=TARGET,
            ground="bravery",
            event_date=date(2026, 7, 1),
            reference="D-1",
            reason=" ",
        )
    act = promotion.propose_exceptional(
        file=file,
        target_grade=TARGET,
        ground="bravery",
        event_date=date(2026, 7, 1),
        reference="D-1",
        reason="Sauvetage lors d'une inondation",
    )
    assert api.content.get_state(act) == "pending"
    catalog = api.portal.get_tool("portal_catalog")
    brain = catalog.unrestrictedSearchResults(UID=act.UID())[0]
    assert brain.career_act["ground"] == "bravery"
    found = promotion.exceptional_promotions(agency=agency, year=2026)
    assert [(r["ground"], r["grade"], r["review_state"]) for r in found] == [
        ("bravery", TARGET, "pending")
    ]
    assert promotion.exceptional_promotions(agency=agency, year=2025) == []
    # four eyes of the record workflow: its author does not validate it
    with pytest.raises(REFUSED):
        api.content.transition(obj=act, transition="validate")
    for user in ("clerk.pn", "commander.pn", "hrmanager.ocs"):
        login(portal, user)
        with pytest.raises(Unauthorized):
            promotion.propose_exceptional(
                file=file,
                target_grade=TARGET,
                ground="injury",
                event_date=date(2026, 7, 1),
                reference="D-2",
                reason="Blessé",
            )


def test_an_act_by_selection_has_no_ground(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    act = careers.add_act_as_system(
        file=file,
        id="avancement",
        actor="test",
        comment="",
        event_type="promotion",
        event_date=date(2026, 1, 1),
        resulting_grade=TARGET,
    )
    catalog = api.portal.get_tool("portal_catalog")
    assert (
        catalog.unrestrictedSearchResults(UID=act.UID())[0].career_act["ground"] is None
    )


def test_a_closed_training_satisfies_a_required_training(portal, testdata):
    tables = defaults.tables()
    tables["promotion_rules"][TARGET] = {
        "status": "active",
        "required_trainings": ["opj"],
    }
    referentials.add_version(
        effective="2026-06-01", tables=tables, today=date(2026, 1, 2)
    )
    agency = portal["police-nationale"]
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    login(portal, "hrmanager.pn")
    api.content.create(
        container=agency,
        type="TrainingCourse",
        id="opj",
        title="Officier de police judiciaire",
        code="OPJ",
        domain="judicial",
        hours=40,
        certificate=False,
    )
    session = api.content.create(
        container=agency,
        type="TrainingSession",
        id="opj-2026",
        title="Session OPJ d'octobre",
        course_code="OPJ",
        start=date(2026, 10, 5),
        end=date(2026, 10, 16),
        capacity=2,
    )
    training_api.nominate(session=session, file=file)
    training_api.record_result(session=session, file=file, result="passed")
    api.content.transition(obj=session, transition="record")
    login(portal, "siteadmin")
    api.content.transition(obj=session, transition="close")
    act = file["formation-opj-2026"]
    assert act.reference == "OPJ" and "Session OPJ d'octobre" in act.details
    result = promotion.eligibility(file=file, at=AT)
    assert result["grade"] == TARGET
    trainings = next(c for c in result["criteria"] if c["criterion"] == rules.TRAININGS)
    assert trainings["met"] is True
    before = promotion.eligibility(file=file, at=date(2026, 10, 15))
    assert not next(c for c in before["criteria"] if c["criterion"] == rules.TRAININGS)[
        "met"
    ]


def test_the_page_records_the_commissions_decisions(table, portal):
    first, second = _submitted(table, portal)
    request = portal.REQUEST
    alsoProvides(request, ISirhpPolicyLayer)
    request.method = "POST"
    request.form.update(
        {
            "_authenticator": createToken(),
            "decide": "1",
            "decision_0": "deferred",
            "decision_1": "promoted",
            "reason_1": "",
        }
    )
    html = getMultiAdapter((table, request), name="view")()
    # the departure without a reason is refused, in French, naming the officer
    assert "Motif obligatoire pour le matricule " + second["matricule"] in html
    assert all(row["decision"] is None for row in table.candidates)
    request.form["reason_1"] = "Blessé en service"
    html = getMultiAdapter((table, request), name="view")()
    assert [row["decision"] for row in table.candidates] == ["deferred", "promoted"]
    assert "Blessé en service" in html


def test_the_page_writes_marks_with_a_decimal_comma(table, portal):
    """The ranking shows each officer's average and score as French writes
    them (13,40), not as stored (13.4); no average shows a dash, not
    "None"."""
    candidates = promotion.build(table=table, at=AT)
    first, second = candidates
    table.candidates = [{**first, "average": 13.4, "score": 15.4}, second]
    request = portal.REQUEST
    alsoProvides(request, ISirhpPolicyLayer)
    html = getMultiAdapter((table, request), name="view")()
    assert "Moyenne :</span> 13,40" in html and "score :</span> 15,40" in html
    assert "13.4" not in html and "15.4" not in html
    assert "Moyenne :</span> — ;" in html and "None" not in html
    # who reads English gets a decimal point
    request["LANGUAGE"] = "en"
    html = getMultiAdapter((table, request), name="view")()
    assert "13.40" in html and "15.40" in html and "13,40" not in html
