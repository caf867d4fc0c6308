"""``PATCH`` on files and records: edit a draft, or propose a change."""
