"""Every representation honours field permissions.

Unique values are planted (``planted.py``) into every protected field of
the test data's files (a field whose ``read_permission`` is not View:
medical data today, the HR modules' fields tomorrow), into restricted
documents (medical certificates: reference, authority, PDF text, extracted
text, workflow comment), and carried by the system into older versions,
change requests, notification mails and the audit journal.

Then every persona (``sirhp.policy.base.access.PERSONAS``) fetches every
representation of ``representations.REGISTRY`` over HTTP (REST, pages,
WebDAV, exports, CSV, PDF, mails), and no planted value may appear in what a
persona gets unless that persona may read it: View on its object and the
field's read permission, checked in process as that user. One test per
representation x persona.

Controls: the planted values do appear for those who may read them (REST
GET of an HR manager giving a reason, and each plant in at least one
representation), and whatever the server exposes on SIRHP content and the
site (REST services, browser views, publishable Zope methods, skin objects)
is listed either in the registry or in ``NOT_DATA`` with a reason.
"""

from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.utils import createContent
from plone.restapi.interfaces import IExpandableElement
import pytest
import re
import shutil
from sirhp.content.interfaces import IPersonnelFile
from sirhp.policy.base.access import PERSONAS
from tests import conftest
from tests.security import planted
from tests.security.planted import choice_pattern
from tests.security.planted import Plant
from tests.security.planted import protected_fields
from tests.security.planted import sirhp_types
from tests.security.planted import text_pattern
from tests.security.planted import World
from tests.security.representations import BY_NAME
from tests.security.representations import Client
from tests.security.representations import NOT_DATA
from tests.security.representations import REGISTRY
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.traversing.interfaces import ITraversable

# the slow tier: 731 HTTP tests (make test runs them, make test-fast does not)
pytestmark = pytest.mark.slow

SERVICE_NAME = re.compile(r"^([A-Z]+)_(?:application|text)_[a-z0-9.+-]+_(.*)$")

# The fields the test must know are protected (the discovery must find them)
KNOWN_PROTECTED = {
    ("PersonnelFile", "blood_group"),
    ("PersonnelFile", "medical_notes"),
}
# who checks that a plant is found (the first who may read it)
READERS = ("hrmanager.pn", "officer", "other_officer", "auditor", "siteadmin")
# where a reader finds a plant first (the others are tried next)
LIKELY = (
    "rest:get+reason",
    "rest:get",
    "rest:get?version",
    "rest:@change-diff",
    "rest:@workflow",
    "page:field-download",
    "page:search",
)
# who should get a 2xx from every representation, between them (the leak
# tests have fetched for the first ones already)
ANSWERING = ("clerk.pn", "officer", "hrmanager.pn", "siteadmin", "auditor")


