"""What every response says of its security: the Content-Security-Policy (the admin's own under its prefix),
no request from the admin to another host, and the headers and cookies Django sets."""

from csp.constants import NONCE, NONE, SELF

# Content-Security-Policy (django-csp; portal/csp.py, docs/decisions/0023): scripts and styles only from our own
# static files, or inline with the response's nonce; no 'unsafe-inline', no 'unsafe-eval'. Public pages carry
# no inline script or style at all, so a copy served from the public cache stays valid under a fresh nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The directives the Wagtail admin needs in place of those, under its prefix only (measured in a browser;
# decision 0023): its editors' scripts (Draftail's libraries, wagtail-localize) add <style> elements without a
# nonce, and its page preview frames the page from the admin itself. Its scripts stay nonced.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_DIRECTIVES = {"style-src-elem": [SELF, "'unsafe-inline'"], "frame-ancestors": [SELF]}
# Nothing from outside in the admin either: no avatars from Gravatar, no check for a newer Wagtail, no banner
# about a new version (tests/browser/test_admin_outside_requests.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
