"""Référentiels of the statute: corps, grades, échelons, age limits, leave
types, sanctions; versioned by effective date (the statute changes)."""
