"""The period of the 4W matrix, read from the query string (``?from=2026-01-01&to=2026-12-31``)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import ValidationError
from wtforms.validators import Optional

from ..secretariat.forms import FilterForm, LocalDateField


class PeriodForm(FilterForm):
    """The period: from and to, both days included; the current year by default."""

    date_from = LocalDateField(_l("From"), name="from", validators=[Optional()])
    date_to = LocalDateField(_l("To"), name="to", validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))


def period(form, today=None):
    """The (start, end) days the form asks for; the current year for what is missing or wrong.

    A field with an error is shown with its message and not applied."""
    today = today or date.today()
    form.validate()
    start = None if form.date_from.errors else form.date_from.data
    end = None if form.date_to.errors else form.date_to.data
    start = start or (date(end.year, 1, 1) if end else date(today.year, 1, 1))
    end = end or date(start.year, 12, 31)
    if end < start:
        end = date(start.year, 12, 31)
    return start, end
