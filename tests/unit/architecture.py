"""The import direction of SIRHP, read from the sources with ``ast``.

No module is imported: the checker reads the files, so it runs without Zope
and sees modules whose imports would fail. ``check(roots)`` returns every
``Violation`` of these rules (each has a stable ``key``, without line
numbers, for ``KNOWN_VIOLATIONS``, and a ``message`` saying where):

- ``content-imports-policy``: ``sirhp.content`` never imports ``sirhp.policy``;
- ``views-across-features``: a feature never imports another feature's
  pages or endpoints. Features are the direct sub-packages of
  ``sirhp.policy`` and the domain sub-packages of ``sirhp.content`` (every
  sub-package but the core ones, ``CONTENT_CORE``); a domain is one feature
  in both packages (``sirhp.policy.changes`` and ``sirhp.content.changes``).
  Pages and endpoints: modules named ``views``, ``browser``, ``viewlets``,
  ``*_views``, anything under ``services``, modules defining a view class
  (a base named ``*View``, ``*Form``, ``*Viewlet``), and templates of
  another package (``ViewPageTemplateFile("../...")``);
- ``base-imports-feature``: a ``base`` package is below every feature of its
  distribution and imports none of them (``sirhp.policy.base`` may use
  ``sirhp.content``, which is below the whole policy, but not its pages);
  ``sirhp.content.base`` imports no domain;
- ``impure-rules``: ``rules`` modules and ``sirhp.content.domain`` import
  only the standard library (not ``subprocess``: external tools have
  adapters of their own) and other pure modules;
- ``old-path``: no import of an old module path of ``sirhp.content.bbb``;
- ``late-import``: no ``sirhp`` module imported inside a function, but on a
  line saying why (``# late import: <why>``);
- ``size``: no module over ``MAX_LINES`` lines, but the declarative tables
  allowed by name (``allowed_long``);
- ``local-roles``: only ``sirhp.policy.base.localroles`` calls
  ``manage_setLocalRoles`` / ``manage_addLocalRoles`` /
  ``manage_delLocalRoles`` or sets ``__ac_local_roles_block__``.
"""

import ast
from dataclasses import dataclass
from pathlib import Path
import sys

MAX_LINES = 400
LATE_IMPORT_MARK = "# late import:"
# Sub-packages of sirhp.content shared by every domain (not domains).
CONTENT_CORE = frozenset(
    {
        "base",
        "behaviors",
        "content",
        "domain",
        "indexers",
        "profiles",
        "serializers",
        "upgrades",
        "vocabularies",
    }
)
VIEW_MODULE_NAMES = frozenset({"views", "browser", "viewlets"})
VIEW_BASE_SUFFIXES = ("View", "Form", "Viewlet")
LOCAL_ROLE_CALLS = frozenset(
    {"manage_setLocalRoles", "manage_addLocalRoles", "manage_delLocalRoles"}
)
LOCAL_ROLES_BLOCK = "__ac_local_roles_block__"
LOCAL_ROLES_MODULE = "sirhp.policy.base.localroles"
IMPURE_STDLIB = frozenset({"subprocess"})
STDLIB = frozenset(sys.stdlib_module_names)


@dataclass(frozen=True)
class Violation:
    key: str  # rule: module -> what (no line numbers)
    message: str  # with the file and line


@dataclass
class Module:
    name: str
    path: Path
    source: str
    tree: ast.Module
    is_package: bool

    @property
    def lines(self):
        return len(self.source.splitlines())


@dataclass(frozen=True)
class Import:
    target: str  # dotted name of the module (or name) imported
    line: int
    in_function: bool
    text: str  # the source lines of the statement


def load(roots):
    """``{dotted name: Module}`` of every ``.py`` file under ``roots``
    (``{package name: folder}``, e.g. ``{"sirhp.policy": .../sirhp/policy}``)."""
    modules = {}
    for package, folder in roots.items():
        for path in sorted(Path(folder).rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            name = ".".join((package, *parts))
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source, filename=str(path))
            modules[name] = Module(name, path, source, tree, is_package)
    return modules


def _package_of(module):
    return module.name if module.is_package else module.name.rpartition(".")[0]


def _resolve(module, node):
    """Absolute dotted base of an ``ImportFrom`` (relative ones resolved)."""
    if not node.level:
        return node.module or ""
    base = _package_of(module).split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module):
    """Every import of ``module``: ``from a import b`` gives ``a.b`` (the
    name or the sub-module; callers look both up)."""
    lines = module.source.splitlines()
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            )
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                end = getattr(child, "end_lineno", child.lineno)
                text = "\n".join(lines[child.lineno - 1 : end])
                if isinstance(child, ast.Import):
                    targets = [alias.name for alias in child.names]
                else:
                    base = _resolve(module, child)
                    targets = [f"{base}.{alias.name}" for alias in child.names]
                for target in targets:
                    found.append(Import(target, child.lineno, in_function, text))
            visit(child, nested)

    visit(module.tree, False)
    return found


