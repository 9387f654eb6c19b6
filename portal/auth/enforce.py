"""Accounts that must have a second factor are sent to enrol before anything else; the
secretariat sees a reminder where it is optional."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from . import two_factor

# What an account that must enrol may still reach: the security page itself (and its forms),
# the password confirmation, logging out, and the static files.
ALLOWED = {"static", "auth.logout", "account.confirm"}


def _allowed(endpoint):
    return endpoint is None or endpoint in ALLOWED or endpoint.startswith("account.security")


def init_app(app):
    @app.before_request
    def _second_factor_required():
        if _allowed(request.endpoint) or not current_user.is_authenticated:
            return None
        if two_factor.must_enrol(current_user):
            flash(_("Your account needs two-factor login. Set it up to continue."), "error")
            return redirect(url_for("account.security"))
        return None

    def two_factor_reminder():
        """For base.html: show the secretariat the reminder to set up two-factor login."""
        return bool(current_user and current_user.is_authenticated
                    and two_factor.reminder_due(current_user))

    app.jinja_env.globals["two_factor_reminder"] = two_factor_reminder
