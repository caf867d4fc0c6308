"""Render the instance templates (instance/*.in) into var/<name>/etc/.

Usage: python scripts/make_instance.py NAME [--port 8080] [--host 127.0.0.1]
       [--zeo 127.0.0.1:8100] [--var DIR]

The Zope client listens on 127.0.0.1 by default: in production only the
front end (nginx, on the same host) reaches it. ``--host 0.0.0.0`` (or a
private address) only when the front end runs on another machine of a
closed network, or to try the demo from another computer.

Without --zeo the instance owns an embedded FileStorage in var/NAME/; with
--zeo it is a ZEO client of that server (its blobs shared with the server's
folder given by --var).
"""

import argparse
from pathlib import Path
import shutil

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "instance"
# loopback only: the front end on the same host is the way in
DEFAULT_HOST = "127.0.0.1"


def render(name, text, **values):
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def make(name, port=8080, host=DEFAULT_HOST, zeo=None, var=None, base=None):
    """Write the instance NAME into BASE/NAME (BASE defaults to ROOT/var)."""
    home = (Path(base).resolve() if base else ROOT / "var") / name
    var = Path(var).resolve() if var else home
    etc = home / "etc"
    for folder in (
        etc,
        var / "log",
        var / "cache",
        var / "filestorage",
        var / "blobstorage",
        var / "mail",
        home / "log",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    if zeo:
        storage = render(
            "s", (TEMPLATES / "storage-zeoclient.conf.in").read_text(), zeo_address=zeo
        )
    else:
        storage = (TEMPLATES / "storage-filestorage.conf.in").read_text()
    conf = render(
        "zope.conf",
        (TEMPLATES / "zope.conf.in").read_text(),
        instance=home,
        var=var,
        storage=storage,
    )
    (etc / "zope.conf").write_text(conf)
    (etc / "zope.ini").write_text(
        render(
            "zope.ini",
            (TEMPLATES / "zope.ini.in").read_text(),
            host=host,
            port=port,
            var=home,
        )
    )
    shutil.copy(TEMPLATES / "site.zcml", etc / "site.zcml")
    if zeo:
        (etc / "zeo.conf").write_text(
            render(
                "zeo.conf",
                (TEMPLATES / "zeo.conf.in").read_text(),
                zeo_address=zeo,
                var=var,
            )
        )
    return etc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="listen address (default: loopback)"
    )
    parser.add_argument("--zeo", default=None, help="ZEO server address host:port")
    parser.add_argument("--var", default=None, help="data folder (ZEO: the shared one)")
    parser.add_argument("--base", default=None, help="parent of the instance (var/)")
    args = parser.parse_args()
    etc = make(
        args.name,
        port=args.port,
        host=args.host,
        zeo=args.zeo,
        var=args.var,
        base=args.base,
    )
    print(f"instance written to {etc}")


if __name__ == "__main__":
    main()
