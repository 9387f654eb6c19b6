"""Dashboard and password change."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import services as auth_services
from ..auth import sessions
from ..pagination import paginate
from ..permissions import member_required
from ..security import check_password
from . import bp, panels, services
from .forms import ChangePasswordForm


@bp.route("/dashboard")
@member_required
def dashboard():
    """The user's organisation and colleagues, and what they can do next."""
    user = current_user._get_current_object()
    return render_template("account/dashboard.html", user=user, org=user.org,
                           colleagues=paginate(services.colleagues_query(user)),
                           panels=panels.render_for(user))


@bp.route("/account/password", methods=["GET", "POST"])
@member_required
def change_password():
    """Change one's password (the current one is needed); other sessions end."""
    form = ChangePasswordForm(account_email=current_user.email, account_name=current_user.name)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not check_password(user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is not right."))
        else:
            auth_services.change_password(user, form.password.data)
            sessions.carry_over(user)  # keep this session, on the new token
            flash(_("Your password has been changed. You were logged out everywhere else."), "success")
            return redirect(url_for("account.dashboard"))
    return render_template("account/password.html", form=form)
