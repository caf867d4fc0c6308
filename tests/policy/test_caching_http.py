"""Caching headers over HTTP (gzip layer, as behind zope.ini): a versioned
bundle is kept a year, a personnel file page is never stored by a shared
cache, and text answers are gzipped with ``Vary: Accept-Encoding``."""

import re
import requests


def _get(url, **kwargs):
    return requests.get(url, timeout=30, **kwargs)


def test_versioned_bundle_cached_a_year(weight_url, testdata):
    portal_url = weight_url
    page = _get(f"{portal_url}/login").text
    # the theme's CSS: versioned and big enough to be gzipped
    bundle = re.search(
        r'href="([^"]*\+\+webresource\+\+[^"]*barceloneta\.min\.css)"', page
    ).group(1)
    response = _get(bundle)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"], (
        bundle,
        dict(response.headers),
    )
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_personnel_file_private(weight_url, testdata):
    portal_url = weight_url
    response = _get(
        f"{portal_url}/{testdata.path_of('pn_validated')}",
        auth=("hrmanager.pn", testdata.PASSWORD),
    )
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "public" not in cache_control
    assert response.headers["Content-Encoding"] == "gzip"


def test_no_gzip_without_accept_encoding(weight_url):
    portal_url = weight_url
    response = _get(f"{portal_url}/login", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
