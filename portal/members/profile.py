"""The organisation profile form, shared by focal points and the secretariat."""
from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from .. import logos
from . import services
from .forms import OrgProfileForm


def profile_form(org):
    """The form with the sector and area choices, filled from ``org`` on GET."""
    form = OrgProfileForm(obj=org) if request.method == "GET" else OrgProfileForm()
    sectors, areas = services.reference_choices()
    form.set_choices(sectors, areas)
    if request.method == "GET":
        form.sectors.data = [s.id for s in org.sectors]
        form.areas.data = [a.id for a in org.areas]
    return form


def save_profile(form, org):
    """Save a valid submission; True when saved, False with the errors on the form otherwise."""
    if not form.validate_on_submit():
        return False
    logo = form.logo.data
    upload = logo if logo and getattr(logo, "filename", "") else None
    try:
        services.update_profile(current_user, org, form.data,
                                logo_stream=upload.stream if upload else None,
                                remove_logo=form.remove_logo.data)
    except logos.LogoRejected as exc:
        form.logo.errors.append(
            _("The logo must be at most 500 KB.") if str(exc) == "too_large"
            else _("The logo must be a PNG or JPEG image.")
        )
        return False
    return True
