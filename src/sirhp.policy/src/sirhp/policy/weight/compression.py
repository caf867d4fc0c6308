"""Gzip of text responses, a paste.deploy filter for the zope.ini pipeline.

No maintained WSGI gzip middleware exists on PyPI (``Paste``'s gzipper
buffers every response in memory, PDFs and blob downloads included, and
sends no ``Vary``; ``wsgigzip``/``zif.gzipper`` are unmaintained; the
maintained ones are ASGI, Django or Flask only). The gzip encoding itself
is WebOb's (``Response.encode_content``, maintained, already pinned); this
filter only decides which responses are worth it: HTML, CSS, JavaScript,
JSON, XML and SVG above ``min_size`` bytes, never a partial, already
encoded or ``no-transform`` response, never a HEAD.
"""

from webob import Request

COMPRESSIBLE = (
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "application/json",
    "application/problem+json",
    "application/xml",
    "image/svg+xml",
)
MIN_SIZE = 1024
# above this size a response of known length is streamed through gzip
# (no Content-Length) instead of being compressed in memory first
MAX_BUFFERED = 4 * 1024 * 1024


class GzipFilter:
    """WSGI middleware: gzip eligible responses when the client accepts it."""

    def __init__(self, app, min_size=MIN_SIZE, compress_types=COMPRESSIBLE):
        self.app = app
        self.min_size = int(min_size)
        self.compress_types = frozenset(compress_types)

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.method == "HEAD":
            return self.app(environ, start_response)
        response = request.get_response(self.app, catch_exc_info=True)
        if response.content_type in self.compress_types:
            # caches must keep the gzipped and the plain copy apart
            response.vary = tuple(
                v for v in (response.vary or ()) if v.lower() != "accept-encoding"
            ) + ("Accept-Encoding",)
            if self.worth_it(request, response):
                self.compress(response)
        return response(environ, start_response)

    def worth_it(self, request, response):
        # no header means "identity only" to us (WebOb would accept anything)
        if "HTTP_ACCEPT_ENCODING" not in request.environ:
            return False
        if not request.accept_encoding.acceptable_offers(["gzip"]):
            return False
        if response.status_code != 200 or response.content_encoding:
            return False
        if "no-transform" in (response.headers.get("Cache-Control") or ""):
            return False
        length = response.content_length
        return length is None or length >= self.min_size

    def compress(self, response):
        length = response.content_length
        response.encode_content("gzip", lazy=length is None or length > MAX_BUFFERED)
        etag = response.headers.get("ETag")
        if etag and not etag.startswith("W/"):
            # the gzipped bytes differ from the plain ones: a weak validator
            response.headers["ETag"] = "W/" + etag


def make_filter(app, global_conf, min_size=MIN_SIZE, compress_types=None):
    """paste.deploy ``filter_app_factory`` (``use = egg:sirhp.policy#gzip``).

    :param min_size: smallest body (bytes) worth compressing.
    :param compress_types: whitespace-separated media types, default
        ``COMPRESSIBLE``.
    """
    types = compress_types.split() if compress_types else COMPRESSIBLE
    return GzipFilter(app, min_size=min_size, compress_types=types)
