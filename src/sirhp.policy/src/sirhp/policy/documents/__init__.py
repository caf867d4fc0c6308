"""Scanned documents in the records office: restricted types, text worker
endpoints, cover sheets, batch filing, holding area, search, previews."""
