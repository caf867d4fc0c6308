"""A record's name in its personnel file: its title, normalized; when the
title is taken, the title and a token of the record's own UUID, never
Plone's next free number. Two clerks entering the same act in one file (or
in files that fill at the same pace) took the same "-21": one key written
by both transactions in the file's tree of ids and in the catalog's ``id``
index, a conflict that retries could not resolve."""

from datetime import date
import itertools
from plone import api
from plone.dexterity.utils import createContent
from plone.dexterity.utils import createContentInContainer
from plone.restapi.services.content.utils import add
from plone.uuid.interfaces import IUUID
from sirhp.content.base.bulk import add_quietly
from sirhp.content.content.record_names import numbered_names
from zope.container.interfaces import INameChooser

ACT = {
    "event_type": "decoration",
    "event_date": date(2026, 10, 1),
    "reference": "Décret n°2026-41/PR",
}


def _acts(file, count):
    with api.env.adopt_roles(["Manager"]):
        return [
            createContentInContainer(file, "CareerEvent", **ACT) for _ in range(count)
        ]


def _free_numbers(file, count):
    """The ``count`` first names Plone's numbering would give."""
    names = (f"careerevent-{n}" for n in itertools.count(1))
    return list(itertools.islice((n for n in names if n not in file), count))


def test_a_taken_title_gets_a_token_of_the_uuid(portal, testdata):
    """Added without a title to name it, an act is named after its type;
    the test file holds a "careerevent" already."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    assert "careerevent" in file.objectIds()
    free = _free_numbers(file, 1)
    acts = _acts(file, 3)
    names = [act.getId() for act in acts]
    assert names == [f"careerevent-{IUUID(act)[:8]}" for act in acts]
    assert len(set(names)) == 3
    assert free[0] not in file.objectIds()  # the next free number is not taken


def test_the_rest_api_names_an_act_after_its_title(portal, testdata):
    """The REST add (``POST <file>`` without an id) suggests the title."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        first = add(file, createContent("CareerEvent", **ACT))
        second = add(file, createContent("CareerEvent", **ACT))
    assert first.getId() == "decoration-du-01-10-2026"
    assert second.getId() == f"decoration-du-01-10-2026-{IUUID(second)[:8]}"


def test_a_name_asked_for_is_kept_when_free(portal, testdata):
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    with api.env.adopt_roles(["Manager"]):
        act = add_quietly(file, "CareerEvent", name="nomination-2026", **ACT)
        again = add_quietly(file, "CareerEvent", name="nomination-2026", **ACT)
    assert act.getId() == "nomination-2026"
    assert again.getId() == f"nomination-2026-{IUUID(again)[:8]}"


def test_a_generator_asks_for_plones_numbering(portal, testdata):
    """The demo and test data are built alone, in one transaction, and must
    come out with the same names on every run: ``numbered_names``."""
    file = portal.unrestrictedTraverse(testdata.path_of("pn_draft"))
    free = _free_numbers(file, 2)
    with numbered_names():
        names = [act.getId() for act in _acts(file, 2)]
    assert names == free
    # outside, the token again
    (act,) = _acts(file, 1)
    assert act.getId() == f"careerevent-{IUUID(act)[:8]}"


def test_other_containers_keep_plones_numbering(portal):
    """Only a personnel file names its records this way."""
    unit = portal["police-nationale"]["dr-bamako"]
    chooser = INameChooser(unit)
    assert type(chooser).__name__ == "NormalizingNameChooser"
