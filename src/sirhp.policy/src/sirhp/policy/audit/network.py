"""Where a request comes from, without trusting what the client says.

``X-Forwarded-For`` is written by whoever sends the request: it is read only
when the direct peer (``REMOTE_ADDR``) is one of our reverse proxies, listed
in the registry (``sirhp.security.trusted_proxies``) or in the environment
variable ``SIRHP_TRUSTED_PROXIES`` (addresses or networks, separated by
spaces or commas). The header is then read from the right, skipping our
own proxies: the first other address is the client's.
"""

import ipaddress
import os
from plone import api

ENV_TRUSTED_PROXIES = "SIRHP_TRUSTED_PROXIES"
REGISTRY_TRUSTED_PROXIES = "sirhp.security.trusted_proxies"


def _networks(values):
    result = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        try:
            result.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            continue
    return result


def trusted_proxies():
    """Networks of the reverse proxies whose X-Forwarded-For we believe."""
    values = os.environ.get(ENV_TRUSTED_PROXIES, "").replace(",", " ").split()
    try:
        values += list(
            api.portal.get_registry_record(REGISTRY_TRUSTED_PROXIES, default=()) or ()
        )
    except Exception:  # no site (scripts) or registry not yet upgraded
        pass
    return _networks(values)


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request, proxies=None) -> str:
    """The client's address: the direct peer, unless it is a trusted proxy."""
    if request is None:
        return ""
    environ = getattr(request, "environ", None) or {}
    peer = (environ.get("REMOTE_ADDR") or "").strip()
    networks = trusted_proxies() if proxies is None else _networks(proxies)
    if not networks or not _is_trusted(peer, networks):
        return peer
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # garbage in the header: keep what we know
    return hops[0] if hops else peer
