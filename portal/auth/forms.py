"""Forms for logging in, resetting a password and accepting an invitation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..forms import NewPasswordForm, new_password_field
from ..security import MAX_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email()],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[
        DataRequired(), Length(max=MAX_PASSWORD_LENGTH, message=_l("The email or password is not right."))],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device (14 days)"),
                            description=_l("For staff of member organisations; "
                                           "the secretariat is logged out after a working day."))
    next = HiddenField()


class LoginCodeForm(FlaskForm):
    code = StringField(_l("Authentication code"), validators=[DataRequired(), Length(max=40)],
                       description=_l("The 6-digit code from your authenticator app, "
                                      "or one of your recovery codes."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text",
                                  "dir": "ltr", "spellcheck": "false"})


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email()],
                       render_kw={"autocomplete": "username"})


class ResetPasswordForm(NewPasswordForm):
    password = new_password_field()
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("password", message=_l("The passwords do not match."))],
                            render_kw={"autocomplete": "new-password"})


class AcceptInvitationForm(ResetPasswordForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"autocomplete": "name"})
