"""``@absences``: who is on leave on a day in an agency or unit (GET)."""
