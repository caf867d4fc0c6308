"""POST <evaluation>/@evaluation."""
