"""Who may do what: route classifications and object rules, for views and templates alike.

Every view is classified with one of the decorators below; a test walks the URL map and
fails on a route without a classification. Not logged in → login page; logged in but not
allowed → 403. Object rules (``may_*``) answer for one user and one object.
"""
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .extensions import login_manager
from .security import safe_next

PUBLIC = "public"
MEMBER = "member"
ORG_ADMIN = "org_admin"
SECRETARIAT = "secretariat"
LEVELS = (PUBLIC, MEMBER, ORG_ADMIN, SECRETARIAT)


def _classified(level, check=None):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if level != PUBLIC:
                if not current_user.is_authenticated:
                    return login_manager.unauthorized()
                if check is not None and not check(current_user):
                    abort(403)
            return view(*args, **kwargs)

        wrapper.access_level = level
        return wrapper

    return decorator


def is_secretariat(user):
    return bool(user and user.is_authenticated and user.role == "secretariat")


def is_org_admin(user):
    """A focal point of a member organisation (the secretariat may act as one too)."""
    return bool(user and user.is_authenticated and (user.is_org_admin or is_secretariat(user)))


public = _classified(PUBLIC)
member_required = _classified(MEMBER)
org_admin_required = _classified(ORG_ADMIN, is_org_admin)
secretariat_required = _classified(SECRETARIAT, is_secretariat)


def _page_holding_the_button():
    """Where a POST came from (this site only): the confirmation leads back there, and the
    POST itself is not replayed."""
    parts = urlsplit(request.referrer or "")
    if parts.netloc and parts.netloc != request.host:
        return safe_next(None)
    return safe_next(parts.path + ("?" + parts.query if parts.query else "") if parts.path else None)


def recent_auth_required(view=None, methods=None):
    """Sensitive actions: the password (or a code) must have been given on this device in the
    last RECENT_AUTH_MINUTES; otherwise the user confirms it first at /account/confirm.

    ``methods`` limits the check to some methods (e.g. only the POST of a page with a form).
    Put it under the route's classification decorator.
    """
    def decorator(inner):
        @wraps(inner)
        def wrapper(*args, **kwargs):
            from .auth import sessions

            checked = methods is None or request.method in methods
            if checked and current_user.is_authenticated and not sessions.recently_confirmed():
                if request.method == "GET":
                    target = safe_next(request.full_path.rstrip("?"))
                else:
                    target = _page_holding_the_button()
                flash(_("For your security, confirm your password to continue."), "info")
                return redirect(url_for("account.confirm", next=target))
            return inner(*args, **kwargs)

        wrapper.recent_auth = True
        return wrapper

    return decorator(view) if view is not None else decorator


def classify(view, level):
    """Classify a view registered by a library (e.g. ``static``)."""
    view.access_level = level
    return view


# --- object rules ---------------------------------------------------------------------------

def may_manage_org(user, org):
    """Edit an organisation's profile and staff: its focal points and the secretariat."""
    if is_secretariat(user):
        return True
    return bool(is_org_admin(user) and org is not None and user.org_id == org.id)


def may_manage_user(actor, target):
    """Deactivate or change a user: the secretariat, or a focal point for their own staff."""
    if is_secretariat(actor):
        return actor.id != target.id
    return bool(
        is_org_admin(actor)
        and target.role == "member"
        and target.org_id == actor.org_id
        and target.id != actor.id
    )


def may_invite(actor, role, org):
    """Invite someone: the secretariat anyone; a focal point only members of their own org."""
    if is_secretariat(actor):
        return role == "secretariat" or org is not None
    return bool(is_org_admin(actor) and role == "member" and org is not None and org.id == actor.org_id)


def may_import_activities(user, org):
    """Import activities into ``org`` from a spreadsheet: its own staff, or the secretariat on
    its behalf; never into an inactive organisation."""
    if org is None or not org.active or not (user and user.is_authenticated):
        return False
    if is_secretariat(user):
        return True
    return user.role == "member" and user.org_id == org.id


def may_use_import(user, batch):
    """See and confirm an import's preview: only whoever uploaded the file, while they may
    still import into its organisation."""
    return bool(user and user.is_authenticated and batch.created_by_id == user.id
                and may_import_activities(user, batch.org))


def template_helpers():
    """The rules as templates see them: ``{% if can.manage_org(org) %}``."""

    class Can:
        @staticmethod
        def manage_org(org):
            return may_manage_org(current_user, org)

        @staticmethod
        def manage_user(target):
            return may_manage_user(current_user, target)

        secretariat = property(lambda self: is_secretariat(current_user))
        org_admin = property(lambda self: is_org_admin(current_user))

    return {"can": Can()}
