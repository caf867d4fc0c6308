"""Security headers on every response of the SIRHP site."""

from sirhp.policy.interfaces import ISirhpPolicyLayer

# Classic UI needs inline styles and scripts (Plone patterns, TinyMCE);
# everything else comes from the portal itself.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "geolocation=(), microphone=(), camera=(self)",
}


HSTS = "max-age=31536000"


def set_security_headers(event):
    request = event.request
    if not ISirhpPolicyLayer.providedBy(request):
        return  # the Zope root or another site
    response = request.response
    for name, value in SECURITY_HEADERS.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
    if is_https(request):
        # Served over HTTPS (the proxy's virtual host says so): every cookie
        # (the login's __ac, the TOTP and consultation-reason cookies) is
        # Secure, and browsers keep to HTTPS.
        for attributes in response.cookies.values():
            attributes["Secure"] = True
        response.setHeader("Strict-Transport-Security", HSTS)


def is_https(request):
    return request.get("SERVER_URL", "").startswith("https://")
