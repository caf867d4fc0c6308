"""The one module that grants and removes local roles.

Who gets which role where is decided by each feature (``workflow.localroles``
for a file's officer and commanders, ``documents.security`` for restricted
documents, ``setuphandlers`` for the agencies' groups, ``hardening.shares``
to clean hand-made shares); every change of ``__ac_local_roles__`` or of
inheritance goes through these functions, so the journal and the catalog
see one behaviour.
"""

from Acquisition import aq_base


def sync_local_roles(obj, wanted, managed) -> bool:
    """Make the ``managed`` roles of ``obj`` exactly ``wanted``.

    :param wanted: ``{principal id: set of roles}``, each a subset of
        ``managed``.
    :param managed: the roles this caller owns; other local roles (Owner,
        roles of another feature) are left as they are.
    :returns: True when something changed (the caller reindexes security).
    """
    changed = False
    current = dict(obj.get_local_roles())
    for principal, roles in current.items():
        mine = set(roles) & managed
        keep = mine & wanted.get(principal, set())
        if mine and keep != mine:
            others = [r for r in roles if r not in managed] + sorted(keep)
            if others:
                obj.manage_setLocalRoles(principal, others)
            else:
                obj.manage_delLocalRoles([principal])
            changed = True
    for principal, roles in wanted.items():
        have = set(current.get(principal, ()))
        if not set(roles) <= have:
            obj.manage_setLocalRoles(principal, sorted(have | set(roles)))
            changed = True
    return changed


def set_exact_local_roles(obj, principal, roles):
    """Give ``principal`` exactly ``roles`` on ``obj`` (none: removed)."""
    if roles:
        obj.manage_setLocalRoles(principal, sorted(roles))
    else:
        obj.manage_delLocalRoles([principal])


def remove_local_roles(obj, principals):
    """Remove every local role of ``principals`` on ``obj``."""
    if principals:
        obj.manage_delLocalRoles(list(principals))


def is_blocked(obj) -> bool:
    """True when ``obj`` does not inherit local roles from its parents."""
    return bool(getattr(aq_base(obj), "__ac_local_roles_block__", False))


def block_inheritance(obj, blocked) -> bool:
    """Block (or restore) local-role inheritance; True when it changed."""
    if is_blocked(obj) == bool(blocked):
        return False
    obj.__ac_local_roles_block__ = bool(blocked)
    return True
