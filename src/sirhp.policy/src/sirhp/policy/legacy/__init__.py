"""Legacy spreadsheet import: the page (the domain is sirhp.content.legacy)."""
