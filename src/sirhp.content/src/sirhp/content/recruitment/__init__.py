"""Recruitment by concours: campaigns, candidates, the merit ranking and admission."""
