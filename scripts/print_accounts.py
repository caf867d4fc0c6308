"""Print the demo accounts (for `make start`, after create_site.py has
checked the settings and the site: it stops make before this runs): every
staff account of the demo (``STAFF_USERS``), then how officers log in."""

import os
from sirhp.policy.setuphandlers.demo.people import STAFF_USERS
from sirhp.policy.setuphandlers.environment import DEFAULT_ADMIN_PASSWORD
from sirhp.policy.setuphandlers.environment import DEFAULT_DEMO_PASSWORD

# what each demo account does (English: the console's language)
ROLES = {
    "clerk.pn": "records clerk, Police nationale",
    "reviewer.pn": "reviewer, Police nationale",
    "hrmanager.pn": "HR manager, Police nationale",
    "recruiter.pn": "recruitment officer, Police nationale",
    "commander.pn": "commander, Commissariat du 1er arrondissement",
    "clerk.ocs": "records clerk, OCS",
    "reviewer.ocs": "reviewer, OCS",
    "hrmanager.ocs": "HR manager, OCS",
    "recruiter.ocs": "recruitment officer, OCS",
    "auditor": "auditor (both agencies, read only)",
}


def lines(admin_login, admin_password, password):
    """The lines to print: the administrator, then each staff account."""
    result = [
        "",
        "SIRHP demo accounts (synthetic data):",
        f"  {admin_login + ' (Zope manager)':<29} password: {admin_password}",
    ]
    for login, fullname, _groups in STAFF_USERS:
        result.append(
            f"  {login:<29} {ROLES.get(login, fullname)}; password: {password}"
        )
    result.append("  officers: login = matricule (listed above), same password")
    result.append("")
    return result


def main():
    password = os.environ.get("SIRHP_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    admin = os.environ.get("SIRHP_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
    login = os.environ.get("SIRHP_ADMIN_USER", "admin")
    print("\n".join(lines(login, admin, password)))


if __name__ == "__main__":
    main()
