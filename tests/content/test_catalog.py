"""Catalog: what a file is found by, and what is never in the catalog."""

from plone import api
import pytest
from tests.content.helpers import create_file
from tests.content.helpers import relation
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

SENSITIVE = ("blood_group", "medical_notes")


def catalog():
    return api.portal.get_tool("portal_catalog")


def matricules(**query):
    brains = catalog().unrestrictedSearchResults(portal_type="PersonnelFile", **query)
    return {brain.matricule for brain in brains}


@pytest.fixture
def validated(portal, testdata):
    return portal.unrestrictedTraverse(testdata.path_of("pn_validated"))


class TestIndexes:
    def test_by_matricule(self, validated):
        assert matricules(matricule=validated.matricule) == {validated.matricule}

    def test_by_grade(self, validated):
        assert validated.matricule in matricules(grade=validated.grade)
        assert validated.matricule not in matricules(grade="agent-inexistant")

    def test_by_corps(self, validated):
        assert validated.matricule in matricules(corps=validated.corps)

    def test_by_region_of_the_unit(self, portal, testdata, validated):
        bamako = matricules(region="bamako")
        assert validated.matricule in bamako
        assert testdata.FILES["pn_validated2"] not in bamako
        assert testdata.FILES["pn_validated2"] in matricules(region="kayes")
        assert matricules(region="sikasso") == {
            testdata.FILES[name]
            for name in ("ocs_draft", "ocs_pending", "ocs_validated")
        }

    def test_by_unit_uid(self, portal, testdata, validated):
        unit = portal["police-nationale"]["dr-bamako"]["commissariat-1"]
        assert matricules(unit=unit.UID()) == {
            testdata.FILES[name]
            for name in ("pn_draft", "pn_pending", "pn_validated", "pn_archived")
        }

    def test_by_personnel_status(self, testdata, validated):
        assert validated.matricule in matricules(personnel_status="active")
        assert testdata.FILES["pn_archived"] in matricules(personnel_status="retired")
        assert testdata.FILES["pn_archived"] not in matricules(
            personnel_status="active"
        )

    def test_by_skills(self, validated):
        for skill in validated.skills:
            assert validated.matricule in matricules(skills=skill)
        assert validated.matricule in matricules(
            skills={"query": validated.skills, "operator": "and"}
        )

    def test_by_languages(self, testdata, validated):
        assert validated.matricule in matricules(languages="bm")
        # pn_archived speaks fulfulde and songhay, pn_validated does not
        assert testdata.FILES["pn_archived"] in matricules(languages="ses")
        assert validated.matricule not in matricules(languages="ses")

    def test_by_sex(self, testdata, validated):
        assert validated.matricule in matricules(sex="M")
        assert testdata.FILES["pn_archived"] in matricules(sex="F")
        assert validated.matricule not in matricules(sex="F")

    def test_by_agency(self, portal, testdata):
        pn = {testdata.FILES[n] for n in testdata.FILES if n.startswith("pn_")}
        ocs = {testdata.FILES[n] for n in testdata.FILES if n.startswith("ocs_")}
        assert matricules(agency="police-nationale") == pn
        assert matricules(agency="ocs") == ocs

    def test_combined(self, testdata, validated):
        assert matricules(
            agency="police-nationale",
            region="bamako",
            personnel_status="active",
            grade=validated.grade,
            sex="M",
        ) == {validated.matricule}

    def test_searchable_text(self, validated):
        brains = catalog().unrestrictedSearchResults(SearchableText=validated.matricule)
        assert validated.UID() in {b.UID for b in brains}
        brains = catalog().unrestrictedSearchResults(
            SearchableText=validated.last_name, portal_type="PersonnelFile"
        )
        assert validated.UID() in {b.UID for b in brains}

    def test_new_file_indexed(self, portal):
        create_file(portal)
        assert matricules(matricule="123456T") == {"123456T"}
        assert "123456T" in matricules(region="bamako", skills="cybercriminalite")
        assert "123456T" in matricules(languages="ff", sex="F", grade="officier-1")

    def test_unit_change_reindexes_region(self, portal):
        obj = create_file(portal)
        with api.env.adopt_user(username="clerk.pn"):
            obj.unit = relation(portal["police-nationale"]["dr-gao"]["brigade-gao"])
            notify(ObjectModifiedEvent(obj))
        assert "123456T" in matricules(region="gao")
        assert "123456T" not in matricules(region="bamako")
        brain = catalog().unrestrictedSearchResults(matricule="123456T")[0]
        assert brain.unit_title == "Brigade de recherches de Gao"

    def test_records_carry_the_matricule_and_agency(self, portal, validated):
        brains = catalog().unrestrictedSearchResults(
            matricule=validated.matricule, portal_type="CareerEvent"
        )
        assert brains
        assert {b.agency for b in brains} == {"police-nationale"}
        assert "recruitment" in {b.event_type for b in brains}


