"""The activity form and the list filters.

Ownership and review state are never read from a form: neither form has such a field, and the
services set them from the logged-in user and the lifecycle.
"""
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from ..areas import choice_label, most_precise
from ..forms import LocalizedIntegerField, options
from ..i18n import format_number
from ..members.forms import MultiCheckboxField
from ..models import ACTIVITY_STATUSES, PEOPLE_PARTS
from ..secretariat.forms import MARKDOWN_HELP, STATUS_ALL, FilterForm, LocalDateField
from .kind import CONTENT_KEYS
from .labels import PEOPLE_LABELS, STATUS_LABELS, VISIBILITY_LABELS

MAX_PEOPLE = 100_000_000
TOO_LONG = _l("This is too long.")
REQUIRED = _l("This field is required.")


def _strip(value):
    """Surrounding spaces off, and NUL characters out (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def _people_field(part):
    return LocalizedIntegerField(PEOPLE_LABELS[part], validators=[Optional()])


def check_people(form, groups):
    """The people figures of ``groups`` ("targeted", "reached") on ``form``: each from 0 to
    MAX_PEOPLE, and women, men, girls and boys not above the total. Adds the translated errors
    to the fields; False when there is one."""
    valid = True
    for group in groups:
        for name in (f"{group}_{part}" for part in ("total",) + PEOPLE_PARTS):
            field = form[name]
            if field.data is not None and not 0 <= field.data <= MAX_PEOPLE:
                field.errors.append(_("Enter a number from %(min)s to %(max)s.",
                                      min=format_number(0), max=format_number(MAX_PEOPLE)))
                valid = False
        total = form[f"{group}_total"]
        parts = [form[f"{group}_{p}"].data for p in PEOPLE_PARTS]
        parts_sum = sum(p for p in parts if p is not None)
        if total.data is not None and parts_sum > total.data and not total.errors:
            total.errors.append(_("Women, men, girls and boys add up to %(sum)s: more than "
                                  "the total of %(total)s.", sum=format_number(parts_sum),
                                  total=format_number(total.data)))
            valid = False
    return valid


def people_total(data, group):
    """The total as typed, else the sum of the parts typed (None when nothing was typed)."""
    parts = [data.get(f"{group}_{p}") for p in PEOPLE_PARTS]
    if data.get(f"{group}_total") is None and any(p is not None for p in parts):
        return sum(p for p in parts if p is not None)
    return data.get(f"{group}_total")


class ActivityForm(FlaskForm):
    """What a member writes about an activity; the buttons say whether to submit it."""

    version = HiddenField()
    title_ar = StringField(_l("Title in Arabic"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)],
                           render_kw={"lang": "ar"})
    title_en = StringField(_l("Title in English"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)],
                           render_kw={"lang": "en"})
    description_ar = TextAreaField(_l("Description in Arabic"), filters=[_strip], validators=[
        Optional(), Length(max=20000, message=TOO_LONG)], description=MARKDOWN_HELP,
        render_kw={"lang": "ar", "rows": 8})
    description_en = TextAreaField(_l("Description in English"), filters=[_strip], validators=[
        Optional(), Length(max=20000, message=TOO_LONG)], description=MARKDOWN_HELP,
        render_kw={"lang": "en", "rows": 8})
    primary_sector = SelectField(_l("Main sector"), choices=[], validate_choice=False)
    sectors = MultiCheckboxField(_l("Further sectors"), choices=[], validate_choice=False)
    areas = MultiCheckboxField(_l("Areas"), choices=[], validate_choice=False,
                               description=_l("Governorates of Syria and neighbouring countries. "
                                              "Choose a governorate, then show its districts and "
                                              "sub-districts to be more precise."))
    start_date = LocalDateField(_l("Start date"))
    end_date = LocalDateField(_l("End date"), validators=[Optional()],
                              description=_l("Leave empty if the end is not known yet."))
    status = SelectField(_l("Status"), validate_choice=False,
                         choices=options((s, STATUS_LABELS[s]) for s in ACTIVITY_STATUSES))
    targeted_total = _people_field("total")
    targeted_women = _people_field("women")
    targeted_men = _people_field("men")
    targeted_girls = _people_field("girls")
    targeted_boys = _people_field("boys")
    reached_total = _people_field("total")
    reached_women = _people_field("women")
    reached_men = _people_field("men")
    reached_girls = _people_field("girls")
    reached_boys = _people_field("boys")
    visibility = RadioField(_l("Who may see it once approved"), default="public",
                            validate_choice=False,
                            choices=options(VISIBILITY_LABELS.items()))

    def set_choices(self, sectors, areas):
        self.primary_sector.choices = options(
            [("", _l("Choose…"))] + [(s.code, s.tr("name")) for s in sectors])
        self.sectors.choices = options((s.code, s.tr("name")) for s in sectors)
        self.areas.choices = options((a.code, a.tr("name")) for a in areas)
        self.area_rows = {a.code: a for a in areas}

    def fill(self, content):
        """Show a saved version (a snapshot dict) in the form."""
        data = dict(content)
        for name in ("start_date", "end_date"):
            data[name] = date.fromisoformat(data[name]) if data.get(name) else None
        data["sectors"] = [c for c in data.get("sectors") or [] if c != data.get("primary_sector")]
        self.process(data=data)

    # --- validation ---------------------------------------------------------------------------

    def _known(self, field):
        return {c.value for c in field.choices}

    def validate_title_ar(self, field):
        if not field.data and not (self.title_en.data or "").strip():
            raise ValidationError(_l("Give a title in Arabic or in English (or both)."))

    def validate_primary_sector(self, field):
        if field.data not in self._known(field) or not field.data:
            raise ValidationError(_l("Choose the main sector."))

    def validate_areas(self, field):
        if not set(field.data or []) & self._known(field):
            raise ValidationError(_l("Choose at least one area."))

    def validate_start_date(self, field):
        if field.data is None and not field.process_errors:
            raise ValidationError(REQUIRED)

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date is before the start date."))

    def validate_status(self, field):
        if field.data not in ACTIVITY_STATUSES:
            raise ValidationError(_l("Choose a status from the list."))

    def validate_visibility(self, field):
        if field.data not in VISIBILITY_LABELS:
            raise ValidationError(_l("Choose who may see it."))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return check_people(self, ("targeted", "reached")) and valid

    # --- the content -------------------------------------------------------------------------

    def content(self):
        """The submitted content as a snapshot dict (see ``portal.activities.kind``)."""
        data = {name: self[name].data for name in CONTENT_KEYS if name in self and name not in (
            "sectors", "areas", "start_date", "end_date")}
        for name in ("title_ar", "title_en", "description_ar", "description_en"):
            data[name] = (data[name] or "").replace("\r\n", "\n").strip()  # browsers send CRLF
        known_sectors = self._known(self.sectors)
        data["sectors"] = sorted(({c for c in self.sectors.data or [] if c in known_sectors}
                                  | {self.primary_sector.data}))
        chosen = [self.area_rows[c] for c in set(self.areas.data or []) if c in self.area_rows]
        data["areas"] = sorted(a.code for a in most_precise(chosen))
        data["start_date"] = self.start_date.data.isoformat()
        data["end_date"] = self.end_date.data.isoformat() if self.end_date.data else None
        for group in ("targeted", "reached"):
            data[f"{group}_total"] = people_total(data, group)
        return data

    def overlap_criteria(self):
        """(sector codes, area codes, start, end) from the typed values, or None if incomplete."""
        sectors = {c for c in [self.primary_sector.data] + list(self.sectors.data or [])
                   if c in self._known(self.sectors)}
        areas = {c for c in self.areas.data or [] if c in self._known(self.areas)}
        start = None if self.start_date.errors else self.start_date.data
        end = None if self.end_date.errors else self.end_date.data
        if not sectors or not areas or start is None:
            return None
        return sorted(sectors), sorted(areas), start, end


class ActivityFilterForm(FilterForm):
    """The list's filters, read from the query string (unknown values are ignored)."""

    q = StringField(_l("Words"), filters=[_strip],
                    validators=[Optional(), Length(max=200, message=TOO_LONG)])
    sector = SelectField(_l("Sector"), choices=[], validate_choice=False)
    area = SelectField(_l("Area"), choices=[], validate_choice=False)
    org = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False, choices=options(
        [STATUS_ALL] + [(s, STATUS_LABELS[s]) for s in ACTIVITY_STATUSES]))
    date_from = LocalDateField(_l("From"), name="from", validators=[Optional()])
    date_to = LocalDateField(_l("To"), name="to", validators=[Optional()])
    mine = BooleanField(_l("Only my organisation's activities, in every state"),
                        render_kw={"value": "1"})

    def set_choices(self, sectors, areas, orgs):
        self.sector.choices = options([STATUS_ALL] + [(s.code, s.tr("name")) for s in sectors])
        self.area.choices = options([STATUS_ALL] + [(a.code, choice_label(a)) for a in areas])
        self.org.choices = options([STATUS_ALL] + [(o.slug, o.tr("name")) for o in orgs])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))

    def value(self, name):
        """The field's value, or None when it could not be read (the error is shown instead)."""
        field = self[name]
        return None if field.errors else field.data
