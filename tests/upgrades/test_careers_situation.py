"""Upgrade: CareerEvent moves to sirhp.content.careers.content.

The test site's FTI is put back to the old module path, as on a site made
before the move; the step points it at the new one (run twice: re-runnable).
An act pickled under the old module path still loads, as the class itself,
through ``bbb.ALIASES``.
"""

from datetime import date
import importlib
import pickle
from plone import api
from sirhp.content import bbb
from sirhp.content.careers.content import CareerEvent
from sirhp.content.careers.content import ICareerEventSchema
from sirhp.content.upgrades import careers_situation
from sirhp.content.upgrades import v1006

OLD = {
    "klass": "sirhp.content.content.career_event.CareerEvent",
    "schema": "sirhp.content.content.career_event.ICareerEventSchema",
}


def test_profile_and_step_agree(portal):
    fti = portal.portal_types["CareerEvent"]
    expected = v1006.fti_properties("CareerEvent", careers_situation.MOVED)
    assert fti.klass == expected["klass"]
    assert fti.schema == expected["schema"]


def test_fti_moved_to_the_new_module(portal, testdata):
    fti = portal.portal_types["CareerEvent"]
    fti.manage_changeProperties(**OLD)
    assert fti.lookupSchema() is ICareerEventSchema  # through the alias
    changed = careers_situation.upgrade(portal.portal_setup)
    assert set(changed["CareerEvent"]) == {"klass", "schema"}
    assert careers_situation.upgrade(portal.portal_setup) == {}  # re-runnable
    assert fti.klass == "sirhp.content.careers.content.CareerEvent"
    assert fti.schema == "sirhp.content.careers.content.ICareerEventSchema"
    assert fti.lookupSchema() is ICareerEventSchema
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        act = api.content.create(
            container=file,
            type="CareerEvent",
            id="apres-migration",
            event_type="promotion",
            event_date=date(2024, 1, 1),
            resulting_echelon=3,
        )
    assert type(act.aq_base) is CareerEvent
    assert act.resulting_echelon == 3


def test_old_module_path_is_the_new_module():
    old_path = careers_situation.OLD_MODULES["CareerEvent"]
    assert bbb.ALIASES[old_path] == careers_situation.MOVED["CareerEvent"]
    assert importlib.import_module(old_path).CareerEvent is CareerEvent


def test_object_pickled_under_the_old_path_loads():
    act = CareerEvent()
    act.event_type = "promotion"
    data = pickle.dumps(act, protocol=2)
    new = f"c{careers_situation.MOVED['CareerEvent']}\nCareerEvent\n".encode()
    assert new in data
    old = f"c{careers_situation.OLD_MODULES['CareerEvent']}\nCareerEvent\n".encode()
    loaded = pickle.loads(data.replace(new, old))
    assert type(loaded) is CareerEvent
    assert loaded.event_type == "promotion"
