"""Log in, log out, forgotten password, invitation."""
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user

from ..extensions import db, limiter
from ..forms import ActionForm
from ..i18n import format_number, language
from ..models import User
from ..permissions import member_required, public
from ..security import safe_next, token_hash
from . import bp, services, sessions, throttle, two_factor
from .forms import AcceptInvitationForm, ForgotPasswordForm, LoginCodeForm, LoginForm, ResetPasswordForm


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@public
def login():
    """The login form; on success the user goes where they were heading (on this site only),
    after a second step when the account has two-factor login."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        wait = throttle.wait_seconds(services.normalise_email(form.email.data))
        if wait:
            form.password.errors.append(ngettext(
                "Too many wrong passwords for this account. Wait %(seconds)s second, then try again.",
                "Too many wrong passwords for this account. Wait %(seconds)s seconds, then try again.",
                wait, seconds=format_number(wait)))
            return render_template("auth/login.html", form=form), 429
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.has_two_factor:
            session["two_factor"] = {"user": user.id, "token": token_hash(user.session_token),
                                     "at": sessions.now().timestamp(), "tries": 0,
                                     "remember": bool(form.remember.data), "next": form.next.data or ""}
            return redirect(url_for("auth.login_code"))
        if user is not None:
            sessions.start(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data))
        flash(_("The email or password is not right."), "error")
    return render_template("auth/login.html", form=form)


def _pending_user():
    """The user who gave the right password in the last few minutes on this browser."""
    pending = session.get("two_factor")
    if not isinstance(pending, dict):
        return None
    age = sessions.now().timestamp() - float(pending.get("at", 0))
    if age > current_app.config["TWO_FACTOR_PENDING"].total_seconds() or pending.get("tries", 0) >= 5:
        session.pop("two_factor", None)
        return None
    user = db.session.get(User, pending.get("user"))
    if user is None or not user.is_active or token_hash(user.session_token) != pending.get("token"):
        return None
    return user


def _pending_key():
    pending = session.get("two_factor")
    return "login-code:%s" % (pending.get("user") if isinstance(pending, dict) else "-")


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["TWO_FACTOR_LIMITS"], methods=["POST"], key_func=_pending_key)
@public
def login_code():
    """The second step of logging in: a code from the authenticator app or a recovery code."""
    user = _pending_user()
    if user is None:
        flash(_("Please log in again: the code must be entered within 5 minutes of the password."),
              "info")
        return redirect(url_for("auth.login"))
    form = LoginCodeForm()
    if form.validate_on_submit():
        pending = session["two_factor"]
        used = two_factor.verify(user, form.code.data)
        if used:
            sessions.start(user, remember=pending.get("remember"))
            if used == "recovery":
                left = two_factor.remaining_recovery_codes(user)
                flash(ngettext("You used a recovery code; it cannot be used again. "
                               "%(n)s recovery code is left.",
                               "You used a recovery code; it cannot be used again. "
                               "%(n)s recovery codes are left.", left, n=format_number(left)), "info")
            return redirect(safe_next(pending.get("next")))
        pending["tries"] = pending.get("tries", 0) + 1
        session["two_factor"] = pending
        form.code.errors.append(_("This code is not right, or it has already been used."))
    return render_template("auth/login_code.html", form=form)


@bp.route("/logout", methods=["POST"])
@member_required
def logout():
    """Log out on this device (other devices are logged out from the account security page)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    sessions.end_current(current_user._get_current_object())
    flash(_("You have logged out."), "info")
    return redirect(url_for("public.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMITS"], methods=["POST"])
@public
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_reset(form.email.data)
        flash(_("If this address has an account, a link to reset the password is on its way."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    """Choose a new password through a single-use emailed link."""
    reset = services.valid_reset(token)
    if reset is None:
        return render_template("auth/link_invalid.html"), 404
    form = ResetPasswordForm(account_email=reset.user.email, account_name=reset.user.name)
    if form.validate_on_submit():
        services.reset_password(reset, form.password.data)
        flash(_("Your password has been changed. Log in with the new one."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token):
    """Create an account from an invitation: the role and organisation come from the invitation."""
    invitation = services.valid_invitation(token)
    if invitation is None:
        return render_template("auth/link_invalid.html"), 404
    form = AcceptInvitationForm(name=invitation.name or None, account_email=invitation.email)
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, form.name.data, form.password.data, language())
        except services.InvitationProblem:
            flash(_("This invitation can no longer be used. Ask the secretariat for a new one."), "error")
            return redirect(url_for("auth.login"))
        if current_user.is_authenticated:
            logout_user()
        sessions.start(user, action=None)
        flash(_("Welcome! Your account is ready."), "success")
        return redirect(url_for("account.dashboard"))
    return render_template("auth/invitation.html", form=form, invitation=invitation)