class TestRepresentations:
    @pytest.fixture(scope="class")
    def world(self, functional_portal_class):
        world = World(functional_portal_class)
        world.expandables = expandable_names()
        yield world
        shutil.rmtree(conftest.MAIL_DIR, ignore_errors=True)

    @pytest.fixture(scope="class")
    def clients(self):
        clients = {persona: Client(persona) for persona in PERSONAS}
        yield clients
        for client in clients.values():
            client.close()

    # --- the planted values ---

    def test_protected_fields_are_discovered(self, world):
        found = {(f.portal_type, f.name) for f in protected_fields()}
        assert found >= KNOWN_PROTECTED

    def test_every_protected_field_is_planted(self, world):
        missing = [f"{f.portal_type}.{f.name}: {why}" for f, why in world.unplanted]
        assert not missing, "add a planter or an object in planted.py: " + ", ".join(
            missing
        )

    def test_fields_checked_elsewhere_name_tests_that_exist(self):
        root = Path(__file__).resolve().parents[2]
        for tests in planted.ELSEWHERE.values():
            for test in tests:
                path, name = test.split("::")
                assert f"def {name}(" in (root / path).read_text(), test

    def test_positive_control(self, world, clients):
        """An HR manager giving a reason reads the planted values in the
        REST GET: the plant worked and the detection sees it."""
        hr = clients["hrmanager.pn"]
        for key in ("file_a", "file_pending", "file_draft", "file_b"):
            status, text = hr(world.targets[key].url, reason=True)
            now = [p for p in world.plants if p.target == key and p.now]
            assert status == 200 and now, key
            assert all(p.found_in(text) for p in now), key
            # without a reason, the medical fields are left out
            status, text = hr(world.targets[key].url)
            assert status == 200
            assert not any(p.found_in(text) for p in now), key
        status, text = hr(world.targets["restricted"].url)
        assert status == 200 and world.targets["restricted"].uid in text

    def test_every_plant_is_found_by_a_reader(self, world, clients):
        """Each planted value reaches at least one representation of one
        persona who may read it: the registry really fetches the data."""
        missing = []
        for plant in world.plants:
            reader = next(p for p in READERS if world.may_read(p, plant))
            if not found_anywhere(world, clients[reader], plant):
                missing.append(f"{plant.label} (as {reader})")
        assert not missing

    # --- no leak ---

    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("name", [r.name for r in REGISTRY if not r.skip])
    def test_no_leak(self, world, clients, name, persona):
        """No planted value the persona may not read is in any answer of the
        representation (JSON- and HTML-unescaped, any case)."""
        hidden = [p for p in world.plants if not world.may_read(persona, p)]
        if not hidden:
            return  # may read every planted value: nothing can leak
        found = leaks(world, clients[persona], BY_NAME[name], hidden)
        assert not found, f"{persona} got values it may not read:\n" + "\n".join(found)

    def test_every_representation_answers_someone(self, world, clients):
        """Each representation gives a 2xx answer to at least one persona or
        to the site owner (a mistyped URL would pass every leak test), and
        a ``closed`` one to nobody. Answers fetched by the leak tests count."""
        owner = Client("owner", (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        try:
            everyone = [clients[p] for p in ANSWERING] + [owner]
            silent, opened = [], []
            for representation in REGISTRY:
                if representation.skip:
                    continue
                if representation.closed:
                    if any(answers(world, c, representation) for c in clients.values()):
                        opened.append(representation.name)
                elif not any(answers(world, c, representation) for c in everyone):
                    silent.append(representation.name)
        finally:
            owner.close()
        assert not silent, "no 2xx for anyone: a mistyped request?"
        assert not opened, "a closed probe answered 2xx"

    # --- completeness ---

    def test_every_exposed_name_is_listed(self, world):
        exposed = exposed_names(world.portal)
        listed = covered(world) | not_data()
        assert not sorted(exposed - listed), (
            "Not in representations.py: add a Representation to REGISTRY, or the "
            "name to NOT_DATA with the reason it shows no object data"
        )

    def test_a_new_view_or_service_is_caught(self, world):
        """What the guard is for: a page or a REST service added on a SIRHP
        type is reported until it is listed."""
        registry = getGlobalSiteManager()
        names = ("sirhp-new-export", "GET_application_json_@sirhp-new-export")
        for name in names:
            registry.registerAdapter(
                _NewView, (IPersonnelFile, IDefaultBrowserLayer), Interface, name
            )
        try:
            unlisted = exposed_names(world.portal) - covered(world) - not_data()
        finally:
            for name in names:
                registry.unregisterAdapter(
                    _NewView, (IPersonnelFile, IDefaultBrowserLayer), Interface, name
                )
        assert unlisted == {
            "view:sirhp-new-export",
            "service:GET @sirhp-new-export",
        }

    def test_a_new_protected_field_is_caught(self, world):
        """A field given a read permission is protected (and planted) with
        no change to the test."""
        from plone.autoform.interfaces import READ_PERMISSIONS_KEY
        from sirhp.content.content.personnel_file import IPersonnelFileSchema

        before = IPersonnelFileSchema.queryTaggedValue(READ_PERMISSIONS_KEY)
        changed = dict(before or {}, position="sirhp.content.ReadSensitive")
        IPersonnelFileSchema.setTaggedValue(READ_PERMISSIONS_KEY, changed)
        try:
            found = {(f.portal_type, f.name) for f in protected_fields()}
        finally:
            IPersonnelFileSchema.setTaggedValue(READ_PERMISSIONS_KEY, before)
        assert ("PersonnelFile", "position") in found

    def test_every_listed_name_exists(self, world):
        """No stale line: what the lists name is still exposed."""
        listed = {name for r in REGISTRY for name in r.covers} | not_data()
        assert not sorted(listed - exposed_names(world.portal))


class _NewView:
    def __init__(self, context, request):
        pass


# --- fetching and looking -----------------------------------------------------


def targets_of(world, representation):
    if "site" in representation.targets:
        return [None]
    return [
        target
        for target in world.targets.values()
        if target.kind in representation.targets or target.key in representation.targets
    ]


def found_anywhere(world, client, plant):
    likely = [BY_NAME[name] for name in LIKELY]
    for representation in likely + [r for r in REGISTRY if r not in likely]:
        if representation.skip:
            continue
        for target in targets_of(world, representation):
            if target is not None and target.key != plant.target:
                continue
            for _label, _status, text in representation.answers(client, world, target):
                if plant.found_in(text):
                    return True
    return False


def answers(world, client, representation):
    for target in targets_of(world, representation):
        for _label, status, _text in representation.answers(client, world, target):
            if 200 <= status < 300:
                return True
    return False


def leaks(world, client, representation, plants):
    found = []
    for target in targets_of(world, representation):
        for label, status, text in representation.answers(client, world, target):
            for plant in plants:
                if plant.found_in(text):
                    found.append(f"{plant.label} -> {label} [{status}]")
    return found


# --- what the server exposes -------------------------------------------------


def expandable_names():
    return sorted(
        {
            reg.name
            for reg in all_adapters(getGlobalSiteManager())
            if reg.provided.isOrExtends(IExpandableElement) and reg.name
        }
    )


def all_adapters(registry, seen=None):
    """Registrations of a registry and of its bases (the test layers stack
    registries)."""
    seen = set() if seen is None else seen
    if id(registry) in seen:
        return
    seen.add(id(registry))
    yield from registry.registeredAdapters()
    for base in registry.__bases__:
        yield from all_adapters(base, seen)


def samples(portal):
    """One object of each SIRHP type (not added), the site, an agency, a unit."""
    objects = [portal, portal["police-nationale"]]
    objects.append(portal["police-nationale"]["dr-bamako"])
    for portal_type in sirhp_types():
        objects.append(createContent(portal_type).__of__(portal["police-nationale"]))
    return objects


def exposed_names(portal):
    """``service:<METHOD> <name>``, ``view:<name>``, ``zope:<name>``,
    ``namespace:++<name>++`` and ``skin:<name>`` of everything published on
    SIRHP content and the site."""
    objects = samples(portal)
    provides = [providedBy(obj) for obj in objects]
    names = set()
    for reg in all_adapters(getGlobalSiteManager()):
        if reg.name and reg.provided.isOrExtends(ITraversable):
            context = reg.required[0]
            if any(context is None or p.isOrExtends(context) for p in provides):
                names.add(f"namespace:++{reg.name}++")
            continue
        if len(reg.required) != 2 or not reg.name:
            continue
        context, request = reg.required
        if request is None or not (
            request.isOrExtends(IBrowserRequest) or request is Interface
        ):
            continue
        if not any(context is None or p.isOrExtends(context) for p in provides):
            continue
        match = SERVICE_NAME.match(reg.name)
        if match:
            method, service = match.groups()
            media = reg.name.split("_")[1:3]
            suffix = (
                "" if media == ["application", "json"] else " (" + "/".join(media) + ")"
            )
            names.add(f"service:{method} {service or '(content)'}{suffix}")
        elif reg.provided is Interface:
            names.add(f"view:{reg.name}")
    for obj in objects:
        for name in dir(obj):
            if name.startswith("_"):
                continue
            try:
                attribute = getattr(obj, name, None)
            except Exception:
                continue
            if getattr(obj, f"{name}__roles__", None) == ():
                continue  # private: Zope publishes it to nobody
            if callable(attribute) and getattr(attribute, "__doc__", None):
                names.add(f"zope:{name}")
    skins = portal.portal_skins
    for layer in skins.getSkinPath(skins.getDefaultSkin()).split(","):
        folder = skins.unrestrictedTraverse(layer.strip(), None)
        if folder is not None:
            names.update(f"skin:{name}" for name in folder.objectIds())
    return names


def covered(world):
    names = set()
    for representation in REGISTRY:
        names.update(representation.covers)
    names.update(f"service:GET @{name}" for name in world.expandables)
    return names


def not_data():
    return {name for group in NOT_DATA.values() for name in group}


# --- the detection itself (no site) ----------------------------------------------


def test_a_marker_is_found_escaped_and_in_any_case():
    plant = Plant("x", "file_a", "View", text_pattern("qz001fldqz"))
    assert plant.found_in('{"notes": "Valeur prot\\u00e9g\\u00e9e QZ001FLDQZ"}')
    assert plant.found_in("<p>Valeur &quot;qz001fldqz&quot;</p>")
    assert plant.found_in("/police-nationale/100003X/qz001fldqz-15-01-2020")
    assert not plant.found_in("qz001")


def test_a_vocabulary_value_is_found_next_to_its_field():
    from zope.schema import Choice

    field = Choice(__name__="blood_group", title="Groupe sanguin", values=["B+", "AB+"])
    plant = Plant("x", "file_a", "View", choice_pattern(field, "B+"))
    assert plant.found_in('{"blood_group": {"token": "B+", "title": "B+"}}')
    assert plant.found_in("<dt>Groupe sanguin</dt>\n<dd>B+</dd>")
    assert plant.found_in("blood_group: B+\r\n")
    assert not plant.found_in('{"blood_group": "AB+"}')
    assert not plant.found_in("B+ (groupe non lié)")
