"""The import forms: the upload (with the organisation, for the secretariat) and the confirmation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, ValidationError

from ...forms import options

CHOOSE = ("", _l("Choose…"))


class UploadForm(FlaskForm):
    """A filled-in template or CSV file; the secretariat also picks the organisation."""

    org = SelectField(_l("Import for the organisation"), choices=[], validate_choice=False)
    file = FileField(_l("Spreadsheet"), description=_l(
        "The template filled in (.xlsx), or a CSV file, such as the portal's own export of "
        "your organisation's activities."), render_kw={"accept": ".xlsx,.xlsm,.csv,.txt"})

    def set_orgs(self, orgs, choose):
        """``choose``: the secretariat picks among ``orgs``; a member has no choice to make."""
        if choose:
            self.org.choices = options([CHOOSE] + [(o.slug, o.tr("name")) for o in orgs])
            self._orgs = {o.slug: o for o in orgs}
        else:
            del self.org
            self._orgs = {None: orgs[0]}

    @property
    def chosen_org(self):
        return self._orgs.get(self.org.data if "org" in self else None)

    def validate_org(self, field):
        if self.chosen_org is None:
            raise ValidationError(_l("Choose the organisation."))

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose the file to import."))


class ConfirmForm(FlaskForm):
    """Write the valid rows (or, with "all or nothing", only a file without errors)."""

    all_or_nothing = BooleanField(
        _l("All or nothing: if any row has an error, save nothing."), render_kw={"value": "1"})
