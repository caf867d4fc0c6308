"""The demo accounts: staff of every role, officers (login = matricule),
and the synthetic matricules."""

from plone import api
from sirhp.content.api import commanders_group_id
from sirhp.content.content.matricule_sequence import matricule_of
from sirhp.policy import config
from sirhp.policy.setuphandlers.demo.units import COMMANDED_UNIT

# login, full name, groups (the officers' accounts are their matricules)
STAFF_USERS = (
    ("clerk.pn", "Awa Diarra (archives PN)", ["police-nationale-clerks"]),
    ("reviewer.pn", "Modibo Keïta (valideur PN)", ["police-nationale-reviewers"]),
    ("hrmanager.pn", "Kadiatou Sangaré (RH PN)", ["police-nationale-hr"]),
    ("clerk.ocs", "Issa Maïga (archives OCS)", ["ocs-clerks"]),
    ("reviewer.ocs", "Fatoumata Cissé (valideuse OCS)", ["ocs-reviewers"]),
    ("hrmanager.ocs", "Salif Touré (RH OCS)", ["ocs-hr"]),
    (
        "recruiter.pn",
        "Aminata Traoré (recrutement PN)",
        ["police-nationale-recruitment"],
    ),
    ("recruiter.ocs", "Oumar Diallo (recrutement OCS)", ["ocs-recruitment"]),
    ("commander.pn", "Commissaire Bakary Coulibaly", []),  # unit group added below
    ("auditor", "Rokia Dembélé (Inspection)", [config.AUDITORS_GROUP]),
)


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
    return matricule_of((100000 if agency_index == 0 else 800000) + number)


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
