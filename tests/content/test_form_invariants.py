"""Checks across a personnel file's tabs run in the browser's forms as
everywhere else: the add form refuses a recruit under 18 or a grade outside
its corps (nothing created, a French message at the top of the form), and an
edit that corrects a draft goes through whatever tab holds each date.

The dates are fixed and in the past: the rules compare them with each other
(age at hire), never with today's date.
"""

from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
import pytest
import re
from sirhp.content.changes import api as changes
from sirhp.content.content.personnel_file import IPersonnelFileSchema
from zope.i18n import translate

AGE_ERROR = "L'agent doit avoir au moins 18 ans à son entrée en service."
GRADE_ERROR = (
    "Le grade « Agent de police » n'appartient pas au corps « Corps des "
    "commissaires de police » : il relève du corps « Corps des sous-officiers "
    "de police »."
)
NEW = "104999U"


def _widgets(**values):
    form = {}
    for name, value in values.items():
        if isinstance(value, date):
            value = value.isoformat()
        key = f"form.widgets.{name}"
        form[key] = [value] if name in {"sex", "corps", "grade", "status"} else value
    return form


def _new_file(**changes):
    values = {
        "matricule": NEW,
        "last_name": "Keïta",
        "first_names": "Awa",
        "sex": "F",
        "birth_date": date(1994, 5, 2),
        "hire_date": date(2016, 10, 1),
        "corps": "officiers",
        "grade": "officier-2",
        "status": "active",
    }
    values.update(changes)
    return _widgets(**values)


def _post(context, view_name, form):
    request = context.REQUEST
    request.form.clear()
    request.form.update(form)
    request.form["form.buttons.save"] = "Enregistrer"
    request["REQUEST_METHOD"] = "POST"
    return context.restrictedTraverse(view_name)() or ""


def _top_errors(html):
    """Text of the error box above the form (form-level errors)."""
    head = html.split('<form class="rowlike', 1)[0]
    match = re.search(r'class="[^"]*alert-danger[^"]*"(.*)', head, re.S)
    assert match, "no error box above the form"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


@pytest.fixture
def clerk(portal):
    login(portal, "clerk.pn")
    yield portal
    logout()


class TestAddForm:
    def _add(self, portal, **changes):
        return _post(
            portal["police-nationale"], "++add++PersonnelFile", _new_file(**changes)
        )

    def test_recruit_of_17_refused(self, clerk):
        # 17 years and 10 months old on the day of hire; the two dates sit
        # on different tabs (Identité, Carrière)
        html = self._add(clerk, birth_date=date(2002, 3, 1), hire_date=date(2020, 1, 1))
        assert NEW not in clerk["police-nationale"].objectIds()
        assert AGE_ERROR in _top_errors(html)

    def test_grade_outside_its_corps_refused(self, clerk):
        html = self._add(clerk, corps="commissaires", grade="agent")
        assert NEW not in clerk["police-nationale"].objectIds()
        assert GRADE_ERROR in _top_errors(html)

    def test_grade_date_before_hire_refused(self, clerk):
        html = self._add(clerk, grade_date=date(2015, 1, 1))
        assert NEW not in clerk["police-nationale"].objectIds()
        assert "ne peut précéder l'entrée en service" in _top_errors(html)

    def test_coherent_file_created(self, clerk):
        self._add(clerk, birth_date=date(2002, 1, 1), hire_date=date(2020, 1, 1))
        obj = clerk["police-nationale"][NEW]
        assert (obj.corps, obj.grade) == ("officiers", "officier-2")
        assert obj.hire_date == date(2020, 1, 1)


class TestEditForm:
    @pytest.fixture
    def draft(self, clerk, testdata):
        """A draft whose dates were let through: a recruit of 17."""
        obj = clerk.unrestrictedTraverse(testdata.path_of("pn_draft"))
        obj.birth_date = date(2002, 3, 1)
        obj.hire_date = date(2020, 1, 1)
        obj.grade_date = None
        obj.corps, obj.grade = "sous-officiers", "agent"
        return obj

    def _edit(self, obj, **changes):
        values = {
            name: getattr(obj, name)
            for name in (
                "matricule",
                "last_name",
                "first_names",
                "sex",
                "birth_date",
                "hire_date",
                "corps",
                "grade",
                "status",
            )
        }
        values.update(changes)
        return _post(obj, "@@edit", _widgets(**values))

    @pytest.mark.parametrize(
        "fix",
        [
            {"hire_date": date(2021, 1, 1)},  # tab Carrière
            {"birth_date": date(2000, 1, 1)},  # tab Identité
            {"birth_date": date(1999, 1, 1), "hire_date": date(2019, 6, 1)},
        ],
    )
    def test_draft_fixed_from_any_tab(self, draft, fix):
        html = self._edit(draft, **fix)
        assert AGE_ERROR not in html
        for name, value in fix.items():
            assert getattr(draft, name) == value

    def test_error_shown_at_the_top_and_nothing_saved(self, draft):
        html = self._edit(draft, hire_date=date(2019, 1, 1), grade="commissaire")
        errors = _top_errors(html)
        assert AGE_ERROR in errors
        assert "Le grade « Commissaire de police » n'appartient pas" in errors
        assert draft.hire_date == date(2020, 1, 1)
        assert draft.grade == "agent"


class TestGradeAndCorpsEverywhere:
    def test_invariant_of_the_schema(self, portal):
        from z3c.form.validator import Data
        from zope.interface import Invalid

        data = Data(
            IPersonnelFileSchema, {"corps": "commissaires", "grade": "agent"}, None
        )
        with pytest.raises(Invalid) as info:
            IPersonnelFileSchema.validateInvariants(data)
        assert GRADE_ERROR in str(info.value.args[0])

    @pytest.mark.parametrize(
        "corps, grade",
        [("commissaires", "commissaire"), ("sous-officiers", "agent")],
    )
    def test_grades_of_their_corps_accepted(self, portal, corps, grade):
        from z3c.form.validator import Data

        data = Data(IPersonnelFileSchema, {"corps": corps, "grade": grade}, None)
        IPersonnelFileSchema.validateInvariants(data)

    def test_change_request_refused(self, portal, testdata):
        """On a validated file the corps follows the grade of the career
        acts: a request to change it is refused before any corps check."""
        file = portal.unrestrictedTraverse(testdata.path_of("pn_validated"))
        grade = file.grade
        corps = "appui" if file.corps != "appui" else "commissaires"
        with api.env.adopt_user(username="clerk.pn"):
            with pytest.raises(changes.ChangeError) as info:
                changes.propose(
                    target=file, changes={"corps": corps}, justification="Reclassement"
                )
        assert "découlent des actes de carrière" in translate(
            info.value.message, target_language="fr"
        )
        assert file.corps != corps and file.grade == grade

    def test_demo_files_are_coherent(self, portal):
        from sirhp.content.domain.personnel import grade_corps_mismatch
        from sirhp.content.vocabularies.hr import hr_terms

        grades, corps_terms = hr_terms("grades"), hr_terms("corps")
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(portal_type="PersonnelFile")
        assert brains
        for brain in brains:
            obj = brain._unrestrictedGetObject()
            assert not grade_corps_mismatch(obj.corps, obj.grade, grades, corps_terms)
