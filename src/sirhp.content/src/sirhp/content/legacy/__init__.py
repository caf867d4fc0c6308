"""Legacy spreadsheet import of personnel files."""
