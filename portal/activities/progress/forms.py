"""The monthly progress form: the month, the people reached that month (checked as on the
activity form) and a short note."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, StringField, ValidationError
from wtforms.validators import Length
from wtforms.widgets import MonthInput

from ...i18n import ascii_digits
from ..forms import TOO_LONG, _people_field, _strip, check_people, people_total
from .kind import EDITED_KEYS
from .rules import month_problem

# 2026-03 (what <input type="month"> sends), 2026/3, 03/2026, 3-2026; any digits (٢٠٢٦-٠٣).
YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
MONTH_FIRST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")
MONTH_HELP = _l("Year and month, for example 2026-03.")


def parse_month(text):
    """The first day of the month written in ``text``, or None when it is not a month."""
    text = ascii_digits(text or "").strip().replace("\u066b", "-").replace("\u2013", "-")
    match = YEAR_FIRST.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = MONTH_FIRST.match(text)
        if not match:
            return None
        month, year = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        return None
    return date(year, month, 1)


class MonthField(Field):
    """A month: ``<input type="month">`` where the browser has one, a text box elsewhere; the
    server reads ``2026-03``, ``03/2026`` and the same with Arabic-Indic digits."""

    widget = MonthInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data.year:04d}-{self.data.month:02d}" if self.data else ""

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        self.raw_data = [text] if valuelist else []
        self.data = parse_month(text) if text.strip() else None
        if text.strip() and self.data is None:
            raise ValueError(_l("Enter a month as year-month, for example 2026-03."))


class ProgressForm(FlaskForm):
    """A month's report; ``ProgressForm(activity=...)`` checks the month against the activity.
    A correction (``fixed_month=True``) keeps its month: only the figures and the note change."""

    version = HiddenField()
    month = MonthField(_l("Month"), description=MONTH_HELP,
                       render_kw={"placeholder": "2026-03", "autocomplete": "off"})
    reached_total = _people_field("total")
    reached_women = _people_field("women")
    reached_men = _people_field("men")
    reached_girls = _people_field("girls")
    reached_boys = _people_field("boys")
    note = StringField(_l("Note (optional)"), filters=[_strip],
                       validators=[Length(max=500, message=TOO_LONG)],
                       description=_l("A line on what happened this month, at most 500 "
                                      "characters."))

    def __init__(self, *args, activity=None, fixed_month=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fixed_month = fixed_month

    def validate_month(self, field):
        if self.fixed_month:
            return
        if field.data is None:
            if not field.process_errors:
                raise ValidationError(_l("Choose the month you report."))
            return
        problem = month_problem(self.activity, field.data)
        if problem:
            raise ValidationError(problem)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        valid = check_people(self, ("reached",)) and valid
        if not self.reached_total.errors and people_total(self.figures(), "reached") is None:
            self.reached_total.errors.append(_l("Give the number of people reached that month."))
            valid = False
        return valid

    def figures(self):
        """The reached_* numbers and the note, as the services take them (the total is the sum
        of the parts when left empty)."""
        data = {name: self[name].data for name in EDITED_KEYS}
        data["note"] = (data["note"] or "").replace("\r\n", " ").replace("\n", " ").strip()
        data["reached_total"] = people_total(data, "reached")
        return data

    def fill(self, content):
        """Show a saved version (a snapshot dict) in the form."""
        self.process(data={name: content.get(name) for name in EDITED_KEYS})
