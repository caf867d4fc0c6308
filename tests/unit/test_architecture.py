"""The import direction of SIRHP (rules: ``tests/unit/architecture.py``).

Read from the sources with ``ast``: no Zope, no import of the packages.
"""

from pathlib import Path
import pytest
from tests.unit import architecture
from tests.unit.architecture import check

# Violations accepted for now: none. A new one fails the test; fix it (or,
# if it truly cannot be avoided, list it here with the reason).
KNOWN_VIOLATIONS = set()

# Declarative tables allowed over the size limit: {module: why}.
LONG_MODULES = {}

SRC = Path(__file__).resolve().parents[2] / "src"
ROOTS = {
    "sirhp.content": SRC / "sirhp.content/src/sirhp/content",
    "sirhp.policy": SRC / "sirhp.policy/src/sirhp/policy",
}


@pytest.fixture(scope="module")
def violations():
    return check(ROOTS, allowed_long=set(LONG_MODULES))


def test_import_rules(violations):
    new = [v.message for v in violations if v.key not in KNOWN_VIOLATIONS]
    assert not new, "Import rules broken (tests/unit/architecture.py):\n" + "\n".join(
        new
    )


def test_known_violations_still_exist(violations):
    """A violation fixed is removed from KNOWN_VIOLATIONS: it may not come back."""
    gone = sorted(KNOWN_VIOLATIONS - {v.key for v in violations})
    assert not gone, (
        "Fixed: remove from KNOWN_VIOLATIONS (python -m tests.unit.test_architecture"
        " prints the current list):\n" + "\n".join(gone)
    )


def test_long_modules_are_long():
    modules = architecture.load(ROOTS)
    short = [
        name
        for name in LONG_MODULES
        if name not in modules or modules[name].lines <= architecture.MAX_LINES
    ]
    assert not short, f"No longer over the limit, remove from LONG_MODULES: {short}"


# --- the checker itself, on a tiny tree --------------------------------------------


def _tree(tmp_path, files):
    """``files``: {path below src (``sirhp/policy/x.py``): source}."""
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    for package in ("sirhp/content", "sirhp/policy"):
        folder = tmp_path / package
        folder.mkdir(parents=True, exist_ok=True)
        for sub in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
            (sub / "__init__.py").touch()
    return {
        "sirhp.content": tmp_path / "sirhp/content",
        "sirhp.policy": tmp_path / "sirhp/policy",
    }


def _keys(tmp_path, files, **options):
    return {v.key for v in check(_tree(tmp_path, files), **options)}


def test_clean_tree(tmp_path):
    files = {
        "sirhp/content/base/errors.py": "class SirhpError(ValueError): ...\n",
        "sirhp/content/changes/rules.py": "import re\nfrom datetime import date\n",
        "sirhp/content/changes/api.py": (
            "from sirhp.content.base.errors import SirhpError\n"
            "from sirhp.content.changes import rules\n"
        ),
        "sirhp/policy/base/views.py": "class SirhpView: ...\n",
        "sirhp/policy/changes/views.py": (
            "from sirhp.content.changes.api import SirhpError\n"
            "from sirhp.policy.base.views import SirhpView\n"
            "class ChangeView(SirhpView): ...\n"
        ),
        "sirhp/policy/badges/views.py": (
            "from sirhp.content.changes import api\n"
            "def page():\n"
            "    from sirhp.policy.changes import api  # late import: a real cycle\n"
        ),
        "sirhp/policy/base/localroles.py": "def grant(obj):\n"
        "    obj.manage_setLocalRoles('x', ['Reader'])\n"
        "    obj.__ac_local_roles_block__ = True\n",
    }
    assert _keys(tmp_path, files) == set()


def test_content_imports_policy(tmp_path):
    files = {
        "sirhp/policy/audit/api.py": "",
        "sirhp/content/content/file.py": "from sirhp.policy.audit import api\n",
    }
    assert _keys(tmp_path, files) == {
        "content-imports-policy: sirhp.content.content.file -> sirhp.policy.audit.api"
    }


@pytest.mark.parametrize(
    "views_module,source",
    [
        ("sirhp/policy/changes/views.py", ""),
        ("sirhp/policy/changes/totp_views.py", ""),
        ("sirhp/policy/changes/pages.py", "class QueueView(BrowserView): ...\n"),
        ("sirhp/policy/changes/edit.py", "class Edit(z3c.form.EditForm): ...\n"),
        ("sirhp/content/changes/services/diff/get.py", ""),
    ],
)
def test_views_across_features(tmp_path, views_module, source):
    name = views_module[:-3].replace("/", ".")
    files = {views_module: source, "sirhp/policy/badges/api.py": f"import {name}\n"}
    assert _keys(tmp_path, files) == {
        f"views-across-features: sirhp.policy.badges.api -> {name}"
    }


def test_views_of_the_same_domain_in_both_packages(tmp_path):
    files = {
        "sirhp/content/changes/services/diff/get.py": "",
        "sirhp/policy/changes/pages.py": "import sirhp.content.changes.services.diff.get\n",
    }
    assert _keys(tmp_path, files) == set()


def test_templates_of_another_feature(tmp_path):
    files = {
        "sirhp/policy/badges/pages.py": 'index = ViewPageTemplateFile("../changes/templates/x.pt")\n'
    }
    assert _keys(tmp_path, files) == {
        "views-across-features: sirhp.policy.badges.pages"
        " -> template ../changes/templates/x.pt"
    }


