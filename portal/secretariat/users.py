"""Accounts: list and filter, invite, change role or organisation, deactivate, reactivate."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ActionForm
from ..members import services as member_services
from ..pagination import paginate
from ..permissions import may_manage_user, recent_auth_required, secretariat_required
from . import bp, queries
from .forms import ChangeRoleForm, InviteForm, UserFilterForm


@bp.route("/users")
@secretariat_required
def users():
    """Every account, filtered by organisation, role, and name or email."""
    form = UserFilterForm()
    form.set_orgs(queries.all_orgs())
    form.validate()
    text = form.q.data if not form.q.errors else ""
    page = paginate(queries.users_query(form.choice("org"), form.choice("role"), text or ""))
    return render_template("secretariat/users.html", page=page, form=form)


@bp.route("/users/invitations")
@secretariat_required
def invitations():
    """Invitations sent and not used yet, with who sent them and when they expire."""
    page = paginate(queries.pending_invitations_query())
    return render_template("secretariat/invitations.html", page=page)


@bp.route("/users/invite", methods=["GET", "POST"])
@secretariat_required
def invite():
    """Invite a member of an organisation, a focal point, or a secretariat colleague by email."""
    form = InviteForm()
    form.set_orgs(queries.all_orgs(active_only=True))
    if request.method == "GET" and request.args.get("org"):
        form.preselect(request.args["org"])
    if form.validate_on_submit():
        try:
            member_services.invite(current_user, form.email.data, form.name.data,
                                   form.role.data, form.chosen_org(), form.org_admin.data)
        except member_services.NotAllowed:
            abort(403)
        except member_services.AccountExists:
            form.email.errors.append(_("An account with this email already exists."))
        else:
            flash(_("The invitation has been sent to %(email)s. It is valid for 72 hours.",
                    email=form.email.data), "success")
            return redirect(url_for("secretariat.invitations"))
    return render_template("secretariat/invite.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@secretariat_required
@recent_auth_required(methods=("POST",))
def user_detail(user_id):
    """One account: its details, and a form to change its role, organisation or focal-point flag."""
    target = queries.user_or_404(user_id)
    current = {"role": target.role, "org": str(target.org_id or ""), "org_admin": target.is_org_admin}
    form = ChangeRoleForm(data=current) if request.method == "GET" else ChangeRoleForm()
    orgs = queries.all_orgs(active_only=True)
    if target.org is not None and not target.org.active:
        orgs.append(target.org)
    form.set_orgs(orgs)
    manageable = may_manage_user(current_user, target)
    if request.method == "POST" and not manageable:
        flash(_("You cannot change your own account here. "
                "Ask another member of the secretariat."), "error")
        return redirect(url_for("secretariat.user_detail", user_id=target.id))
    if form.validate_on_submit():
        try:
            member_services.change_role(current_user, target, form.role.data, form.chosen_org(),
                                        form.org_admin.data)
        except member_services.NotAllowed:
            abort(403)
        flash(_("The account of %(name)s has been updated.", name=target.name), "success")
        return redirect(url_for("secretariat.user_detail", user_id=target.id))
    return render_template("secretariat/user.html", target=target, form=form, manageable=manageable)


def _set_active(user_id, active):
    target = queries.user_or_404(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        member_services.set_active(current_user, target, active)
    except member_services.NotAllowed:
        flash(_("You cannot deactivate your own account. "
                "Ask another member of the secretariat."), "error")
    else:
        if active:
            flash(_("%(name)s can log in again.", name=target.name), "success")
        else:
            flash(_("%(name)s can no longer log in.", name=target.name), "success")
    return redirect(url_for("secretariat.user_detail", user_id=target.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@secretariat_required
@recent_auth_required
def user_deactivate(user_id):
    """Deactivate an account: every session of that person ends at once."""
    return _set_active(user_id, False)


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@secretariat_required
@recent_auth_required
def user_reactivate(user_id):
    """Let a deactivated account log in again."""
    return _set_active(user_id, True)
