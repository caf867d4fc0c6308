"""The staff finder's pages, deployment lists' pages and exports, the list
workflow's guard."""

# the guard's ModuleSecurityInfo must be registered before the workflow's
# guard expression imports the module (modules[...] imports only declared ones)
from sirhp.policy.deployment import workflow  # noqa: F401
