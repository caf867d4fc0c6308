"""Generated personnel files, with their career events and documents, in
every workflow state (the bulk of the demo and benchmark data)."""

from contextlib import nullcontext
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.indexing import processQueue
import random
from sirhp.content.content.record_names import numbered_names
from sirhp.content.content.versioning import without_initial_versions
from sirhp.content.referentials import api as referentials_api
from sirhp.content.referentials import rules as referential_rules
from sirhp.content.vocabularies.hr import hr_terms
from sirhp.policy.setuphandlers import names
from sirhp.policy.setuphandlers.demo import careers
from sirhp.policy.setuphandlers.demo.history import pick_state
from sirhp.policy.setuphandlers.demo.history import record_history
from sirhp.policy.setuphandlers.demo.history import steps_to
from sirhp.policy.setuphandlers.demo.people import ensure_officer_account
from sirhp.policy.setuphandlers.demo.people import matricule
from sirhp.policy.setuphandlers.demo.records import create_acts
from sirhp.policy.setuphandlers.demo.records import create_leaves
from sirhp.policy.setuphandlers.demo.units import leaf_units
from sirhp.policy.setuphandlers.demo.units import UNITS
from sirhp.policy.setuphandlers.pdf import tiny_pdf
import time
import transaction
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.container.contained import notifyContainerModified
from zope.intid.interfaces import IIntIds

DEFAULT_SEED = 2021
# The generator's "today". Every generated date (hiring, grade, transitions,
# scans) falls before it, so it is in the past on any run from the project's
# first release (November 2026) on. Data drawn against the clock changed with
# the calendar: the width of a date range decides how many random draws
# ``randrange`` consumes, which shifted every value drawn after it (tests broke
# on 2026-12-05). Changing this date changes the demo and test data.
REFERENCE_DATE = careers.REFERENCE_DATE


def _random_date(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


class Generator:
    """Creates ``count`` files split between both agencies (PN 85%, OCS 15%).

    With ``careers``, each file gets a coherent career (``careers``): its
    acts and leave requests, and the file's career fields are what the acts
    give on the reference date. Without (the test data), a recruitment and
    a promotion act as the file's fields say.
    """

    def __init__(
        self,
        portal,
        seed=DEFAULT_SEED,
        accounts=True,
        password="sirhp-demo-2026",
        documents=True,
        offset=0,
        reference_date=REFERENCE_DATE,
        careers=False,
    ):
        self.portal = portal
        self.careers = careers
        self.tables = referentials_api.tables(at=reference_date) if careers else None
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
            "position": rng.choice(careers.POSITIONS),
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

    @numbered_names()  # reproducible names (record_names)
    def create_file(self, agency_id, state=None, unit_path=None):
        """Create one file with its records; returns it."""
        rng = self.rng
        agency_index = 0 if agency_id == "police-nationale" else 1
        agency = self.portal[agency_id]
        data = self._data(agency_index)
        unit = rng.choice(self.units[agency_id])
        if unit_path:
            unit = agency.unrestrictedTraverse(unit_path)
        state = state or pick_state(rng)
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
        career = None
        if self.careers:
            units = [unit] if unit_path else self.units[agency_id]
            career = self._career(agency_index, data, units, state == "archived")
            unit = career[1]["unit"]
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
        record_history(obj, created, steps_to(state, clerk, reviewer, created, rng))
        record_state = "validated" if state in ("validated", "archived") else "draft"
        if state == "pending":
            record_state = "draft"
        if career:
            index = self._index(agency_index)
            with api.env.adopt_user(username=clerk):
                create_acts(
                    obj,
                    career[0],
                    index,
                    record_state,
                    clerk,
                    reviewer,
                    created,
                    rng,
                    self.intids,
                )
                if state == "validated" and data["status"] == "active":
                    create_leaves(
                        obj, careers.leaves_for(index, self.reference_date), clerk
                    )
        self._records(obj, data, unit, record_state, clerk, reviewer, created, career)
        if career:
            notifyContainerModified(obj)  # once for all its acts (``records``)
        if self.accounts and state == "validated" and data["status"] == "active":
            ensure_officer_account(data["matricule"], obj.full_name, self.password)
        return obj

    def _index(self, agency_index):
        """The file's index: its agency and number (seeds its career)."""
        return agency_index * 1_000_000 + self.counters[agency_index]

    def _career(self, agency_index, data, units, ending):
        """Draw the career of the file being created and set the file's
        career fields (and, for some, the birth date) from it."""
        index = self._index(agency_index)
        corps = data["corps"]
        if not referential_rules.grades_of(self.tables, corps):
            corps = data["corps"] = "sous-officiers"
        data["birth_date"] = careers.birth_date_for(
            index,
            data["birth_date"],
            data["hire_date"],
            corps,
            self.tables,
            self.reference_date,
        )
        acts, final = careers.career_for(
            index,
            data["hire_date"],
            corps,
            units,
            self.tables,
            reference_date=self.reference_date,
            ending=ending,
            birth_date=data["birth_date"],
        )
        for name in (
            "grade",
            "grade_date",
            "echelon",
            "echelon_date",
            "status",
            "position",
        ):
            data[name] = final[name]
        return acts, final

    def _records(self, file, data, unit, state, clerk, reviewer, when, career=None):
        rng = self.rng
        events = (
            []
            if career
            else [
                dict(
                    event_type="recruitment",
                    event_date=data["hire_date"],
                    reference=f"Arrêté n°{data['hire_date'].year}-{rng.randint(100, 9999)}/MSPC",
                    details="Recrutement sur concours direct.",
                    # the file's situation at hire: its acts account for
                    # its values (the consistency check finds nothing)
                    resulting_grade=None if data["grade_date"] else data["grade"],
                    resulting_unit=RelationValue(self.intids.getId(unit)),
                    resulting_position=data.get("position"),
                    resulting_status="active",
                ),
            ]
        )
        if data["grade_date"] and not career:
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
                record_history(
                    record, when, steps_to(state, clerk, reviewer, when, rng)
                )
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
                record_history(
                    record, when, steps_to(state, clerk, reviewer, when, rng)
                )


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
    careers=True,
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
        careers=careers,
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
