"""Forms of the subject-access page: the address to look up, and the erase confirmation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField
from wtforms.validators import DataRequired, Email, Length


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SubjectForm(FlaskForm):
    """The email address a request is about (sent by POST, so it stays out of addresses and
    server logs)."""

    email = EmailField(_l("Email address"), filters=[_strip], validators=[
        DataRequired(message=_l("Enter the email address the request is about.")),
        Email(message=_l("Enter a valid email address, like name@example.org."),
              check_deliverability=False),
        Length(max=254, message=_l("This is too long."))],
        description=_l("Accounts, volunteer applications, mail, audit entries, invitations and "
                       "password resets for this address are listed."),
        render_kw={"autocomplete": "off", "dir": "ltr"})


class EraseForm(SubjectForm):
    """The erase button: first shows what will happen; ``confirmed`` is set on that page."""

    confirmed = HiddenField()
