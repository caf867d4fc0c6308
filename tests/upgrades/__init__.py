"""Upgrade tests: each brings a site of the previous profile to the new state."""


def latest(setup, profile):
    """The version a profile has after every upgrade step (its metadata.xml)."""
    return tuple(setup.getVersionForProfile(profile).split("."))


def granted(obj, permission):
    """The roles ``obj`` (the site root, a folder) grants ``permission`` to
    itself (acquired roles not counted)."""
    return {
        item["name"] for item in obj.rolesOfPermission(permission) if item["selected"]
    }
