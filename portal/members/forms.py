"""Forms: organisation profile, invitation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, SelectMultipleField, StringField, TextAreaField, URLField, widgets
from wtforms.validators import DataRequired, Email, Length, Optional, URL

from ..forms import options


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes instead of a multi-select: easier on phones, no JavaScript."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class OrgProfileForm(FlaskForm):
    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=200)])
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=32)])
    website = URLField(_l("Website"), validators=[Optional(), URL(require_tld=True), Length(max=300)])
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional(), Length(max=5000)],
                                   description=_l("Markdown is allowed."))
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=5000)],
                                   description=_l("Markdown is allowed."))
    sectors = MultiCheckboxField(_l("Sectors"), coerce=int, validators=[Optional()])
    areas = MultiCheckboxField(_l("Areas"), coerce=int, validators=[Optional()])
    logo = FileField(_l("Logo"), description=_l("PNG or JPEG, at most 500 KB."))
    remove_logo = BooleanField(_l("Remove the current logo"))

    def set_choices(self, sectors, areas):
        self.sectors.choices = options((s.id, s.tr("name")) for s in sectors)
        self.areas.choices = options((a.id, a.tr("name")) for a in areas)


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    org_admin = BooleanField(_l("Focal point (manages the organisation's profile and staff)"))
