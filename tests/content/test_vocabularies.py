"""Named vocabularies: fixed lists and the HR lists read from the registry."""

import copy
from datetime import date
from plone import api
import pytest
from sirhp.content.referentials import api as referentials
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


def vocabulary(name, context=None):
    return getUtility(IVocabularyFactory, name=name)(context)


def labels(vocab):
    return {term.value: translate(term.title, target_language="fr") for term in vocab}


REGION_LABELS = [
    "Kayes",
    "Koulikoro",
    "Sikasso",
    "Ségou",
    "Mopti",
    "Tombouctou",
    "Gao",
    "Kidal",
    "Taoudénit",
    "Ménaka",
    "Nioro du Sahel",
    "Kita",
    "Dioïla",
    "Nara",
    "Bougouni",
    "Koutiala",
    "San",
    "Douentza",
    "Bandiagara",
]


class TestFixedVocabularies:
    def test_personnel_status(self, portal):
        vocab = vocabulary("sirhp.content.personnel_status")
        assert [t.value for t in vocab] == [
            "active",
            "suspended",
            "detached",
            "available",
            "retired",
            "deceased",
            "dismissed",
            "resigned",
        ]
        assert labels(vocab)["active"] == "En activité"
        assert labels(vocab)["dismissed"] == "Révoqué"

    def test_languages_include_bambara(self, portal):
        vocab = vocabulary("sirhp.content.languages")
        assert labels(vocab)["bm"] == "Bambara"
        assert {"fr", "ff", "ses", "snk", "tmh", "dgo", "ar", "en"} <= set(
            labels(vocab)
        )

    def test_regions(self, portal):
        vocab = vocabulary("sirhp.content.regions")
        titles = [t.title for t in vocab]
        assert len(titles) == 20
        assert "District de Bamako" in titles
        assert sorted(set(titles) - {"District de Bamako"}) == sorted(REGION_LABELS)
        assert vocab.getTerm("bamako").title == "District de Bamako"
        assert vocab.getTerm("segou").title == "Ségou"

    def test_sex(self, portal):
        assert labels(vocabulary("sirhp.content.sex")) == {
            "M": "Masculin",
            "F": "Féminin",
        }

    def test_blood_groups(self, portal):
        assert set(labels(vocabulary("sirhp.content.blood_groups"))) == {
            "A+",
            "A-",
            "B+",
            "B-",
            "AB+",
            "AB-",
            "O+",
            "O-",
        }

    def test_event_types(self, portal):
        vocab = labels(vocabulary("sirhp.content.event_types"))
        assert vocab["recruitment"] == "Recrutement"
        assert vocab["promotion"] == "Avancement de grade"
        assert vocab["reclassement"] == "Reclassement"  # statute mappings
        assert len(vocab) == 19

    def test_driving_licences(self, portal):
        assert set(labels(vocabulary("sirhp.content.driving_licences"))) == set("ABCDE")

    @pytest.mark.parametrize(
        "name",
        [
            "sirhp.content.sex",
            "sirhp.content.marital_status",
            "sirhp.content.personnel_status",
            "sirhp.content.regions",
            "sirhp.content.languages",
            "sirhp.content.driving_licences",
            "sirhp.content.blood_groups",
            "sirhp.content.event_types",
            "sirhp.content.unit_kinds",
        ],
    )
    def test_tokens_are_codes(self, portal, name):
        for term in vocabulary(name):
            assert term.token == term.value


