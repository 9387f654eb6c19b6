"""The POST buttons a member uses on their own submission (submit, archive, withdraw), shared by
every moderated kind: check the CSRF token, run the service, say how it went, go back to the page."""
from flask import abort, flash, redirect, url_for
from flask_login import current_user

from ..forms import ActionForm


def run(item, service, success, refusals):
    """Call ``service(item, user)``; ``refusals`` maps an exception class to (message, category).

    ``success`` is the message shown when the service succeeds (or a function of the item).
    """
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        service(item, current_user._get_current_object())
    except tuple(refusals) as exc:
        message, category = next(v for cls, v in refusals.items() if isinstance(exc, cls))
        flash(message, category)
    else:
        flash(success(item) if callable(success) else success, "success")
    return redirect(url_for(".detail", id=item.id))
