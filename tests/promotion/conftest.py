"""Shared setup of the tableau d'avancement tests: promotion rules relaxed
from 1 June 2026 (status only, so the few test officers are eligible
without evaluations), both validated officers of the Police nationale in
the same grade, a table for the next one."""

from datetime import date
from plone import api
from plone.app.testing import login
import pytest
from sirhp.content.careers import api as careers
from sirhp.content.referentials import api as referentials
from sirhp.content.referentials import defaults

AT = date(2026, 11, 1)
GRADE = "officier-2"
TARGET = "officier-1"


def relax_rules():
    tables = defaults.tables()
    for code in tables["promotion_rules"]:
        tables["promotion_rules"][code] = {"status": "active"}
    referentials.add_version(
        effective="2026-06-01", tables=tables, today=date(2026, 1, 2)
    )


def same_grade(portal, testdata):
    """Officer B takes officer A's grade (a validated act of 2025, after his recruitment)."""
    file_b = portal.unrestrictedTraverse(testdata.path_of("pn_validated2"))
    careers.add_act_as_system(
        file=file_b,
        id="grade-test",
        actor="test",
        comment="",
        event_type="promotion",
        event_date=date(2025, 1, 1),
        resulting_grade=GRADE,
        resulting_echelon=1,
    )


@pytest.fixture
def table(portal, testdata):
    relax_rules()
    same_grade(portal, testdata)
    login(portal, "hrmanager.pn")
    return api.content.create(
        container=portal["police-nationale"],
        type="PromotionTable",
        id="tableau",
        target_grade=TARGET,
        year=2026,
        posts=1,
    )
