"""Deterministic generator of synthetic SIRHP data (demo, tests, benchmarks).

Everything here is invented: Malian-sounding names drawn from short lists,
matricules from a counter, dates from a seeded random generator. The same
``seed`` and ``count`` always give the same data, on any day: dates are drawn
relative to ``REFERENCE_DATE``, never to the clock.

Entry points:
- ``build_units(portal)``: the units of both agencies (every region);
- ``create_staff_users(password)``: the demo accounts (clerk.pn, ...);
- ``generate_files(portal, count, ...)``: personnel files with their career
  events and documents, in every workflow state.
"""

from contextlib import contextmanager
from contextlib import nullcontext
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.indexing import processQueue
from Products.CMFEditions.CopyModifyMergeRepositoryTool import (
    CopyModifyMergeRepositoryTool,
)
import random
from sirhp.content.api import commanders_group_id
from sirhp.content.vocabularies.fixed import REGIONS
from sirhp.content.vocabularies.hr import hr_terms
from sirhp.policy import config
from sirhp.policy.setuphandlers import names
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import time
import transaction
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

DEFAULT_SEED = 2021
# The generator's "today". Every generated date (hiring, grade, transitions,
# scans) falls before it, so it is in the past on any run from the project's
# first release (November 2026) on. Data drawn against the clock changed with
# the calendar: the width of a date range decides how many random draws
# ``randrange`` consumes, which shifted every value drawn after it (tests broke
# on 2026-12-05). Changing this date changes the demo and test data.
REFERENCE_DATE = date(2026, 11, 1)
WORKFLOW = "sirhp_record_workflow"

# login, full name, groups (the officers' accounts are their matricules)
STAFF_USERS = (
    ("clerk.pn", "Awa Diarra (archives PN)", ["police-nationale-clerks"]),
    ("reviewer.pn", "Modibo Keïta (valideur PN)", ["police-nationale-reviewers"]),
    ("hrmanager.pn", "Kadiatou Sangaré (RH PN)", ["police-nationale-hr"]),
    ("clerk.ocs", "Issa Maïga (archives OCS)", ["ocs-clerks"]),
    ("reviewer.ocs", "Fatoumata Cissé (valideuse OCS)", ["ocs-reviewers"]),
    ("hrmanager.ocs", "Salif Touré (RH OCS)", ["ocs-hr"]),
    ("commander.pn", "Commissaire Bakary Coulibaly", []),  # unit group added below
    ("auditor", "Rokia Dembélé (Inspection)", [config.AUDITORS_GROUP]),
)

# Units: (id, title, kind, region, children)
PN_UNITS = [
    ("dgpn", "Direction générale de la Police nationale", "direction", "bamako", []),
    ("enp", "École nationale de police", "school", "bamako", []),
    ("gms", "Groupement mobile de sécurité", "groupement", "bamako", []),
    (
        "dr-bamako",
        "Direction régionale de la police du District de Bamako",
        "regional",
        "bamako",
        [
            (
                f"commissariat-{n}",
                f"Commissariat de police du {label} arrondissement",
                "commissariat",
                "bamako",
                [],
            )
            for n, label in (
                (1, "1er"),
                (2, "2e"),
                (3, "3e"),
                (4, "4e"),
                (5, "5e"),
                (6, "6e"),
                (7, "7e"),
            )
        ],
    ),
]
for _code, _title in REGIONS:
    if _code == "bamako":
        continue
    PN_UNITS.append(
        (
            f"dr-{_code}",
            f"Direction régionale de la police de {_title}",
            "regional",
            _code,
            [
                (
                    f"commissariat-{_code}",
                    f"Commissariat central de {_title}",
                    "commissariat",
                    _code,
                    [],
                ),
                (
                    f"brigade-{_code}",
                    f"Brigade de recherches de {_title}",
                    "brigade",
                    _code,
                    [],
                ),
            ],
        )
    )
