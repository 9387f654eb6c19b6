"""The mail outbox: what the portal has sent or will send, readable even without a mail server."""
import time

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import mail, mail_delivery
from ..forms import ActionForm
from ..i18n import format_number
from ..pagination import paginate
from ..permissions import secretariat_required
from . import bp, queries
from .forms import OutboxFilterForm


@bp.route("/outbox")
@secretariat_required
def outbox():
    """Mail newest first, all or only pending, failed or sent, with its state and errors."""
    form = OutboxFilterForm()
    page = paginate(queries.outbox_query(form.choice("status")))
    return render_template("secretariat/outbox.html", page=page, form=form,
                           smtp_configured=mail.smtp_configured())


@bp.route("/outbox/<int:mail_id>")
@secretariat_required
def outbox_mail(mail_id):
    """One message in full: recipient, subject, body and delivery state; "send again" if failed."""
    message = queries.mail_or_404(mail_id)
    return render_template("secretariat/outbox_mail.html", message=message, form=ActionForm(),
                           give_up_hours=format_number(current_app.config["MAIL_GIVE_UP_AFTER_HOURS"]))


@bp.route("/outbox/<int:mail_id>/send-again", methods=["POST"])
@secretariat_required
def outbox_send_again(mail_id):
    """Put a mail that was given up back in the queue; the sender tries it at once."""
    message = queries.mail_or_404(mail_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        mail_delivery.send_again(current_user, message)
    except mail_delivery.AlreadySent:
        flash(_("This mail was sent already."), "info")
    else:
        flash(_("It will be sent again in the next few minutes; this page shows how it went."),
              "success")
    return redirect(url_for("secretariat.outbox_mail", mail_id=mail_id))


@bp.route("/outbox/send", methods=["POST"])
@secretariat_required
def outbox_send():
    """Try the pending mail now, even mail waiting for its next try, within a short time."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if not mail.smtp_configured():
        flash(_("No mail server is configured, so nothing was sent. The mail stays in the outbox, "
                "where you can read it."), "error")
        return redirect(url_for("secretariat.outbox"))
    budget = current_app.config["MAIL_REQUEST_BUDGET"]
    result = mail_delivery.deliver(force=True, timeout=budget, deadline=time.monotonic() + budget)
    sent, failed = format_number(result.sent), format_number(result.failed)
    if result.failed:
        flash(_("%(sent)s sent, %(failed)s failed. Failed mail is tried again later.",
                sent=sent, failed=failed), "error")
    elif result.sent:
        flash(_("%(sent)s sent.", sent=sent), "success")
    elif not result.left:
        flash(_("There was no mail waiting to be sent."), "info")
    if result.left:
        flash(_("%(left)s more are left for the mail sender, which sends them shortly.",
                left=format_number(result.left)), "info")
    return redirect(url_for("secretariat.outbox"))
