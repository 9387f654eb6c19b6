"""Forms for the user's own account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..forms import NewPasswordForm, new_password_field


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()],
                            render_kw={"autocomplete": "current-password"})
    password = new_password_field()
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("password", message=_l("The passwords do not match."))],
                            render_kw={"autocomplete": "new-password"})


class ConfirmForm(FlaskForm):
    """Prove it is still you: the password, or a code from the authenticator app."""

    password = PasswordField(_l("Password"), render_kw={"autocomplete": "current-password"})
    code = StringField(_l("Or a code from your authenticator app"), validators=[Length(max=40)],
                       render_kw={"autocomplete": "one-time-code", "dir": "ltr"})
    next = HiddenField()


class EnrolForm(FlaskForm):
    code = StringField(_l("Code shown by the app"), validators=[DataRequired(), Length(max=20)],
                       description=_l("Six digits; a new code appears every 30 seconds."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"})


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    code = StringField(_l("Code from your authenticator app (or a recovery code)"),
                       validators=[DataRequired(), Length(max=40)],
                       render_kw={"autocomplete": "one-time-code", "dir": "ltr"})