OCS_UNITS = [
    (
        "direction-ocs",
        "Direction de l'Office Central des Stupéfiants",
        "direction",
        "bamako",
        [],
    ),
    (
        "brigade-aeroport",
        "Brigade de l'aéroport de Bamako-Sénou",
        "brigade",
        "bamako",
        [],
    ),
] + [
    (f"antenne-{code}", f"Antenne OCS de {title}", "service", code, [])
    for code, title in REGIONS
    if code
    in ("kayes", "sikasso", "segou", "mopti", "gao", "tombouctou", "kidal", "koutiala")
]
UNITS = {"police-nationale": PN_UNITS, "ocs": OCS_UNITS}
COMMANDED_UNIT = ("police-nationale", "dr-bamako/commissariat-1")


def _add_units(container, specs):
    for unit_id, title, kind, region, children in specs:
        if unit_id in container.objectIds():
            unit = container[unit_id]
        else:
            unit = createContentInContainer(
                container,
                "Unit",
                checkConstraints=False,
                id=unit_id,
                title=title,
                kind=kind,
                region=region,
                code=unit_id.upper(),
            )
        _add_units(unit, children)


def build_units(portal):
    for agency_id, specs in UNITS.items():
        _add_units(portal[agency_id], specs)


def leaf_units(agency):
    """Units files are assigned to (every unit, deepest first), from the catalog."""
    brains = api.content.find(context=agency, portal_type="Unit", sort_on="path")
    return [b.getObject() for b in brains]


def create_staff_users(portal, password):
    """The demo staff accounts; idempotent."""
    unit = portal.unrestrictedTraverse(f"{COMMANDED_UNIT[0]}/{COMMANDED_UNIT[1]}")
    group_id = ensure_commanders_group(unit)
    for login, fullname, groups in STAFF_USERS:
        if api.user.get(username=login) is None:
            api.user.create(
                username=login,
                email=f"{login}@sirhp.example.ml",
                password=password,
                properties={"fullname": fullname},
            )
        for group in groups + ([group_id] if login == "commander.pn" else []):
            api.group.add_user(groupname=group, username=login)


def ensure_commanders_group(unit):
    group_id = commanders_group_id(unit)
    if api.group.get(groupname=group_id) is None:
        api.group.create(groupname=group_id, title=f"Chefs — {unit.Title()}")
    return group_id


def ensure_officer_account(matricule, fullname, password):
    if api.user.get(username=matricule) is None:
        api.user.create(
            username=matricule,
            email=f"{matricule.lower()}@agents.sirhp.example.ml",
            password=password,
            properties={"fullname": fullname},
        )
        api.group.add_user(groupname=config.OFFICERS_GROUP, username=matricule)


def matricule(agency_index: int, number: int) -> str:
    """Unique synthetic matricule: PN from 100000 up, OCS from 800000 up."""
    base = (100000 if agency_index == 0 else 800000) + number
    return f"{base:06d}{chr(65 + (base * 7) % 26)}"


def matricules_in(text: str) -> list[str]:
    """The synthetic matricules (officers' logins) that ``text`` contains."""
    text = (text or "").upper()
    found = []
    for start in range(len(text) - 6):
        candidate = text[start : start + 7]
        if not candidate[:6].isdigit():
            continue
        base = int(candidate[:6])
        agency_index = 1 if base >= 800000 else 0
        number = base - (800000 if agency_index else 100000)
        if number >= 1 and matricule(agency_index, number) == candidate:
            found.append(candidate)
    return found


