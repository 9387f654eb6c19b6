"""The public volunteer form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from ..forms import LocalizedIntegerField


class VolunteerForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    phone = StringField(_l("Phone or WhatsApp"), validators=[Optional(), Length(max=40)],
                        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    skills = TextAreaField(_l("Skills and experience"), validators=[DataRequired(), Length(max=4000)])
    availability = StringField(_l("Availability"), validators=[Optional(), Length(max=200)],
                               description=_l("For example: weekends, evenings, two months from June."))
    hours_per_week = LocalizedIntegerField(_l("Hours per week"),
                                           validators=[Optional(), NumberRange(min=1, max=80)])
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=4000)])
    consent = BooleanField(
        _l("I agree that the alliance stores these details to contact me about volunteering."),
        validators=[DataRequired(message=_l("We can only keep your application with your consent."))],
    )
    # Honeypot: hidden from people by the stylesheet; bots fill it in.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not (self.email.data or "").strip() and not (self.phone.data or "").strip():
            self.email.errors = list(self.email.errors) + [
                _l("Give an email address or a phone number so we can reach you.")]
            valid = False
        return valid
