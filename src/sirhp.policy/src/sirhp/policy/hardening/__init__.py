"""Hardened edges of the portal (issue 5, first part).

- Security headers on every response of the SIRHP site.
- The REST API is closed to anonymous users, but for the public endpoints
  listed in ``PUBLIC_API_ENDPOINTS``.
"""
