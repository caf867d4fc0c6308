"""Careers, the policy's half: who sees disciplinary acts (``configure.zcml``)
and the access table of sanctions and decorations (``access.py``)."""
