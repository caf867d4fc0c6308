"""Ports and folders of the system tests that start real processes on a
shared machine: ports taken free from 9700-9799, folders /tmp/ops-deploy-*.

On a machine shared by several people running the system tests at once,
``SIRHP_TEST_PORTS=19600-19699`` confines every system test that takes its
ports here to that range, and ``SIRHP_TEST_TMP=/tmp/mine`` puts their
temporary folders under that folder instead of /tmp.
"""

import os
import random
import socket
import tempfile

PORT_RANGE = range(9700, 9800)
TMP = os.environ.get("SIRHP_TEST_TMP", "/tmp")


def configured(port_range):
    """``port_range`` (or SIRHP_TEST_PORTS's FIRST-LAST), scanned from a
    port of its own quarter for each test process (xdist's ``gwN``), at
    random within it, wrapping round: two processes starting their system
    tests at the same moment do not both take the first free port."""
    setting = os.environ.get("SIRHP_TEST_PORTS")
    if setting:
        first, last = (int(part) for part in setting.split("-"))
        port_range = range(first, last + 1)
    ports = list(port_range)
    quarter = max(len(ports) // 4, 1)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:]
    index = int(worker) if worker.isdigit() else 0
    start = ((index % 4) * quarter + random.randrange(quarter)) % len(ports)
    return ports[start:] + ports[:start]


def free_ports(count, port_range=PORT_RANGE):
    """``count`` ports of ``port_range`` nothing listens on now."""
    port_range = configured(port_range)
    found = []
    for port in port_range:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError(f"not {count} free ports in {port_range}")


def any_free_ports(count):
    """``count`` distinct free ports the system chooses (or SIRHP_TEST_PORTS's)."""
    if os.environ.get("SIRHP_TEST_PORTS"):
        return free_ports(count)
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:  # all bound at once: never the same port twice
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def temp_dir(prefix="ops-deploy-"):
    return tempfile.mkdtemp(prefix=prefix, dir=TMP)
