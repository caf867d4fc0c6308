"""Marks read in bulk from catalog indexes, never from metadata: the
validated mark of an officer reaches promotion eligibility (``marks_of``,
``eligibility_of_agency``) and a revision re-indexes it; no catalog column
carries a mark; the upgrade fills the indexes of existing evaluations."""

from decimal import Decimal
from plone import api
from sirhp.content.evaluation import marks
from sirhp.content.promotion import api as promotion_api
from sirhp.content.upgrades.evaluation_marks import upgrade
from sirhp.policy.setuphandlers.demo import REFERENCE_DATE
from tests.clock import clock_on
from tests.evaluation.test_evaluations import _do
from tests.evaluation.test_evaluations import _fill
from tests.evaluation.test_evaluations import campaign  # noqa: F401 (fixture)
from tests.evaluation.test_evaluations import evaluation  # noqa: F401 (fixture)


def _validated(portal, testdata, evaluation, marks_given=None):  # noqa: F811
    _fill(portal, evaluation, marks=marks_given)
    with clock_on(REFERENCE_DATE):
        _do(portal, evaluation, "commander.pn", "submit")
        _do(portal, evaluation, testdata.FILES["pn_validated"], "acknowledge")
        _do(portal, evaluation, "hrmanager.pn", "validate")
    return evaluation


def test_validated_mark_reaches_eligibility(portal, testdata, evaluation):  # noqa: F811
    file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
    assert promotion_api.marks_of(file) == {}
    _validated(portal, testdata, evaluation)  # 12 × 40 % + 15 × 60 % = 13.80
    assert promotion_api.marks_of(file) == {2026: Decimal("13.80")}
    with api.env.adopt_roles(["Manager"]):
        rows = promotion_api.eligibility_of_agency(
            agency=portal["police-nationale"], at=REFERENCE_DATE
        )
    row = next(r for r in rows if r["uid"] == file.UID())
    (average,) = [c for c in row["criteria"] if c["criterion"] == "average_mark"]
    assert average["actual"] == 13.8
    assert average["met"] is True


def test_only_validated_marks_count_by_default(portal, testdata, evaluation):  # noqa: F811
    _fill(portal, evaluation)
    agency = portal["police-nationale"]
    assert marks.rows(context=agency) == []
    drafts = marks.rows(context=agency, states=("draft",))
    assert [r["mark"] for r in drafts] == [Decimal("13.80")]
    assert drafts[0]["evaluator"] == "commander.pn"
    assert drafts[0]["year"] == 2026


def test_no_catalog_column_holds_a_mark(portal, evaluation):  # noqa: F811
    catalog = api.portal.get_tool("portal_catalog")
    for name in marks.INDEXES:
        assert name in catalog.indexes()
        assert name not in catalog.schema()
    _fill(portal, evaluation)
    brain = catalog.unrestrictedSearchResults(UID=evaluation.UID())[0]
    values = [str(getattr(brain, column, "")) for column in catalog.schema()]
    assert not any("13.8" in value for value in values)


def test_upgrade_indexes_existing_evaluations(portal, evaluation):  # noqa: F811
    _fill(portal, evaluation)
    catalog = api.portal.get_tool("portal_catalog")
    for name in marks.INDEXES:
        catalog.delIndex(name)  # the previous profile
    for _run in range(2):  # re-runnable
        assert upgrade(portal.portal_setup) >= 1
    found = marks.rows(context=portal, states=("draft",))
    assert [r["mark"] for r in found] == [Decimal("13.80")]
