"""Forms: the meeting (secretariat), registering a colleague, cancelling, minutes."""
from datetime import datetime
from urllib.parse import urlsplit

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from ..forms import LocalizedIntegerField, options
from ..i18n import ascii_digits
from .timefmt import ZONES, from_local, local_input_value, zone, zone_label

REQUIRED = _l("This field is required.")
TOO_LONG = _l("This is too long.")
MARKDOWN_HELP = _l("Markdown is allowed: ## heading, **bold**, *italic*, - lists, "
                   "[link](https://…).")
MAX_SEATS = 10000
KIND_LABELS = {
    "advocacy": _l("Joint advocacy meeting"), "workshop": _l("Workshop"),
    "training": _l("Training"), "conference": _l("Conference"), "other": _l("Other"),
}
FORMAT_LABELS = {"in_person": _l("In person"), "online": _l("Online"),
                 "hybrid": _l("Hybrid (in person and online)")}
STATE_LABELS = {"draft": _l("Draft (seen by the secretariat only)"),
                "open": _l("Open for registration"), "closed": _l("Registration closed")}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LocalDateTimeField(DateTimeLocalField):
    """A date and time typed in the meeting's zone; Arabic-Indic digits are read too."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = ascii_digits(valuelist[0] or "").strip()
        self.data = None
        if not text:
            return
        for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
            try:
                self.data = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if self.data is None or not 2000 <= self.data.year <= 2999:
            self.data = None
            raise ValueError(_l("Enter a date and time, for example 2026-03-31 14:30."))


class Between:
    """A whole number from ``low`` to ``high`` (or required when ``required``); silent when
    the text could not be read at all, since that error is shown already."""

    def __init__(self, low=1, high=MAX_SEATS, required=True):
        self.low, self.high, self.required = low, high, required

    def __call__(self, form, field):
        if field.process_errors:
            raise StopValidation()
        if field.data is None and not self.required:
            raise StopValidation()
        if field.data is None or not self.low <= field.data <= self.high:
            raise StopValidation(_l("Enter a whole number from 1 to 10000."))


def _when(label, required=True, description=None):
    validators = [InputRequired(message=REQUIRED)] if required else [Optional()]
    return LocalDateTimeField(label, validators=validators, description=description,
                              format="%Y-%m-%dT%H:%M")


class MeetingForm(FlaskForm):
    title_ar = StringField(_l("Title in Arabic"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)])
    title_en = StringField(_l("Title in English"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)],
                           description=_l("Give a title in Arabic, in English or both."))
    agenda_ar = TextAreaField(_l("Agenda in Arabic"),
                              validators=[Length(max=20000, message=TOO_LONG)],
                              description=MARKDOWN_HELP, render_kw={"rows": 8})
    agenda_en = TextAreaField(_l("Agenda in English"),
                              validators=[Length(max=20000, message=TOO_LONG)],
                              description=MARKDOWN_HELP, render_kw={"rows": 8})
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS.items()), validate_choice=False)
    format = SelectField(_l("Format"), choices=options(FORMAT_LABELS.items()),
                         validate_choice=False)
    venue = StringField(_l("Venue"), filters=[_strip],
                        validators=[Length(max=300, message=TOO_LONG)],
                        description=_l("Required for meetings in person or hybrid."))
    online_url = URLField(_l("Online link"), filters=[_strip],
                          validators=[Length(max=500, message=TOO_LONG)],
        description=_l("Required for online and hybrid meetings; shown only to confirmed "
                       "participants."))
    timezone = SelectField(_l("Time zone"), choices=[], validate_choice=False,
                           description=_l("The times below are in this zone."))
    starts_at = _when(_l("Starts"))
    ends_at = _when(_l("Ends"))
    seats = LocalizedIntegerField(_l("Seats"), validators=[Between()])
    org_quota = LocalizedIntegerField(_l("Seats per organisation"),
                                      validators=[Optional(), Between(required=False)],
                                      description=_l("Leave empty for no limit per organisation."))
    registration_opens_at = _when(_l("Registration opens"), required=False,
                                  description=_l("Leave empty to open registration at once."))
    registration_closes_at = _when(_l("Registration closes"), required=False,
                                   description=_l("Leave empty to keep it open until the start."))
    state = SelectField(_l("State"), choices=options(STATE_LABELS.items()), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = options((z, z if z == "UTC" else f"{z} — {zone_label(z)}")
                                        for z in ZONES)

    @classmethod
    def for_meeting(cls, meeting):
        """The form filled from a meeting on GET (times in its zone), from the request on POST."""
        if request.method != "GET":
            return cls()
        data = {f: getattr(meeting, f) for f in (
            "title_ar", "title_en", "agenda_ar", "agenda_en", "kind", "format", "venue",
            "online_url", "timezone", "seats", "org_quota", "state")}
        for f in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            value = local_input_value(getattr(meeting, f), meeting.timezone)
            data[f] = datetime.strptime(value, "%Y-%m-%dT%H:%M") if value else None
        return cls(data=data)

    def _check_choice(self, field, labels):
        if field.data not in labels:
            raise ValidationError(_l("Choose from the list."))

    def validate_kind(self, field):
        self._check_choice(field, KIND_LABELS)

    def validate_format(self, field):
        self._check_choice(field, FORMAT_LABELS)

    def validate_state(self, field):
        self._check_choice(field, STATE_LABELS)

    def validate_timezone(self, field):
        if field.data not in ZONES:
            raise ValidationError(_l("Choose from the list."))

    def validate_title_en(self, field):
        if not field.data and not self.title_ar.data:
            raise ValidationError(_l("Give a title in Arabic, in English or both."))

    def validate_venue(self, field):
        if self.format.data in ("in_person", "hybrid") and not field.data:
            raise ValidationError(_l("Where does the meeting take place?"))

    def validate_online_url(self, field):
        if self.format.data in ("online", "hybrid") and not field.data:
            raise ValidationError(_l("Give the link of the online meeting."))
        if field.data:
            parts = urlsplit(field.data)
            if (parts.scheme.lower() not in ("https", "http") or not parts.netloc
                    or " " in field.data):
                raise ValidationError(_l("Enter a full address, starting with https://."))

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))

    def validate_org_quota(self, field):
        if field.data and self.seats.data and field.data > self.seats.data:
            raise ValidationError(_l("There cannot be more seats per organisation than seats."))

    def validate_registration_closes_at(self, field):
        opens, start = self.registration_opens_at.data, self.starts_at.data
        if field.data and start and field.data > start:
            raise ValidationError(_l("Registration must close by the start of the meeting."))
        if field.data and opens and field.data <= opens:
            raise ValidationError(_l("Registration must close after it opens."))

    def validate_registration_opens_at(self, field):
        if field.data and self.starts_at.data and field.data >= self.starts_at.data:
            raise ValidationError(_l("Registration must open before the meeting starts."))

    def values(self):
        """The service's values: times in UTC, read in the chosen zone."""
        tz = zone(self.timezone.data).key
        data = {f: self[f].data for f in (
            "title_ar", "title_en", "kind", "format", "venue", "online_url", "seats",
            "org_quota", "state")}
        data["venue"] = data["venue"] or ""
        data["online_url"] = data["online_url"] or ""
        data["agenda_ar"] = (self.agenda_ar.data or "").strip()
        data["agenda_en"] = (self.agenda_en.data or "").strip()
        data["timezone"] = tz
        for f in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            data[f] = from_local(self[f].data, tz)
        return data


