"""Form pieces shared by every feature."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextInput

from .i18n import ascii_digits
from .security import password_problem


def options(pairs):
    """Select choices from ``(value, label)`` pairs; values are sent as strings."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class ActionForm(FlaskForm):
    """An empty form: a state change (logout, deactivate, restore) is a POST with a CSRF token."""


class LocalizedIntegerField(IntegerField):
    """An integer field that accepts Arabic-Indic and Persian digits as typed (٢٠١٤ → 2014).

    Drawn as a text box with a numeric keypad, not ``<input type=number>``: browsers throw away
    the Arabic-Indic digits people type into a number box (and number boxes change value on
    scroll). The server reads both kinds of digit.
    """

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(*args, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [ascii_digits(v).strip().replace("٬", "").replace(",", "") for v in valuelist]
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a whole number.")) from None


class StrongPassword:
    """Validator: the password policy of :func:`portal.security.password_problem`."""

    def __init__(self, email_field=None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = ""
        if self.email_field and hasattr(form, self.email_field):
            email = getattr(form, self.email_field).data or ""
        problem = password_problem(field.data or "", email=email)
        if problem:
            raise ValidationError(problem)


def new_password_field(label=None):
    return PasswordField(label or _l("New password"), validators=[StrongPassword()],
                         description=_l("At least 12 characters, in any language."),
                         render_kw={"autocomplete": "new-password"})