def _known(name, modules):
    """The module ``name`` designates: itself, or the module holding it."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _distribution(name):
    return ".".join(name.split(".")[:2])


def section(module):
    """The sub-package of its distribution ``module`` belongs to (None for
    the distribution's own top-level modules: config, permissions...)."""
    parts = module.name.split(".")
    if len(parts) > 3 or (len(parts) == 3 and module.is_package):
        return parts[2]
    return None


def feature(module):
    """The feature (domain) of ``module``, or None for shared code (a
    ``base``, the core of sirhp.content, top-level modules)."""
    name = section(module)
    if name == "base" or (
        module.name.startswith("sirhp.content.") and name in CONTENT_CORE
    ):
        return None
    return name


def _view_bases(module):
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                name = base.attr if isinstance(base, ast.Attribute) else None
                name = base.id if isinstance(base, ast.Name) else name
                if name and name.endswith(VIEW_BASE_SUFFIXES):
                    yield node.name


def is_views(module):
    """Pages or endpoints: by name, by place (``services``) or by content."""
    last = module.name.rpartition(".")[2]
    if last in VIEW_MODULE_NAMES or last.endswith("_views"):
        return True
    if ".services." in module.name + ".":
        return True
    return any(True for _ in _view_bases(module))


def _foreign_templates(module):
    for node in ast.walk(module.tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            == "ViewPageTemplateFile"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("../")
        ):
            yield node.lineno, node.args[0].value


def is_pure(name):
    parts = name.split(".")
    return (
        parts[-1] == "rules"
        or parts[-1].endswith("_rules")
        or name.startswith("sirhp.content.domain.")
    )


def _old_paths(modules):
    bbb = modules.get("sirhp.content.bbb")
    if bbb is None:
        return {}
    for node in bbb.tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "ALIASES" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    return {}


def check(roots, allowed_long=frozenset()):
    """Every violation in the packages under ``roots``."""
    modules = load(roots)
    old_paths = _old_paths(modules)
    violations = []

    def add(rule, module, what, line, detail=""):
        key = f"{rule}: {module.name} -> {what}"
        where = f"{module.path}:{line}"
        violations.append(Violation(key, f"{key} ({where}{detail})"))

    for module in modules.values():
        mine = feature(module)
        in_base = section(module) == "base"
        pure = is_pure(module.name)
        for imported in imports_of(module):
            target = imported.target
            if not target.startswith("sirhp."):
                top = target.split(".")[0]
                if pure and (top not in STDLIB or top in IMPURE_STDLIB):
                    add("impure-rules", module, top, imported.line)
                continue
            known = _known(target, modules)
            if module.name.startswith("sirhp.content") and target.startswith(
                "sirhp.policy"
            ):
                add("content-imports-policy", module, known or target, imported.line)
            for old in old_paths:
                if target == old or target.startswith(old + "."):
                    add("old-path", module, old, imported.line)
            if imported.in_function and LATE_IMPORT_MARK not in imported.text:
                add("late-import", module, known or target, imported.line)
            if known is None or known == module.name:
                continue
            other = modules[known]
            theirs = feature(other)
            if pure and not is_pure(known):
                add("impure-rules", module, known, imported.line)
            if (
                in_base
                and theirs is not None
                and _distribution(known) == _distribution(module.name)
            ):
                add("base-imports-feature", module, known, imported.line)
            if theirs is not None and theirs != mine and is_views(other):
                add("views-across-features", module, known, imported.line)
        for line, path in _foreign_templates(module):
            add("views-across-features", module, f"template {path}", line)
        if module.lines > MAX_LINES and module.name not in allowed_long:
            add("size", module, f"over {MAX_LINES} lines", 1, f", {module.lines}")
        if module.name != LOCAL_ROLES_MODULE:
            for node in ast.walk(module.tree):
                write = _sets_local_roles(node)
                if write:
                    add("local-roles", module, write, node.lineno)
    return sorted(set(violations), key=lambda v: (v.key, v.message))


def _sets_local_roles(node):
    """The local-role write ``node`` makes, if any."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in LOCAL_ROLE_CALLS:
            return func.attr
        if (
            getattr(func, "id", None) == "setattr"
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == LOCAL_ROLES_BLOCK
        ):
            return LOCAL_ROLES_BLOCK
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == LOCAL_ROLES_BLOCK:
                return LOCAL_ROLES_BLOCK
    return None
