"""Workflow guards (guard_*/may_*) and transition handlers of SIRHP."""
