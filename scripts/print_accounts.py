"""Print the demo accounts (for `make start`, after create_site.py has
checked the settings and the site: it stops make before this runs)."""

import os
from sirhp.policy.setuphandlers.environment import DEFAULT_ADMIN_PASSWORD
from sirhp.policy.setuphandlers.environment import DEFAULT_DEMO_PASSWORD


def main():
    password = os.environ.get("SIRHP_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    admin = os.environ.get("SIRHP_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
    print("\nSIRHP demo accounts (synthetic data):")
    login = os.environ.get("SIRHP_ADMIN_USER", "admin")
    print(f"  {login + ' (Zope manager)':<29} password: {admin}")
    for login, role in (
        ("clerk.pn", "records clerk, Police nationale"),
        ("reviewer.pn", "reviewer, Police nationale"),
        ("hrmanager.pn", "HR manager, Police nationale"),
        ("commander.pn", "commander, Commissariat du 1er arrondissement"),
        ("clerk.ocs", "records clerk, OCS"),
        ("reviewer.ocs", "reviewer, OCS"),
        ("hrmanager.ocs", "HR manager, OCS"),
        ("auditor", "auditor (both agencies, read only)"),
    ):
        print(f"  {login:<29} {role}; password: {password}")
    print("  officers: login = matricule (listed above), same password\n")


if __name__ == "__main__":
    main()
