"""Promotion (tableau d'avancement): workflow guards and the table page."""
