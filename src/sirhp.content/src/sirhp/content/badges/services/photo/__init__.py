"""``@photo`` on a personnel file."""
