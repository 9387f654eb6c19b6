"""Error pages in the site's layout and the visitor's language."""
from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

from .extensions import db
from .logs import log_denial

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account does not allow this.")),
    404: (_l("Page not found"), _l("This page does not exist, or you cannot see it.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("File too large"), _l("What you sent is larger than the portal accepts.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a few minutes and try again.")),
    500: (_l("Something went wrong"), _l("The portal hit an error. Nothing you typed was saved; please try again later.")),
}


def render_error(code):
    title, message = MESSAGES[code]
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app):
    for code in MESSAGES:
        if code in (403, 429, 500):
            continue
        app.register_error_handler(code, lambda e, code=code: render_error(code))

    @app.errorhandler(403)
    def _forbidden(error):
        log_denial(403)
        return render_error(403)

    @app.errorhandler(429)
    def _too_many(error):
        log_denial(429, str(getattr(error, "description", "") or ""))
        return render_error(429)

    @app.errorhandler(SecurityError)
    def _untrusted_host(error):
        # The request named a host this portal does not serve (TRUSTED_HOSTS): no page can be
        # built for it, so the answer is plain text in both languages.
        app.logger.warning("refused host %r for %s", request.environ.get("HTTP_HOST", ""), request.path)
        return ("Bad request: unknown host.\nطلب غير صالح: عنوان غير معروف.\n", 400,
                {"Content-Type": "text/plain; charset=utf-8"})

    @app.errorhandler(CSRFError)
    def _csrf(error):
        log_denial(400, "CSRF: " + error.description)
        return render_error(400)

    @app.errorhandler(500)
    def _server_error(error):
        db.session.rollback()
        app.logger.error("500 on %s", request.path)
        return render_error(500)
