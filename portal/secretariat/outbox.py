"""The mail outbox: what the portal has sent or will send, readable even without a mail server."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import mail
from ..forms import ActionForm
from ..pagination import paginate
from ..permissions import secretariat_required
from . import bp, queries
from .forms import OutboxFilterForm


@bp.route("/outbox")
@secretariat_required
def outbox():
    """Mail newest first, all or only pending, failed or sent, with attempts and errors."""
    form = OutboxFilterForm()
    page = paginate(queries.outbox_query(form.choice("status")))
    return render_template("secretariat/outbox.html", page=page, form=form,
                           smtp_configured=mail.smtp_configured(), max_attempts=mail.MAX_ATTEMPTS)


@bp.route("/outbox/<int:mail_id>")
@secretariat_required
def outbox_mail(mail_id):
    """One message in full: recipient, subject, body and delivery state."""
    message = queries.mail_or_404(mail_id)
    return render_template("secretariat/outbox_mail.html", message=message,
                           max_attempts=mail.MAX_ATTEMPTS)


@bp.route("/outbox/send", methods=["POST"])
@secretariat_required
def outbox_send():
    """Try to deliver the pending mail now, and say how it went."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if not mail.smtp_configured():
        flash(_("No mail server is configured, so nothing was sent. The mail stays in the outbox, "
                "where you can read it."), "error")
    else:
        sent, failed = mail.deliver_pending()
        if failed:
            flash(_("%(sent)d sent, %(failed)d failed. Failed mail is tried again later.",
                    sent=sent, failed=failed), "error")
        elif sent:
            flash(_("%(sent)d sent.", sent=sent), "success")
        else:
            flash(_("There was no mail waiting to be sent."), "info")
    return redirect(url_for("secretariat.outbox"))
