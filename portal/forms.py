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
    """Validator: the password policy of :func:`portal.security.password_problem`, judged
    against the account's own email (``form.account_email``, set by :class:`NewPasswordForm`)."""

    def __call__(self, form, field):
        problem = password_problem(field.data or "", email=getattr(form, "account_email", ""),
                                   name=getattr(form, "account_name", ""))
        if problem:
            raise ValidationError(problem)


class NewPasswordForm(FlaskForm):
    """A form that sets a password for a known account: ``Form(account_email=...)``."""

    def __init__(self, *args, account_email="", account_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = account_email or ""
        self.account_name = account_name or ""


def new_password_field(label=None):
    return PasswordField(label or _l("New password"), validators=[StrongPassword()],
                         description=_l("Between 12 and 128 characters, in any language."),
                         render_kw={"autocomplete": "new-password"})