class RegisterForm(FlaskForm):
    """Register oneself (no person chosen) or, for a focal point, a colleague."""

    person = SelectField(_l("Colleague"), choices=[], validate_choice=False)

    def set_colleagues(self, colleagues):
        self.person.choices = options([("", _l("Choose…"))] + [(u.id, u.name) for u in colleagues])

    def person_id(self):
        text = ascii_digits(self.person.data or "").strip()
        return int(text) if text.isdigit() and len(text) <= 9 else None


class CancelMeetingForm(FlaskForm):
    message = TextAreaField(_l("Message to the people registered (optional)"),
                            validators=[Optional(), Length(max=2000, message=TOO_LONG)],
                            render_kw={"rows": 4})


class MinutesForm(FlaskForm):
    minutes_ar = TextAreaField(_l("Minutes and action points in Arabic"),
                               validators=[Length(max=50000, message=TOO_LONG)],
                               description=MARKDOWN_HELP, render_kw={"rows": 14})
    minutes_en = TextAreaField(_l("Minutes and action points in English"),
                               validators=[Length(max=50000, message=TOO_LONG)],
                               description=MARKDOWN_HELP, render_kw={"rows": 14})


def id_list(name):
    """Whole numbers sent under ``name`` (checkboxes, hidden fields); anything else is ignored."""
    found = set()
    for value in request.form.getlist(name)[:2000]:
        text = ascii_digits(value).strip()
        if text.isdigit() and len(text) <= 9:    # a database integer, whatever the database
            found.add(int(text))
    return found
