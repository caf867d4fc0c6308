"""Upgrade tests: each brings a site of the previous profile to the new state."""


def latest(setup, profile):
    """The version a profile has after every upgrade step (its metadata.xml)."""
    return tuple(setup.getVersionForProfile(profile).split("."))


def granted(portal, permission):
    """The roles the site root grants ``permission`` to."""
    return {
        item["name"]
        for item in portal.rolesOfPermission(permission)
        if item["selected"]
    }
