"""Badges (cartes professionnelles): secret, card PDFs, print batches, photo
page and the public verification page."""
