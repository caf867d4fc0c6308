"""Control panels of SIRHP."""
