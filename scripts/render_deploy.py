"""Render the deployment templates (deploy/**/*.template) from variables.

Usage::

    python scripts/render_deploy.py deploy/nginx/sirhp.conf.template \\
        --set public_name=sirhp.police.gov.ml \\
        --set clients=127.0.0.1:8081,127.0.0.1:8082 \\
        --set tls_certificate=/etc/ssl/sirhp/fullchain.pem \\
        --set tls_certificate_key=/etc/ssl/sirhp/privkey.pem \\
        --output /etc/nginx/sites-available/sirhp.conf

Placeholders are ``{{name}}``; an unknown or missing variable is an error,
never an empty string in a production config.
"""

import argparse
from pathlib import Path
import re
from sirhp.content.documents.refusals import DEFAULT_MAX_MB
from sirhp.policy.hardening.body_size import request_limit_mb
import sys

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

DEFAULTS = {
    "public_name": "sirhp.example.ml",
    "site_id": "sirhp",
    "http_port": "80",
    "https_port": "443",
    "clients": "127.0.0.1:8081,127.0.0.1:8082",
    "max_fails": "3",
    "fail_timeout": "30s",
    "tls_certificate": "/etc/ssl/sirhp/fullchain.pem",
    "tls_certificate_key": "/etc/ssl/sirhp/privkey.pem",
    "upload_mb": str(DEFAULT_MAX_MB),
    "home": "/opt/sirhp",
}


def variables(overrides: dict) -> dict:
    """The defaults, the overrides, and the derived values."""
    values = {**DEFAULTS, **overrides}
    values["upstream_servers"] = "\n".join(
        f"    server {client.strip()} max_fails={values['max_fails']} "
        f"fail_timeout={values['fail_timeout']};"
        for client in values["clients"].split(",")
        if client.strip()
    )
    values["client_max_body_size"] = f"{request_limit_mb(int(values['upload_mb']))}m"
    return values


def render(text: str, values: dict) -> str:
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            parser.error(f"NAME=VALUE expected, not {item!r}")
        overrides[name] = value
    text = render(args.template.read_text(), variables(overrides))
    if args.output:
        args.output.write_text(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
