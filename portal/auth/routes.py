"""Log in, log out, forgotten password, invitation."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import limiter
from ..forms import ActionForm
from ..i18n import language
from ..permissions import member_required, public
from ..security import safe_next
from . import bp, services
from .forms import AcceptInvitationForm, ForgotPasswordForm, LoginForm, ResetPasswordForm


def _login_account_key():
    return "login-account:" + services.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMITS"], methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_LIMITS"], methods=["POST"],
               key_func=_login_account_key)
@public
def login():
    """The login form; on success the user goes where they were heading (on this site only)."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data))
        flash(_("The email or password is not right."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@member_required
def logout():
    """End every session of this user, on every device."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    services.end_sessions(current_user._get_current_object())
    logout_user()
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
        login_user(user)
        flash(_("Welcome! Your account is ready."), "success")
        return redirect(url_for("account.dashboard"))
    return render_template("auth/invitation.html", form=form, invitation=invitation)
