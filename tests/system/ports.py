"""Ports and folders of the system tests that start real processes on a
shared machine: ports taken free from 9700-9799, folders /tmp/ops-deploy-*."""

import socket
import tempfile

PORT_RANGE = range(9700, 9800)


def free_ports(count, port_range=PORT_RANGE):
    """``count`` ports of ``port_range`` nothing listens on now."""
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


def temp_dir():
    return tempfile.mkdtemp(prefix="ops-deploy-", dir="/tmp")
