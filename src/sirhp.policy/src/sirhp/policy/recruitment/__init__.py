"""Recruitment by concours: pages, workflow guards and access table."""
