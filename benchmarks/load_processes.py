"""Processes of the load run: Locust's virtualenv, waiting, stopping, and
nginx's configuration (``benchmarks/load_run.py``)."""

import contextlib
import hashlib
import importlib.util
import os
from pathlib import Path
import requests
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
LOCUST_VENV = ROOT / "var" / "locust-venv"
ADMIN = ("admin", os.environ.get("SIRHP_ADMIN_PASSWORD", "admin"))
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def load_script(name):
    spec = importlib.util.spec_from_file_location(
        f"sirhp_{name}", ROOT / "scripts" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_instance = load_script("make_instance")
render_deploy = load_script("render_deploy")
supervise = load_script("supervise")


def ensure_locust():
    """var/locust-venv with the pinned Locust (again when the pins change)."""
    stamp = LOCUST_VENV / ".installed"
    wanted = hashlib.sha256(
        (ROOT / "requirements-bench.txt").read_bytes()
        + (ROOT / "constraints.txt").read_bytes()
    ).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return LOCUST_VENV / "bin" / "locust"
    if not (LOCUST_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", LOCUST_VENV], check=True)
    subprocess.run(
        [LOCUST_VENV / "bin" / "python", "-m", "pip", "install", "-q"]
        + ["-c", ROOT / "constraints.txt", "-r", ROOT / "requirements-bench.txt"],
        check=True,
    )
    stamp.write_text(wanted)
    return LOCUST_VENV / "bin" / "locust"


def nginx_conf(folder, logs, clients, http, https):
    """A whole nginx.conf in ``folder`` (its own pid, logs and temp folders:
    no root needed) around deploy/nginx/sirhp.conf.template rendered for
    ``clients`` (``host:port``), with a self-signed certificate made once."""
    folder.mkdir(exist_ok=True)
    for name in TEMP_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    if not (folder / "cert.pem").exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
             "-days", "2", "-subj", "/CN=127.0.0.1",
             "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
            check=True,
            capture_output=True,
        )  # fmt: skip
    values = render_deploy.variables(
        {
            "public_name": "127.0.0.1",
            "http_port": str(http),
            "https_port": str(https),
            "clients": ",".join(clients),
            "tls_certificate": str(folder / "cert.pem"),
            "tls_certificate_key": str(folder / "key.pem"),
        }
    )
    template = (ROOT / "deploy" / "nginx" / "sirhp.conf.template").read_text()
    (folder / "sirhp.conf").write_text(render_deploy.render(template, values))
    temp = "".join(f"    {name}_temp_path {folder / name};\n" for name in TEMP_FOLDERS)
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {logs / 'nginx-error.log'};\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n    access_log {logs / 'nginx-access.log'};\n{temp}"
        f"    include {folder / 'sirhp.conf'};\n}}\n"
    )
    return conf


def stop(program, grace):
    if program is None or program.process is None:
        return
    supervise._signal_group(program.process, signal.SIGTERM)
    try:
        program.process.wait(grace)
    except subprocess.TimeoutExpired:
        supervise._signal_group(program.process, signal.SIGKILL)
        program.process.wait()


def wait_for_port(port, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.3)
    raise SystemExit(f"nothing listens on {port} after {seconds} s")


def wait_for(url, process, seconds, auth=ADMIN):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, auth=auth, timeout=10, verify=False).ok:
                return
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer after {seconds} s")


def count_lines(path, text):
    try:
        return sum(
            text in line for line in path.read_text(errors="replace").splitlines()
        )
    except OSError:
        return 0
