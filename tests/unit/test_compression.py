"""The gzip filter of the zope.ini pipeline (sirhp.policy.weight.compression)."""

import gzip
from paste.deploy import loadfilter
from pathlib import Path
import pytest
from scripts.make_instance import make
from sirhp.policy.weight.compression import GzipFilter
from webob import Request

HTML = ("<html><body>" + "Dossier du personnel. " * 200 + "</body></html>").encode()


def app_for(body, content_type="text/html", status="200 OK", headers=()):
    def app(environ, start_response):
        start_response(
            status,
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(body))),
                *headers,
            ],
        )
        return [body]

    return app


def get(app, accept="gzip, deflate", method="GET"):
    request = Request.blank("/", method=method)
    if accept:
        request.headers["Accept-Encoding"] = accept
    return request.get_response(app)


def test_html_is_gzipped_with_vary_and_length():
    response = get(GzipFilter(app_for(HTML, "text/html; charset=utf-8")))
    assert response.content_encoding == "gzip"
    assert "Accept-Encoding" in response.vary
    assert response.content_length == len(response.body) < len(HTML) / 5
    assert gzip.decompress(response.body) == HTML


@pytest.mark.parametrize(
    "content_type",
    ["text/css", "application/javascript", "text/javascript", "application/json"],
)
def test_css_js_json_are_gzipped(content_type):
    response = get(GzipFilter(app_for(HTML, content_type)))
    assert response.content_encoding == "gzip"


def test_client_without_gzip_gets_plain_body_and_vary():
    response = get(GzipFilter(app_for(HTML)), accept=None)
    assert response.content_encoding is None
    assert response.body == HTML
    assert "Accept-Encoding" in response.vary


def test_small_body_stays_plain():
    response = get(GzipFilter(app_for(b"<p>ok</p>")))
    assert response.content_encoding is None
    assert response.body == b"<p>ok</p>"


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png"])
def test_binary_downloads_pass_through(content_type):
    response = get(GzipFilter(app_for(HTML, content_type)))
    assert response.content_encoding is None
    assert response.vary is None
    assert response.body == HTML


def test_partial_encoded_no_transform_and_head_pass_through():
    partial = app_for(HTML, status="206 Partial Content")
    assert get(GzipFilter(partial)).content_encoding is None
    no_transform = app_for(HTML, headers=[("Cache-Control", "no-transform")])
    assert get(GzipFilter(no_transform)).content_encoding is None
    encoded = app_for(gzip.compress(HTML), headers=[("Content-Encoding", "gzip")])
    assert gzip.decompress(get(GzipFilter(encoded)).body) == HTML
    assert get(GzipFilter(app_for(HTML)), method="HEAD").content_encoding is None


def test_strong_etag_becomes_weak():
    app = app_for(HTML, headers=[("ETag", '"abc"')])
    assert get(GzipFilter(app)).headers["ETag"] == 'W/"abc"'


def test_zope_ini_pipeline_has_the_filter(tmp_path):
    etc = make("gz", port=10599, base=tmp_path)
    ini = (etc / "zope.ini").read_text()
    pipeline = ini.split("[pipeline:main]")[1]
    assert pipeline.index("gzip") < pipeline.index("zope")
    middleware = loadfilter(f"config:{Path(etc, 'zope.ini')}", name="gzip")(
        app_for(HTML)
    )
    assert isinstance(middleware, GzipFilter)
    assert middleware.min_size == 1024
    assert get(middleware).content_encoding == "gzip"


def test_gzip_refused_with_q0():
    response = get(GzipFilter(app_for(HTML)), accept="gzip;q=0, identity")
    assert response.content_encoding is None