def _random_date(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _history(obj, created, steps):
    """Date the creation ``created``, write past transitions (as an import
    would) and apply the permissions.

    The creation entry and date are the run's clock until rewritten here: a
    draft's ``state_since`` would move with the calendar.
    """
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool[WORKFLOW]
    when = DateTime(created.isoformat())
    obj.creation_date = when
    entries = obj.workflow_history.get(WORKFLOW, ())
    if entries:
        obj.workflow_history[WORKFLOW] = (
            {**entries[0], "time": when},
            *entries[1:],
        )
    for action, actor, state, comment, when in steps:
        wftool.setStatusOf(
            WORKFLOW,
            obj,
            {
                "action": action,
                "actor": actor,
                "review_state": state,
                "comments": comment,
                "time": DateTime(when.isoformat()),
            },
        )
    workflow.updateRoleMappingsFor(obj)


def hr_manager_of(login):
    """The demo HR manager of the agency of a demo login (``*.pn``, ``*.ocs``)."""
    return f"hrmanager.{login.rsplit('.', 1)[1]}"


def _steps(target, clerk, reviewer, when, rng):
    """The transitions that lead to ``target``."""
    day = timedelta(days=1)
    if target == "draft":
        if rng.random() < 0.3:
            return [
                ("submit", clerk, "pending", "", when),
                (
                    "reject",
                    reviewer,
                    "draft",
                    "Pièce d'état civil illisible, à rescanner.",
                    when + day,
                ),
            ]
        return []
    steps = [("submit", clerk, "pending", "", when)]
    if target == "pending":
        return steps
    steps.append(
        ("validate", reviewer, "validated", "Conforme aux pièces.", when + day)
    )
    if target == "archived":
        steps.append(
            (
                "archive",
                hr_manager_of(reviewer),
                "archived",
                "Départ de l'agent.",
                when + 2 * day,
            )
        )
    return steps


def _pick_state(rng):
    roll = rng.random()
    if roll < 0.70:
        return "validated"
    if roll < 0.80:
        return "pending"
    if roll < 0.90:
        return "draft"
    return "archived"


class Generator:
    """Creates ``count`` files split between both agencies (PN 85%, OCS 15%)."""

    def __init__(
        self,
        portal,
        seed=DEFAULT_SEED,
        accounts=True,
        password="sirhp-demo-2026",
        documents=True,
        offset=0,
        reference_date=REFERENCE_DATE,
    ):
        self.portal = portal
        self.rng = random.Random(seed)
        self.accounts = accounts
        self.password = password
        self.documents = documents
        self.intids = getUtility(IIntIds)
        self.units = {aid: leaf_units(portal[aid]) for aid in UNITS}
        self.grades = hr_terms("grades")
        self.skills = [t.code for t in hr_terms("skills")]
        self.counters = {0: offset, 1: offset}
        self.reference_date = reference_date

    def _data(self, agency_index):
        rng = self.rng
        sex = "F" if rng.random() < 0.22 else "M"
        first = rng.choice(names.FEMALE_FIRST if sex == "F" else names.MALE_FIRST)
        if rng.random() < 0.3:
            first += " " + rng.choice(
                names.FEMALE_FIRST if sex == "F" else names.MALE_FIRST
            )
        last = rng.choice(names.LAST_NAMES)
        birth = _random_date(rng, date(1966, 1, 1), date(2002, 12, 31))
        earliest_hire = date(birth.year + 19, birth.month, min(birth.day, 28))
        hire = _random_date(
            rng,
            max(earliest_hire, date(1990, 1, 1)),
            min(self.reference_date - timedelta(days=30), date(birth.year + 40, 1, 1)),
        )
        grade = rng.choice(self.grades)
        corps = grade.extra[0] if grade.extra else "sous-officiers"
        grade_date = (
            _random_date(rng, hire, self.reference_date) if rng.random() < 0.7 else None
        )
        self.counters[agency_index] += 1
        langs = ["fr", "bm"] + rng.sample(
            ["ff", "ses", "snk", "tmh", "dgo", "sef", "ar", "en", "mlq"],
            rng.randint(0, 2),
        )
        return {
            "matricule": matricule(agency_index, self.counters[agency_index]),
            "nina": "".join(
                rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(15)
            )
            if rng.random() < 0.8
            else None,
            "last_name": last,
            "first_names": first,
            "sex": sex,
            "birth_date": birth,
            "birth_place": rng.choice(names.BIRTH_PLACES),
            "marital_status": rng.choice(
                ["single", "married", "married", "divorced", "widowed"]
            ),
            "children_count": rng.randint(0, 7),
            "phone": f"+223 {rng.choice('76596670')}{rng.randint(0, 9)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "email": None,
            "address": f"{rng.choice(names.QUARTERS)}, rue {rng.randint(100, 999)}, "
            f"porte {rng.randint(1, 80)}, Bamako",
            "emergency_contact": f"{rng.choice(names.FEMALE_FIRST)} {last} (épouse/parent), "
            f"+223 7{rng.randint(0, 9)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "corps": corps,
            "grade": grade.code,
            "grade_date": grade_date,
            "hire_date": hire,
            "position": rng.choice(
                [
                    "Chef de poste",
                    "Enquêteur",
                    "Agent de circulation",
                    "Secrétaire",
                    "Chef de brigade",
                    "Instructeur",
                    "Opérateur radio",
                    "Chauffeur",
                    "Adjoint au commissaire",
                ]
            ),
            "skills": sorted(rng.sample(self.skills, rng.randint(1, 4))),
            "languages": langs,
            "driving_licences": sorted(
                rng.sample(["A", "B", "C", "D"], rng.randint(0, 2))
            ),
            "blood_group": rng.choice(["A+", "B+", "O+", "O+", "AB+", "A-", "O-"]),
            "medical_notes": "Aptitude physique confirmée (visite annuelle)."
            if rng.random() < 0.5
            else None,
        }

    def create_file(self, agency_id, state=None, unit_path=None):
        """Create one file with its records; returns it."""
        rng = self.rng
        agency_index = 0 if agency_id == "police-nationale" else 1
        agency = self.portal[agency_id]
        data = self._data(agency_index)
        unit = rng.choice(self.units[agency_id])
        if unit_path:
            unit = agency.unrestrictedTraverse(unit_path)
        state = state or _pick_state(rng)
        if state == "archived":
            data["status"] = rng.choice(
                ["retired", "deceased", "dismissed", "resigned"]
            )
        else:
            data["status"] = (
                "active"
                if rng.random() < 0.9
                else rng.choice(["suspended", "detached", "available"])
            )
        data["unit"] = RelationValue(self.intids.getId(unit))
        suffix = "pn" if agency_index == 0 else "ocs"
        clerk, reviewer = f"clerk.{suffix}", f"reviewer.{suffix}"
        with api.env.adopt_user(username=clerk):
            obj = createContentInContainer(
                agency, "PersonnelFile", checkConstraints=False, **data
            )
        created = _random_date(
            rng, date(2022, 1, 1), self.reference_date - timedelta(days=3)
        )
        _history(obj, created, _steps(state, clerk, reviewer, created, rng))
        record_state = "validated" if state in ("validated", "archived") else "draft"
        if state == "pending":
            record_state = "draft"
        self._records(obj, data, unit, record_state, clerk, reviewer, created)
        if self.accounts and state == "validated" and data["status"] == "active":
            ensure_officer_account(data["matricule"], obj.full_name, self.password)
        return obj

    def _records(self, file, data, unit, state, clerk, reviewer, when):
        rng = self.rng
        events = [
            dict(
                event_type="recruitment",
                event_date=data["hire_date"],
                reference=f"Arrêté n°{data['hire_date'].year}-{rng.randint(100, 9999)}/MSPC",
                details="Recrutement sur concours direct.",
                resulting_grade=None,
                resulting_status="active",
            ),
        ]
        if data["grade_date"]:
            events.append(
                dict(
                    event_type="promotion",
                    event_date=data["grade_date"],
                    reference=f"Décision n°{data['grade_date'].year}-{rng.randint(100, 9999)}/DGPN",
                    details="Avancement au choix.",
                    resulting_grade=data["grade"],
                )
            )
        with api.env.adopt_user(username=clerk):
            for event in events:
                record = createContentInContainer(
                    file, "CareerEvent", checkConstraints=False, **event
                )
                _history(record, when, _steps(state, clerk, reviewer, when, rng))
            if self.documents:
                pdf = tiny_pdf(
                    [
                        "REPUBLIQUE DU MALI — Un Peuple, Un But, Une Foi",
                        "Extrait d'acte de naissance (document synthétique de démonstration)",
                        f"Nom : {data['last_name']}   Prénoms : {data['first_names']}",
                        f"Né(e) le {data['birth_date'].strftime('%d/%m/%Y')} à {data['birth_place']}",
                    ]
                )
                record = createContentInContainer(
                    file,
                    "ScannedDocument",
                    checkConstraints=False,
                    document_type="acte-naissance",
                    document_date=data["birth_date"],
                    # scanned when the file was entered, not on the day of the run
                    scan_date=when,
                    reference=f"Acte n°{rng.randint(1, 999)}/{data['birth_date'].year}",
                    issuing_authority=f"Centre d'état civil de {data['birth_place']}",
                    file=NamedBlobFile(
                        pdf,
                        contentType="application/pdf",
                        filename=f"acte-naissance-{data['matricule']}.pdf",
                    ),
                )
                _history(record, when, _steps(state, clerk, reviewer, when, rng))


@contextmanager
def without_initial_versions():
    """Bulk mode: objects created inside get no initial CMFEditions version.

    Used for large benchmark sites, as a migration import would: versions
    then start at the first change. It patches the class in memory only
    (nothing persistent), and restores it on exit.
    """
    original = CopyModifyMergeRepositoryTool.isVersionable
    CopyModifyMergeRepositoryTool.isVersionable = lambda self, obj: False
    try:
        yield
    finally:
        CopyModifyMergeRepositoryTool.isVersionable = original


def generate_files(
    portal,
    count,
    seed=DEFAULT_SEED,
    accounts=True,
    password="sirhp-demo-2026",
    documents=True,
    commit_every=0,
    progress=None,
    offset=0,
    bulk=False,
    savepoint_every=0,
):
    """Create ``count`` files (6/7 PN, 1/7 OCS). Returns (files, seconds).

    ``offset`` skips the first matricules, to add files to an existing site.
    ``commit_every`` commits each chunk of files; ``savepoint_every`` only
    takes a savepoint (memory stays flat, the caller commits all at once).
    """
    generator = Generator(
        portal,
        seed=seed + offset,
        accounts=accounts,
        password=password,
        documents=documents,
        offset=offset,
    )
    start = time.perf_counter()
    mode = without_initial_versions() if bulk else nullcontext()
    with mode:
        for index in range(count):
            agency_id = "ocs" if index % 7 == 6 else "police-nationale"
            generator.create_file(agency_id)
            done = index + 1
            if commit_every and done % commit_every == 0:
                transaction.commit()
            elif savepoint_every and done % savepoint_every == 0:
                processQueue()  # index now: the queue would hold every object
                transaction.savepoint(optimistic=True)
            else:
                continue
            if progress:
                progress(done, time.perf_counter() - start)
        if commit_every:
            transaction.commit()
    return count, time.perf_counter() - start


def create_demo_site_content(
    portal,
    count=300,
    password="sirhp-demo-2026",
    seed=DEFAULT_SEED,
    accounts=True,
    commit_every=0,
    progress=None,
    bulk=False,
    savepoint_every=0,
):
    """Units, staff accounts and ``count`` files: what ``make start`` loads."""
    build_units(portal)
    create_staff_users(portal, password)
    return generate_files(
        portal,
        count,
        seed=seed,
        accounts=accounts,
        password=password,
        commit_every=commit_every,
        progress=progress,
        bulk=bulk,
        savepoint_every=savepoint_every,
    )


def create_demo_badges(portal, count=40, seed=DEFAULT_SEED):
    """Photos and badges for the first ``count`` active validated files.

    Every file gets a synthetic photo and a badge request (by the agency's
    demo clerk); two thirds are printed in one batch per agency, half of
    those are issued: the demo shows every step of the card's life.
    """
    from sirhp.content.badges.api import create_print_batch
    from sirhp.content.badges.api import set_photo
    from sirhp.policy.setuphandlers.photos import synthetic_photo

    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="PersonnelFile",
        review_state="validated",
        personnel_status="active",
        sort_on="matricule",
    )[:count]
    to_print = {}
    for index, brain in enumerate(brains):
        file = brain._unrestrictedGetObject()
        clerk = "clerk.ocs" if brain.agency == "ocs" else "clerk.pn"
        set_photo(file=file, data=synthetic_photo(seed + index))
        file.reindexObject(idxs=["modified"])
        with api.env.adopt_user(username=clerk):
            badge = api.content.create(
                container=file, type="Badge", id="carte", safe_id=True
            )
        if index % 3 != 2:
            to_print.setdefault((brain.agency, clerk), []).append(badge)
    for (agency_id, clerk), badges in sorted(to_print.items()):
        with api.env.adopt_user(username=clerk):
            create_print_batch(
                agency=portal[agency_id], badges=[b.UID() for b in badges]
            )
            for badge in badges[::2]:
                api.content.transition(obj=badge, transition="issue")
    return len(brains)
