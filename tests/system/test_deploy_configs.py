"""deploy/: the configs are valid for their tools, and nginx really proxies.

nginx -t on the rendered front end with a self-signed certificate made here;
systemd-analyze verify on the units (configparser when it is missing);
logrotate -d; supervisord's file parsed; then nginx (ports 9700-9799, files
in /tmp/ops-deploy-*) in front of the functional test Zope: /health answers
200 JSON, and Zope sees the fixed public Host.
"""

import configparser
import os
from pathlib import Path
import pwd
import pytest
import requests
import shutil
import subprocess
from tests.scripts import load_script
from tests.system.ports import free_ports
from tests.system.ports import temp_dir
import time
from urllib.parse import urlsplit

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PUBLIC = "sirhp.test.ml"


def load_render():
    return load_script("scripts/render_deploy.py")


@pytest.fixture
def folder():
    path = Path(temp_dir())
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _certificate(folder):
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={PUBLIC}",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )


def _nginx_conf(folder, overrides):
    """A whole nginx.conf (non-root: its own pid, logs, temp folders)
    including the rendered site."""
    render = load_render()
    _certificate(folder)
    values = render.variables(
        {
            "public_name": PUBLIC,
            "tls_certificate": str(folder / "cert.pem"),
            "tls_certificate_key": str(folder / "key.pem"),
            **overrides,
        }
    )
    site = folder / "sirhp.conf"
    site.write_text(
        render.render((DEPLOY / "nginx" / "sirhp.conf.template").read_text(), values)
    )
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {site};\n}}\n"
    )
    return conf, site.read_text()


def test_nginx_config_is_valid(folder):
    conf, site = _nginx_conf(folder, {"http_port": "9700", "https_port": "9701"})
    result = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(folder)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "client_max_body_size 77m;" in site
    assert "proxy_set_header Host sirhp.test.ml;" in site
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "max_fails=3 fail_timeout=30s" in site
    assert "\n    least_conn;\n" in site  # the least busy client, not in turn
    assert "/VirtualHostBase/https/sirhp.test.ml:443/sirhp/VirtualHostRoot" in site
    assert "expires 1y;" in site and "immutable" in site


def test_missing_variable_is_an_error():
    render = load_render()
    with pytest.raises(KeyError):
        render.render("server {{nowhere}};", render.variables({}))


def test_systemd_units():
    units = sorted((DEPLOY / "systemd").glob("*.service")) + sorted(
        (DEPLOY / "systemd").glob("*.timer")
    )
    assert {unit.name for unit in units} >= {
        "sirhp-zeo.service",
        "sirhp-client@.service",
        "sirhp-worker.service",
        "sirhp-daily.service",
        "sirhp-daily.timer",
    }
    for unit in units:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(unit)
        if unit.suffix == ".service":
            service = parser["Service"]
            assert service["User"] == "sirhp"
            assert service["NoNewPrivileges"] == "yes"
            assert service["ProtectSystem"] == "strict"
            if service.get("Type") != "oneshot":
                assert service["Restart"] == "on-failure"
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze missing: units parsed only")
    # verify needs the named binaries and user to exist; in a container
    # without systemd as PID 1 only its syntax findings are meaningful
    result = subprocess.run(
        [analyze, "verify", *map(str, units)], capture_output=True, text=True
    )
    syntax = [
        line
        for line in result.stderr.splitlines()
        if "Unknown key" in line or "Unknown section" in line or "bad" in line.lower()
    ]
    assert not syntax, result.stderr


def test_logrotate_and_supervisor_and_cron(folder):
    logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
    if os.path.exists(logrotate):
        config = (DEPLOY / "logrotate" / "sirhp").read_text()
        assert "su sirhp sirhp" in config
        try:
            pwd.getpwnam("sirhp")
        except KeyError:  # no sirhp account on a test machine
            config = config.replace("su sirhp sirhp", "su root root")
        (folder / "logrotate").write_text(config)
        result = subprocess.run(
            [logrotate, "-d", "-s", str(folder / "state"), str(folder / "logrotate")],
            capture_output=True,
            text=True,
        )
        assert "error" not in result.stderr.lower().replace("errors", ""), result.stderr
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(DEPLOY / "supervisor" / "sirhp.conf")
    programs = [s for s in parser.sections() if s.startswith("program:")]
    assert len(programs) == 4
    for section in programs:
        assert parser[section]["user"] == "sirhp"
    cron = (DEPLOY / "cron" / "sirhp").read_text()
    for task in (
        "daily.py",
        "make -C /opt/sirhp backup",
        "zeopack",
        "audit_journal.py",
    ):
        assert task in cron


def test_nginx_proxies_health_with_the_fixed_host(functional, folder, monkeypatch):
    from sirhp.policy.health import views

    portal = functional["portal"]
    zope = urlsplit(portal.absolute_url())
    seen = {}
    report = views.checks.report

    def spy(site, now=None):
        seen["host"] = site.REQUEST.get_header("Host")
        seen["forwarded"] = site.REQUEST.get_header("X-Forwarded-For")
        return report(site, now)

    monkeypatch.setattr(views.checks, "report", spy)
    http_port, https_port = free_ports(2)
    conf, _ = _nginx_conf(
        folder,
        {
            "http_port": str(http_port),
            "https_port": str(https_port),
            "clients": zope.netloc,
            "site_id": zope.path.strip("/"),
        },
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        url = f"https://127.0.0.1:{https_port}/health"
        deadline = time.monotonic() + 15
        while True:
            try:
                response = requests.get(
                    url,
                    headers={"Host": PUBLIC, "X-Forwarded-For": "6.6.6.6"},
                    verify=False,
                    timeout=10,
                )
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "ok"
        assert seen["host"] == PUBLIC
        assert seen["forwarded"] == "127.0.0.1"
        # another name is closed without an answer
        with pytest.raises(requests.RequestException):
            requests.get(url, headers={"Host": "evil.example"}, verify=False, timeout=5)
    finally:
        process.terminate()
        process.wait(10)