def test_base_imports_a_feature(tmp_path):
    files = {
        "sirhp/policy/audit/reasons.py": "",
        "sirhp/policy/base/file_view.py": "from sirhp.policy.audit import reasons\n",
        "sirhp/content/changes/api.py": "",
        "sirhp/content/base/hooks.py": "from sirhp.content.changes import api\n",
        # allowed: the policy's base on sirhp.content, the distribution's
        # top-level modules
        "sirhp/policy/base/views.py": (
            "from sirhp.content.changes import api\nfrom sirhp.policy import config\n"
        ),
        "sirhp/policy/config.py": "",
    }
    assert _keys(tmp_path, files) == {
        "base-imports-feature: sirhp.policy.base.file_view -> sirhp.policy.audit.reasons",
        "base-imports-feature: sirhp.content.base.hooks -> sirhp.content.changes.api",
    }


def test_impure_rules(tmp_path):
    files = {
        "sirhp/content/changes/api.py": "",
        "sirhp/content/changes/rules.py": (
            "import json\nfrom plone import api\nimport subprocess\n"
            "from sirhp.content.changes import api\n"
        ),
        "sirhp/content/domain/photo.py": "from PIL import Image\n",
        "sirhp/content/domain/dates.py": (
            "import datetime\nfrom sirhp.content.changes import rules\n"
        ),
    }
    assert _keys(tmp_path, files) == {
        "impure-rules: sirhp.content.changes.rules -> plone",
        "impure-rules: sirhp.content.changes.rules -> subprocess",
        "impure-rules: sirhp.content.changes.rules -> sirhp.content.changes.api",
        "impure-rules: sirhp.content.domain.photo -> PIL",
    }


def test_old_paths(tmp_path):
    files = {
        "sirhp/content/bbb.py": (
            'ALIASES = {"sirhp.content.content.badge": "sirhp.content.badges.content"}\n'
        ),
        "sirhp/content/badges/content.py": "",
        "sirhp/policy/badges/views.py": (
            "from sirhp.content.content.badge import Badge\n"
        ),
    }
    assert _keys(tmp_path, files) == {
        "old-path: sirhp.policy.badges.views -> sirhp.content.content.badge"
    }


def test_late_imports(tmp_path):
    files = {
        "sirhp/policy/login/sessions.py": "",
        "sirhp/policy/login/accounts.py": (
            "def disable():\n"
            "    import json\n"  # not a sirhp module: allowed
            "    from sirhp.policy.login import sessions\n"
            "class Accounts:\n"
            "    def reset(self):\n"
            "        from sirhp.policy.login.sessions import (  # late import: cycle\n"
            "            revoke,\n"
            "        )\n"
        ),
    }
    assert _keys(tmp_path, files) == {
        "late-import: sirhp.policy.login.accounts -> sirhp.policy.login.sessions"
    }


def test_size(tmp_path):
    files = {
        "sirhp/policy/files/home.py": "x = 1\n" * 401,
        "sirhp/policy/files/table.py": "x = 1\n" * 401,
        "sirhp/policy/files/listing.py": "x = 1\n" * 400,
    }
    assert _keys(tmp_path, files, allowed_long={"sirhp.policy.files.table"}) == {
        "size: sirhp.policy.files.home -> over 400 lines"
    }


def test_local_roles(tmp_path):
    files = {
        "sirhp/policy/documents/security.py": (
            "def share(obj):\n"
            "    obj.manage_addLocalRoles('x', ['Reader'])\n"
            "    obj.manage_delLocalRoles(['x'])\n"
            "    setattr(obj, '__ac_local_roles_block__', True)\n"
            "    blocked = getattr(obj, '__ac_local_roles_block__', False)\n"
        ),
        "sirhp/policy/setuphandlers/agencies.py": (
            "def grant(agency):\n"
            "    agency.manage_setLocalRoles('g', ['HRManager'])\n"
            "    agency.__ac_local_roles_block__ = False\n"
        ),
    }
    assert _keys(tmp_path, files) == {
        "local-roles: sirhp.policy.documents.security -> manage_addLocalRoles",
        "local-roles: sirhp.policy.documents.security -> manage_delLocalRoles",
        "local-roles: sirhp.policy.documents.security -> __ac_local_roles_block__",
        "local-roles: sirhp.policy.setuphandlers.agencies -> manage_setLocalRoles",
        "local-roles: sirhp.policy.setuphandlers.agencies -> __ac_local_roles_block__",
    }


def test_relative_imports_are_resolved(tmp_path):
    files = {
        "sirhp/policy/changes/views.py": "",
        "sirhp/policy/badges/pages.py": "from ..changes import views\n",
    }
    assert _keys(tmp_path, files) == {
        "views-across-features: sirhp.policy.badges.pages -> sirhp.policy.changes.views"
    }


if __name__ == "__main__":
    # ``python -m tests.unit.test_architecture``: the violations of the code as
    # it is, one key a line (to update KNOWN_VIOLATIONS after a move).
    for key in sorted({v.key for v in check(ROOTS, allowed_long=set(LONG_MODULES))}):
        print(f'    "{key}",')
