"""Classic UI views of SIRHP (French first)."""
