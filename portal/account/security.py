"""Account security: two-factor login, active sessions, and confirming the password again."""
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import sessions, totp, two_factor
from ..extensions import limiter
from ..forms import ActionForm
from ..permissions import member_required, recent_auth_required
from ..security import check_password, safe_next
from . import bp
from .forms import ConfirmForm, DisableTwoFactorForm, EnrolForm


def _user():
    return current_user._get_current_object()


@bp.route("/account/security")
@member_required
def security():
    """Two-factor login (status, set up, turn off) and the devices where the user is logged in."""
    user = _user()
    return render_template(
        "account/security.html", user=user, current=sessions.current(),
        active=sessions.active_sessions(user), required=two_factor.required_for(user),
        codes_left=two_factor.remaining_recovery_codes(user) if user.has_two_factor else 0,
        disable_form=DisableTwoFactorForm())


def _pending_secret():
    return totp.decrypt(session.get("totp_pending") or "")


@bp.route("/account/security/two-factor", methods=["GET", "POST"])
@member_required
@recent_auth_required
def security_enrol():
    """Scan the QR code with an authenticator app and confirm with its code; the ten recovery
    codes are shown once, right after."""
    user = _user()
    if user.has_two_factor:
        return redirect(url_for("account.security"))
    secret = _pending_secret()
    if secret is None:
        secret = totp.new_secret()
        session["totp_pending"] = totp.encrypt(secret)
    form = EnrolForm()
    if form.validate_on_submit():
        codes = two_factor.enable(user, secret, form.code.data)
        if codes is not None:
            session.pop("totp_pending", None)
            flash(_("Two-factor login is on."), "success")
            response = current_app.make_response(render_template("account/recovery_codes.html",
                                                                  codes=codes))
            response.headers["Cache-Control"] = "no-store"
            return response
        form.code.errors.append(_("This code is not right. Check the time on your phone and "
                                  "enter the code the app shows now."))
    uri = totp.provisioning_uri(secret, user.email)
    return render_template("account/two_factor_enrol.html", form=form, secret=secret,
                           qr=totp.qr_svg(uri, _("QR code to scan with an authenticator app")))


@bp.route("/account/security/two-factor/disable", methods=["POST"])
@member_required
@recent_auth_required
def security_disable():
    """Turn two-factor login off (password and a code needed)."""
    user = _user()
    form = DisableTwoFactorForm()
    if user.has_two_factor and form.validate_on_submit():
        try:
            two_factor.disable(user, form.password.data, form.code.data)
        except two_factor.Refused as refused:
            if refused.field == "password":
                form.password.errors.append(_("The password is not right."))
            else:
                form.code.errors.append(_("This code is not right, or it has already been used."))
        else:
            flash(_("Two-factor login is off."), "success")
            return redirect(url_for("account.security"))
    return render_template(
        "account/security.html", user=user, current=sessions.current(),
        active=sessions.active_sessions(user), required=two_factor.required_for(user),
        codes_left=two_factor.remaining_recovery_codes(user) if user.has_two_factor else 0,
        disable_form=form), 400


@bp.route("/account/security/sessions/<int:session_id>/end", methods=["POST"])
@member_required
def security_end_session(session_id):
    """Log out one device."""
    if not ActionForm().validate_on_submit():
        abort(400)
    current = sessions.current()
    if not sessions.revoke(_user(), session_id):
        abort(404)
    if current is not None and current.id == session_id:
        sessions.end_current(_user())
        return redirect(url_for("public.home"))
    flash(_("That device has been logged out."), "success")
    return redirect(url_for("account.security"))


@bp.route("/account/security/sessions/end-others", methods=["POST"])
@member_required
def security_end_others():
    """Log out every device but this one."""
    if not ActionForm().validate_on_submit():
        abort(400)
    ended = sessions.revoke_others(_user())
    flash(_("Logged out on every other device."), "success" if ended else "info")
    return redirect(url_for("account.security"))


def _confirm_key():
    return "confirm:%s" % (current_user.get_id() if current_user.is_authenticated else "-")


@bp.route("/account/confirm", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["CONFIRM_LIMITS"], methods=["POST"], key_func=_confirm_key)
@member_required
def confirm():
    """Give the password (or an app code) again before a sensitive action, then go back to it."""
    user = _user()
    form = ConfirmForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        password, code = form.password.data or "", form.code.data or ""
        ok = bool(password) and check_password(user.password_hash, password)
        if not ok and code and user.has_two_factor:
            ok = two_factor.verify(user, code, allow_recovery=False) == "totp"
        if ok:
            sessions.confirm(user)
            return redirect(safe_next(form.next.data))
        form.password.errors.append(_("The password or code is not right."))
    return render_template("account/confirm.html", form=form)
