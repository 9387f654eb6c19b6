"""The resource form, the new-version form and the list filters.

Ownership, review state and the stored file's name are never read from a form: no form has
such a field; the services set them from the logged-in user, the lifecycle and the storage.
A file is checked by its content while the form is validated (``form.upload``).
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import Length, Optional, URL, ValidationError

from ..forms import LocalizedIntegerField, options
from ..members.forms import MultiCheckboxField
from ..models.resource import RESOURCE_VISIBILITIES
from ..secretariat.forms import MARKDOWN_HELP, STATUS_ALL, FilterForm, LocalDateField
from . import uploads
from .filetypes import Refused
from .kind import EDITED_KEYS
from .labels import ACCEPTED, CATEGORY_LABELS, LANGUAGE_LABELS, REASONS, VISIBILITY_LABELS

TOO_LONG = _l("This is too long.")
REQUIRED = _l("This field is required.")
CONFIRM_FOR_PUBLIC = _l("Public files need this confirmation. Remove any personal data first, "
                        "or make the resource visible to members only.")
CHOOSE = ("", _l("Choose…"))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _file_field():
    return FileField(_l("File"), description=ACCEPTED, render_kw={
        "accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.png,.jpg,.jpeg"})


def _confirmation_field():
    return BooleanField(_l("I confirm that this file holds no personal data of beneficiaries "
                           "(names, phone numbers, ID numbers, addresses, photos of faces)."),
                        description=_l("Required for public files."))


def _check_upload(form, field):
    """Recognise the file by its content; remember the checked upload on the form."""
    form.upload = None
    if not field.data or not getattr(field.data, "filename", None):
        return
    try:
        form.upload = uploads.check(field.data)
    except Refused as refused:
        raise ValidationError(REASONS.get(refused.reason, REASONS["unknown"])) from None


class ResourceForm(FlaskForm):
    """What a member says about a resource; the buttons say whether to submit it. The new
    resource form has ``file`` and ``link_url``; the edit form keeps ``link_url`` for links."""

    upload = None
    version = HiddenField()
    title_ar = StringField(_l("Title in Arabic"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)], render_kw={"lang": "ar"})
    title_en = StringField(_l("Title in English"), filters=[_strip],
                           validators=[Length(max=300, message=TOO_LONG)], render_kw={"lang": "en"})
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[
        Optional(), Length(max=20000, message=TOO_LONG)], description=MARKDOWN_HELP,
        render_kw={"lang": "ar", "rows": 6})
    description_en = TextAreaField(_l("Description in English"), validators=[
        Optional(), Length(max=20000, message=TOO_LONG)], description=MARKDOWN_HELP,
        render_kw={"lang": "en", "rows": 6})
    file = _file_field()
    link_url = URLField(_l("Or a link"), filters=[_strip], validators=[
        Optional(), URL(require_tld=True, message=_l("Enter a full address, starting with https://.")),
        Length(max=500, message=TOO_LONG)],
        description=_l("Instead of a file: the address of a document published elsewhere."))
    category = SelectField(_l("Category"), validate_choice=False,
                           choices=options([CHOOSE] + list(CATEGORY_LABELS.items())))
    language = SelectField(_l("Language of the document"), validate_choice=False,
                           choices=options([CHOOSE] + list(LANGUAGE_LABELS.items())))
    document_date = LocalDateField(_l("Date of the document"))
    sectors = MultiCheckboxField(_l("Sectors"), choices=[], validate_choice=False,
                                 description=_l("Optional."))
    areas = MultiCheckboxField(_l("Areas"), choices=[], validate_choice=False,
                               description=_l("Optional: governorates of Syria and neighbouring countries."))
    visibility = RadioField(_l("Who may see it"), default="members", validate_choice=False,
                            choices=options(VISIBILITY_LABELS.items()),
                            description=_l("Public and members-only resources are reviewed by the "
                                           "secretariat before others see them. Secretariat-only "
                                           "resources are shared with the secretariat at once."))
    no_personal_data = _confirmation_field()

    def __init__(self, *args, resource=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource
        if resource is not None:
            del self.file
            if resource.is_link:
                self.link_url.label.text = _l("Link")
                self.link_url.description = ""
            else:
                del self.link_url

    def set_choices(self, sectors, areas):
        self.sectors.choices = options((s.code, s.tr("name")) for s in sectors)
        self.areas.choices = options((a.code, a.tr("name")) for a in areas)

    def fill(self, content):
        """Show a saved version (a snapshot dict) in the form."""
        data = {k: v for k, v in content.items() if k in EDITED_KEYS}
        data["document_date"] = date.fromisoformat(data["document_date"]) if data.get("document_date") else None
        self.process(data=data)

    # --- validation ---------------------------------------------------------------------------

    def _known(self, field):
        return {c.value for c in field.choices}

    def _has_file(self):
        if self.resource is not None:
            return not self.resource.is_link
        return "file" in self and bool(self.file.data and getattr(self.file.data, "filename", None))

    def validate_title_ar(self, field):
        if not field.data and not (self.title_en.data or "").strip():
            raise ValidationError(_l("Give a title in Arabic or in English (or both)."))

    def validate_file(self, field):
        _check_upload(self, field)
        if not self._has_file() and not (self.link_url.data or "").strip():
            raise ValidationError(_l("Choose a file to share, or give a link."))
        if self._has_file() and (self.link_url.data or "").strip():
            raise ValidationError(_l("Share either a file or a link, not both."))

    def validate_link_url(self, field):
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("Enter a full address, starting with https://."))
        if self.resource is not None and not field.data:
            raise ValidationError(REQUIRED)

    def validate_category(self, field):
        if field.data not in CATEGORY_LABELS:
            raise ValidationError(_l("Choose a category from the list."))

    def validate_language(self, field):
        if field.data not in LANGUAGE_LABELS:
            raise ValidationError(_l("Choose the language of the document."))

    def validate_document_date(self, field):
        if field.data is None and not field.process_errors:
            raise ValidationError(REQUIRED)

    def validate_visibility(self, field):
        if field.data not in RESOURCE_VISIBILITIES:
            raise ValidationError(_l("Choose who may see it."))

    def validate_no_personal_data(self, field):
        if self.visibility.data == "public" and self._has_file() and not field.data:
            raise ValidationError(CONFIRM_FOR_PUBLIC)

    # --- the content -------------------------------------------------------------------------

    def content(self):
        """The submitted content as a snapshot dict without the file keys (see ``kind``)."""
        data = {name: _strip(self[name].data) or "" for name in (
            "title_ar", "title_en", "description_ar", "description_en", "category", "language",
            "visibility")}
        data["no_personal_data"] = bool(self.no_personal_data.data)
        data["link_url"] = (self.link_url.data or "").strip() if "link_url" in self else ""
        data["document_date"] = self.document_date.data.isoformat()
        data["sectors"] = sorted(c for c in set(self.sectors.data or []) if c in self._known(self.sectors))
        data["areas"] = sorted(c for c in set(self.areas.data or []) if c in self._known(self.areas))
        return data


class VersionForm(FlaskForm):
    """A new file for an existing resource."""

    upload = None
    file = _file_field()
    no_personal_data = _confirmation_field()

    def __init__(self, *args, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.public = public

    def validate_file(self, field):
        _check_upload(self, field)
        if self.upload is None and not field.errors:
            raise ValidationError(_l("Choose the file to upload."))

    def validate_no_personal_data(self, field):
        if self.public and not field.data:
            raise ValidationError(CONFIRM_FOR_PUBLIC)


class ResourceFilterForm(FilterForm):
    """The list's filters, read from the query string (unknown values are ignored)."""

    q = StringField(_l("Words"), filters=[_strip], validators=[Optional(), Length(max=200)])
    category = SelectField(_l("Category"), validate_choice=False,
                           choices=options([STATUS_ALL] + list(CATEGORY_LABELS.items())))
    sector = SelectField(_l("Sector"), choices=[], validate_choice=False)
    area = SelectField(_l("Area"), choices=[], validate_choice=False)
    org = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False,
                           choices=options([STATUS_ALL] + list(LANGUAGE_LABELS.items())))
    year = LocalizedIntegerField(_l("Year"), validators=[Optional()])
    mine = BooleanField(_l("Only my organisation's resources, in every state"), render_kw={"value": "1"})
    waiting = BooleanField(_l("Only resources awaiting review"), render_kw={"value": "1"})

    def set_choices(self, sectors, areas, orgs):
        self.sector.choices = options([STATUS_ALL] + [(s.code, s.tr("name")) for s in sectors])
        self.area.choices = options([STATUS_ALL] + [(a.code, a.tr("name")) for a in areas])
        self.org.choices = options([STATUS_ALL] + [(o.slug, o.tr("name")) for o in orgs])

    def validate_year(self, field):
        if field.data is not None and not 1900 <= field.data <= 2999:
            raise ValidationError(_l("Enter a year, for example 2024."))

    def value(self, name):
        """The field's value, or None when it could not be read (the error is shown instead)."""
        field = self[name]
        return None if field.errors else field.data
