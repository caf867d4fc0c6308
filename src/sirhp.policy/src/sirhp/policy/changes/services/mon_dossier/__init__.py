"""``@mon-dossier``: the officer's own space as JSON."""
