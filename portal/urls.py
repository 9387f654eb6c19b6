"""Links that leave the page (mail, calendars, exports) point at the portal's public address.

With ``PUBLIC_BASE_URL`` set, a link never depends on the request's ``Host`` header, which the
client chooses: a reset link mailed after a request for ``Host: evil.example`` still points
here. Without it (development), links follow the request, as ``url_for`` does.
"""
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint, **values):
    """The absolute address of ``endpoint`` for use outside the page."""
    base = current_app.config.get("PUBLIC_BASE_URL") or ""
    if not base:
        if not has_request_context() and not current_app.config.get("SERVER_NAME"):
            raise RuntimeError("PUBLIC_BASE_URL is needed to build links outside a request.")
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def init_app(app):
    app.jinja_env.globals["external_url"] = external_url
