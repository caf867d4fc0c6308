"""``@badge-print`` on an agency."""
