"""GET <campaign>/@campaign-status."""
