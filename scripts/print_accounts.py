"""Print the demo accounts (for `make start`)."""

import os


def main():
    password = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")
    admin = os.environ.get("SIRHP_ADMIN_PASSWORD", "admin")
    print("\nSIRHP demo accounts (synthetic data):")
    print(f"  admin (Zope manager)          password: {admin}")
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
