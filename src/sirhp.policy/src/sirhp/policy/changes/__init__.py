"""Change requests (demandes de modification): API, pages, REST."""
