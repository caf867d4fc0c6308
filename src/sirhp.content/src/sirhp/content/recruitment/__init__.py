"""Recruitment by concours: campaigns, candidates, marks, ranking and admission."""
