"""REST endpoints of the SIRHP policy, one folder (or module) per endpoint."""
