"""Forms of the secretariat area: organisations, users, pages, and the list filters."""
from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, SelectField, StringField, TextAreaField,
                     URLField)
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, URL, ValidationError

from ..forms import options
from ..i18n import ascii_digits

REQUIRED = _l("This field is required.")
TOO_LONG = _l("This is too long.")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MARKDOWN_HELP = _l("Markdown is allowed: ## heading, **bold**, *italic*, - lists, "
                   "[link](https://…).")


def _required():
    return DataRequired(message=REQUIRED)


def _max(n):
    return Length(max=n, message=TOO_LONG)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _lower(value):
    return value.lower() if isinstance(value, str) else value


class OrgCreateForm(FlaskForm):
    slug = StringField(
        _l("Short name in addresses (slug)"),
        filters=[_strip, _lower],
        validators=[
            _required(),
            Length(min=2, max=64, message=_l("Between 2 and 64 characters.")),
            Regexp(SLUG_PATTERN,
                   message=_l("Use lowercase Latin letters, digits and single hyphens.")),
        ],
        description=_l("For example: olive-branch. It appears in addresses and cannot be "
                       "changed later."),
    )
    name_ar = StringField(_l("Name in Arabic"), filters=[_strip],
                          validators=[_required(), _max(200)])
    name_en = StringField(_l("Name in English"), filters=[_strip],
                          validators=[_required(), _max(200)])
    acronym = StringField(_l("Acronym"), filters=[_strip], validators=[Optional(), _max(32)])
    website = URLField(_l("Website"), filters=[_strip], validators=[
        Optional(),
        URL(require_tld=True, message=_l("Enter a full address, starting with https://.")),
        _max(300),
    ])


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), filters=[_strip], validators=[
        _required(), Email(message=_l("Enter a valid email address.")), _max(254)])
    name = StringField(_l("Name"), filters=[_strip], validators=[Optional(), _max(200)])
    role = SelectField(_l("Role"), choices=options([("member", _l("Member of an organisation")),
                                                    ("secretariat", _l("Secretariat"))]),
                       default="member", validate_choice=False)
    org = SelectField(_l("Organisation"), choices=[], validate_choice=False,
                      description=_l("Required for members; ignored for the secretariat."))
    org_admin = BooleanField(_l("Focal point (manages the organisation's profile and staff)"))

    def set_orgs(self, orgs):
        self.org.choices = options([("", _l("Choose…"))] + [(o.id, o.tr("name")) for o in orgs])
        self._orgs = {str(o.id): o for o in orgs}

    def preselect(self, slug):
        """Choose the organisation with this slug (from ``?org=`` on a link), if it is listed."""
        self.org.data = next((key for key, org in self._orgs.items() if org.slug == slug), "")

    def chosen_org(self):
        return self._orgs.get(self.org.data or "")

    def validate_role(self, field):
        if field.data not in ("member", "secretariat"):
            raise ValidationError(_l("Choose a role from the list."))

    def validate_org(self, field):
        if self.role.data == "member" and self.chosen_org() is None:
            raise ValidationError(_l("Choose the organisation of a member."))


class ChangeRoleForm(InviteForm):
    """Role, organisation and focal-point flag of an existing account."""

    email = None
    name = None


class PageForm(FlaskForm):
    title_ar = StringField(_l("Title in Arabic"), filters=[_strip],
                           validators=[_required(), _max(200)])
    title_en = StringField(_l("Title in English"), filters=[_strip],
                           validators=[_required(), _max(200)])
    body_ar = TextAreaField(_l("Text in Arabic"), validators=[Optional(), _max(50000)],
                            description=MARKDOWN_HELP, render_kw={"rows": 16})
    body_en = TextAreaField(_l("Text in English"), validators=[Optional(), _max(50000)],
                            description=MARKDOWN_HELP, render_kw={"rows": 16})


# --- list filters (GET, no CSRF: they change nothing) -------------------------------------------

class FilterForm(FlaskForm):
    """A filter form read from the query string; unknown choices are ignored, not errors."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)

    def choice(self, name):
        """The chosen value of a select, or "" when it is not one of its choices."""
        field = self[name]
        known = {c.value for c in field.choices}
        return field.data if field.data in known else ""


class LocalDateField(DateField):
    """An HTML date input that also accepts Arabic-Indic digits, with a translated error."""

    def process_formdata(self, valuelist):
        text = ascii_digits(valuelist[0]).strip() if valuelist else ""
        self.raw_data = [text] if valuelist else []
        if not text:
            self.data = None
            return
        try:
            self.data = date.fromisoformat(text)
            if not 1900 <= self.data.year <= 2999:
                raise ValueError(text)
        except ValueError:
            self.data = None
            message = _l("Enter a date as year-month-day, for example 2024-03-31.")
            raise ValueError(message) from None


STATUS_ALL = ("", _l("All"))


class UserFilterForm(FilterForm):
    q = StringField(_l("Name or email"), filters=[_strip], validators=[Optional(), _max(200)])
    org = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    role = SelectField(_l("Role"), validate_choice=False, choices=options([
        STATUS_ALL, ("member", _l("Staff of an organisation")), ("focal", _l("Focal point")),
        ("secretariat", _l("Secretariat"))]))

    def set_orgs(self, orgs):
        self.org.choices = options([STATUS_ALL] + [(o.slug, o.tr("name")) for o in orgs])


class VolunteerFilterForm(FilterForm):
    status = SelectField(_l("Show"), validate_choice=False, choices=options([
        STATUS_ALL, ("unhandled", _l("Not handled yet")), ("handled", _l("Handled"))]))


class OutboxFilterForm(FilterForm):
    status = SelectField(_l("Show"), validate_choice=False, choices=options([
        STATUS_ALL, ("pending", _l("Not sent yet")), ("failed", _l("Failed (given up)")),
        ("sent", _l("Sent"))]))


class AuditFilterForm(FilterForm):
    actor = StringField(_l("Who (email)"), filters=[_strip], validators=[Optional(), _max(254)])
    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    date_from = LocalDateField(_l("From"), validators=[Optional()])
    date_to = LocalDateField(_l("To"), validators=[Optional()])

    def set_actions(self, actions):
        self.action.choices = options([STATUS_ALL] + [(a, a) for a in actions])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))