class TestHRVocabularies:
    def test_corps(self, portal):
        assert [t.value for t in vocabulary("sirhp.content.corps")] == [
            "commissaires",
            "officiers",
            "sous-officiers",
            "appui",
        ]

    def test_grades(self, portal):
        vocab = vocabulary("sirhp.content.grades")
        assert len(vocab) == 18
        assert vocab.getTerm("commissaire").title == "Commissaire de police"
        assert vocab.getTerm("agent").title == "Agent de police"

    def test_skills(self, portal):
        vocab = vocabulary("sirhp.content.skills")
        assert vocab.getTerm("cybercriminalite").title == "Cybercriminalité"
        assert len(vocab) == 20

    def test_document_types(self, portal):
        vocab = vocabulary("sirhp.content.document_types")
        assert vocab.getTerm("acte-naissance").title == "Acte de naissance"

    @pytest.mark.parametrize(
        "record,vocabulary_name",
        [
            ("sirhp.skills", "sirhp.content.skills"),
            ("sirhp.document_types", "sirhp.content.document_types"),
        ],
    )
    def test_read_from_registry(self, portal, record, vocabulary_name):
        lines = api.portal.get_registry_record(record)
        assert [t.value for t in vocabulary(vocabulary_name)] == [
            line.split("|")[0] for line in lines
        ]

    def test_registry_change_is_seen_at_once(self, portal):
        lines = api.portal.get_registry_record("sirhp.skills")
        api.portal.set_registry_record(
            "sirhp.skills", lines + ["drones|Pilotage de drones"]
        )
        vocab = vocabulary("sirhp.content.skills")
        assert vocab.getTerm("drones").title == "Pilotage de drones"

    @pytest.mark.parametrize("kind", ["corps", "grades"])
    def test_corps_and_grades_read_from_the_referentials(self, portal, kind):
        # the référentiels of the statute drive them; the old registry lines
        # name the same codes (tokens kept: records hold these codes)
        lines = api.portal.get_registry_record(f"sirhp.{kind}")
        codes = [t.value for t in vocabulary(f"sirhp.content.{kind}")]
        assert sorted(codes) == sorted(line.split("|")[0] for line in lines)

    def test_label_correction(self, portal):
        tables = copy.deepcopy(referentials.tables())
        tables["grades"]["agent"]["label"] = "Gardien de la paix"
        referentials.add_version(
            effective="2021-01-02", tables=tables, today=date(2021, 1, 1)
        )
        assert (
            vocabulary("sirhp.content.grades").getTerm("agent").title
            == "Gardien de la paix"
        )

    def test_read_before_a_new_version_then_after(self, portal):
        # the vocabulary is built once per référentiel version and lines: a
        # vocabulary read before a correction does not hide it afterwards
        before = vocabulary("sirhp.content.grades")
        assert before.getTerm("agent").title == "Agent de police"
        assert vocabulary("sirhp.content.grades") is before  # built once
        tables = copy.deepcopy(referentials.tables())
        tables["grades"]["agent"]["label"] = "Gardien de la paix"
        referentials.add_version(
            effective="2021-01-02", tables=tables, today=date(2021, 1, 1)
        )
        after = vocabulary("sirhp.content.grades")
        assert after.getTerm("agent").title == "Gardien de la paix"
        assert before.getTerm("agent").title == "Agent de police"  # untouched

    def test_old_registry_line_added_after_a_read(self, portal):
        assert "adjudant-chef-major" not in vocabulary("sirhp.content.grades")
        lines = api.portal.get_registry_record("sirhp.grades")
        api.portal.set_registry_record(
            "sirhp.grades", lines + ["adjudant-chef-major|Adjudant-chef major"]
        )
        vocab = vocabulary("sirhp.content.grades")
        assert vocab.getTerm("adjudant-chef-major").title == "Adjudant-chef major"

    def test_registry_line_label_no_longer_wins(self, portal):
        lines = [
            "agent|Gardien de la paix|sous-officiers"
            if line.startswith("agent|")
            else line
            for line in api.portal.get_registry_record("sirhp.grades")
        ]
        api.portal.set_registry_record("sirhp.grades", lines)
        assert (
            vocabulary("sirhp.content.grades").getTerm("agent").title
            == "Agent de police"
        )

    def test_removed_term(self, portal):
        lines = api.portal.get_registry_record("sirhp.corps")
        api.portal.set_registry_record("sirhp.corps", lines + ["douanes|Douanes"])
        assert "douanes" in vocabulary("sirhp.content.corps")
        api.portal.set_registry_record(
            "sirhp.corps", ["commissaires|Commissaires", "officiers|Officiers"]
        )
        vocab = vocabulary("sirhp.content.corps")
        assert "douanes" not in vocab
        assert [t.value for t in vocab] == [
            "commissaires",
            "officiers",
            "sous-officiers",
            "appui",
        ]

    def test_broken_registry_leaves_the_referentials(self, portal):
        api.portal.set_registry_record("sirhp.corps", ["Pas un code"])
        assert len(vocabulary("sirhp.content.corps")) == 4


class TestUnitsVocabulary:
    def test_units_of_the_agency_only(self, portal):
        agency = portal["police-nationale"]
        with api.env.adopt_user(username="clerk.pn"):
            uids = {term.value for term in vocabulary("sirhp.content.units", agency)}
        commissariat = agency["dr-bamako"]["commissariat-1"]
        assert commissariat.UID() in uids
        assert portal["ocs"]["antenne-sikasso"].UID() not in uids

    def test_ocs_units(self, portal):
        with api.env.adopt_user(username="clerk.ocs"):
            uids = {
                term.value for term in vocabulary("sirhp.content.units", portal["ocs"])
            }
        assert portal["ocs"]["antenne-sikasso"].UID() in uids
        assert portal["police-nationale"]["dgpn"].UID() not in uids

    def test_from_inside_a_file(self, portal, testdata):
        file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
        with api.env.adopt_user(username="clerk.pn"):
            uids = {term.value for term in vocabulary("sirhp.content.units", file)}
        assert portal["police-nationale"]["dgpn"].UID() in uids
        assert portal["ocs"]["antenne-sikasso"].UID() not in uids
