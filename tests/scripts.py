"""A script of the repository (``scripts/``, ``benchmarks/``) loaded as a
module in a test: its functions, without running it as a program (a script
runs its ``main`` only under ``if __name__ == "__main__"``)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_script(relative, name=None):
    """The module of the script at ``relative`` (to the checkout, or an
    absolute path), loaded
    afresh under ``name`` (default: ``sirhp_<its stem>``)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(name or f"sirhp_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
