"""Accounts and groups of a migration, password hashes included.

collective.exportimport exports the hashes of the site's user folder
(``source_users``), but its import hashes them again as if they were
passwords (nobody could log in) and skips accounts without an email: here the
hash is stored as it is, and every account comes across. Roles given
directly to a user (``portal_role_manager``) and group memberships follow.
"""

from collective.exportimport.export_other import ExportMembers
from plone import api
import secrets


def export_members(portal, request):
    """``{"groups": [...], "members": [...]}`` (collective.exportimport's
    format) plus each account's login name."""
    view = ExportMembers(portal, request)
    members = list(view.export_members())
    source = api.portal.get_tool("acl_users").source_users
    for member in members:
        member["login"] = _login(source, member["username"])
    return {"groups": view.export_groups(), "members": members}


def import_members(data):
    """Create the groups and accounts of ``data`` that the site lacks and
    restore roles and memberships; returns the number of accounts created."""
    acl = api.portal.get_tool("acl_users")
    source = acl.source_users
    for group in data["groups"]:
        if api.group.get(groupname=group["groupid"]) is None:
            api.group.create(
                groupname=group["groupid"],
                title=group.get("title") or "",
                description=group.get("description") or "",
                roles=group.get("roles") or [],
            )
    created = 0
    for member in data["members"]:
        user_id = member["username"]
        if _login(source, user_id) is None:
            source.addUser(user_id, member.get("login") or user_id, _unusable())
            created += 1
        if member.get("password"):
            # The exported hash, not a password: stored as it is.
            source._user_passwords[user_id] = member["password"]
        properties = {
            key: member[key]
            for key in ("email", "fullname", "description", "location", "home_page")
            if member.get(key)
        }
        if properties:
            api.user.get(userid=user_id).setMemberProperties(properties)
        if member.get("roles"):
            acl.portal_role_manager.assignRolesToPrincipal(
                tuple(member["roles"]), user_id
            )
    for group in data["groups"]:
        for principal in group.get("principals", []):
            api.portal.get_tool("portal_groups").addPrincipalToGroup(
                principal, group["groupid"]
            )
    return created


def _login(source, user_id):
    """The login name of an account of the site's user folder, else None."""
    try:
        return source.getLoginForUserId(user_id)
    except KeyError:
        return None


def _unusable():
    return secrets.token_urlsafe(32)
