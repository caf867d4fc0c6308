"""Work lists that explain themselves: a file with its records submitted and
validated together, the review queue grouped by file, the reason of a
rejection (``api.py``; pure rules in ``rules.py``)."""
