"""Error pages in the site's layout and the visitor's language."""
from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from .extensions import db

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
        if code == 500:
            continue
        app.register_error_handler(code, lambda e, code=code: render_error(code))

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_error(400)

    @app.errorhandler(500)
    def _server_error(error):
        db.session.rollback()
        app.logger.error("500 on %s", request.path)
        return render_error(500)
