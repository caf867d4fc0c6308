"""Scanned documents: the checked file, scan metadata, extracted text."""