class TestMetadata:
    def test_listing_metadata(self, validated):
        brain = catalog().unrestrictedSearchResults(
            matricule=validated.matricule, portal_type="PersonnelFile"
        )[0]
        assert brain.last_name == validated.last_name
        assert brain.first_names == validated.first_names
        assert brain.grade == validated.grade
        assert brain.corps == validated.corps
        assert brain.region == "bamako"
        assert brain.unit == validated.unit.to_object.UID()
        assert brain.unit_title == "Commissariat de police du 1er arrondissement"
        assert brain.personnel_status == "active"
        assert brain.sex == validated.sex
        assert brain.agency == "police-nationale"
        assert brain.hire_date == validated.hire_date
        assert brain.review_state == "validated"

    @pytest.mark.parametrize("name", SENSITIVE)
    def test_sensitive_fields_not_metadata(self, portal, name):
        assert name not in catalog().schema()

    @pytest.mark.parametrize("name", SENSITIVE)
    def test_sensitive_fields_not_indexed(self, portal, name):
        assert name not in catalog().indexes()

    def test_sensitive_values_nowhere_in_the_brain(self, portal):
        obj = create_file(portal)
        brain = catalog().unrestrictedSearchResults(UID=obj.UID())[0]
        metadata = catalog().getMetadataForRID(brain.getRID())
        for value in metadata.values():
            assert "Asthmatique" not in str(value)
            assert value != "AB-"
        index_data = catalog().getIndexDataForRID(brain.getRID())
        for value in index_data.values():
            assert "asthmatique" not in str(value).lower()
            assert "AB-" not in str(value)

    def test_sensitive_values_not_searchable(self, portal, testdata):
        create_file(portal)
        assert not catalog().unrestrictedSearchResults(SearchableText="Asthmatique")
        assert not catalog().unrestrictedSearchResults(SearchableText="zébrure")
        # the demo medical note of an OCS file is not searchable either
        ocs = portal.unrestrictedTraverse(testdata.path_of("ocs_validated"))
        assert ocs.medical_notes
        assert not catalog().unrestrictedSearchResults(SearchableText="Aptitude")
        # ...while its other words are
        assert catalog().unrestrictedSearchResults(SearchableText="Traoré")

    def test_searchable_text_content(self, portal):
        obj = create_file(portal)
        brain = catalog().unrestrictedSearchResults(UID=obj.UID())[0]
        words = catalog().getIndexDataForRID(brain.getRID())["SearchableText"]
        assert "123456t" in words
        assert "traore" in words
        assert "cybercriminalite" in words  # skill label
        assert "asthmatique" not in words
        assert "zebrure" not in words


class TestUnitChanges:
    """Files index data of their unit (region, title): a unit edit must reach them.

    BUG: nothing reindexes the files of a unit when the unit is edited, so
    @search by region and the listings (unit_title metadata, SearchableText)
    keep the unit's old region and name.
    """

    def test_unit_region_change_reaches_its_files(self, portal, testdata):
        unit = portal["police-nationale"]["dr-kayes"]["commissariat-kayes"]
        with api.env.adopt_roles(["Manager"]):
            unit.region = "nioro"
            notify(ObjectModifiedEvent(unit))
        assert testdata.FILES["pn_validated2"] in matricules(region="nioro")
        assert testdata.FILES["pn_validated2"] not in matricules(region="kayes")

    def test_unit_rename_reaches_its_files(self, portal, testdata):
        unit = portal["police-nationale"]["dr-kayes"]["commissariat-kayes"]
        with api.env.adopt_roles(["Manager"]):
            unit.title = "Commissariat de police de Kayes-Légal Ségou"
            notify(ObjectModifiedEvent(unit))
        brain = catalog().unrestrictedSearchResults(
            matricule=testdata.FILES["pn_validated2"], portal_type="PersonnelFile"
        )[0]
        assert brain.unit_title == "Commissariat de police de Kayes-Légal Ségou"
