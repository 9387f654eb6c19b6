"""The words shown for a resource's category, language, audience, file type and review state,
and the reasons a file is refused."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n import localize_digits

from ..models.moderation import (APPROVED, ARCHIVED, CHANGES_REQUESTED, DRAFT, REJECTED,
                                 SUBMITTED, VISIBILITY_MEMBERS, VISIBILITY_PUBLIC)
from ..models.resource import VISIBILITY_SECRETARIAT
from . import filetypes

CATEGORY_LABELS = {
    "report": _l("Report"),
    "policy_brief": _l("Policy brief"),
    "guideline": _l("Guideline or tool"),
    "template": _l("Template"),
    "training": _l("Training material"),
    "statement": _l("Statement"),
    "minutes": _l("Meeting minutes"),
    "other": _l("Other"),
}

LANGUAGE_LABELS = {
    "ar": _l("Arabic"),
    "en": _l("English"),
    "ar_en": _l("Arabic and English"),
    "ku": _l("Kurdish"),
    "tr": _l("Turkish"),
    "fr": _l("French"),
    "other": _l("Another language"),
}

VISIBILITY_LABELS = {
    VISIBILITY_PUBLIC: _l("Public"),
    VISIBILITY_MEMBERS: _l("Members only"),
    VISIBILITY_SECRETARIAT: _l("Secretariat only"),
}

TYPE_LABELS = {
    "pdf": _l("PDF"),
    "docx": _l("Word document"),
    "xlsx": _l("Excel workbook"),
    "pptx": _l("PowerPoint presentation"),
    "odt": _l("OpenDocument text"),
    "ods": _l("OpenDocument spreadsheet"),
    "odp": _l("OpenDocument presentation"),
    "txt": _l("Plain text"),
    "csv": _l("CSV table"),
    "png": _l("PNG image"),
    "jpeg": _l("JPEG image"),
}

ACCEPTED = _l("Accepted: PDF, Word, Excel, PowerPoint, OpenDocument, plain text or CSV (UTF-8), "
              "PNG and JPEG.")

REASONS = {
    filetypes.EMPTY: _l("The file is empty."),
    filetypes.PROGRAM: _l("This file is a program. Programs cannot be shared."),
    filetypes.WEB_PAGE: _l("This file contains a web page or an SVG image, whatever its name says. "
                           "For everyone's safety these cannot be shared: save it as PDF first."),
    filetypes.ARCHIVE: _l("This is a ZIP archive, not a Word, Excel, PowerPoint or OpenDocument "
                          "file. Archives cannot be shared: share the documents one by one."),
    filetypes.MACROS: _l("This document contains macros, which cannot be shared. Save it without "
                         "macros (as .docx, .xlsx or .pptx) first."),
    filetypes.OLD_OFFICE: _l("Old Word, Excel and PowerPoint files (.doc, .xls, .ppt) cannot be "
                             "shared. Save it as .docx, .xlsx, .pptx or PDF first."),
    filetypes.ENCODING: _l("This text file is not in UTF-8. Save it as UTF-8 text (or as PDF) "
                           "and send it again."),
    filetypes.DAMAGED: _l("This file seems damaged or incomplete. Open it on your computer, save "
                          "it again and send it again."),
    filetypes.UNKNOWN: _l("This kind of file cannot be shared."),
}

CONFIRMATION_LABELS = {
    True: _l("Confirmed: no personal data of beneficiaries"),
    False: _l("Not confirmed"),
}

FIELD_LABELS = {
    "title_ar": _l("Title in Arabic"),
    "title_en": _l("Title in English"),
    "description_ar": _l("Description in Arabic"),
    "description_en": _l("Description in English"),
    "category": _l("Category"),
    "language": _l("Language of the document"),
    "document_date": _l("Date of the document"),
    "visibility": _l("Who may see it"),
    "no_personal_data": _l("Personal data"),
    "link_url": _l("Link"),
    "sectors": _l("Sectors"),
    "areas": _l("Areas"),
    "file_version": _l("File"),
}

STATE_LABELS = {
    DRAFT: _l("Draft"),
    SUBMITTED: _l("Awaiting review"),
    CHANGES_REQUESTED: _l("Changes requested"),
    APPROVED: _l("Approved"),
    REJECTED: _l("Not approved"),
    ARCHIVED: _l("Withdrawn"),
}


def state_label(item):
    """The review state as its organisation reads it; secretariat-only resources are shared
    without review, so "approved" reads "Shared with the secretariat" for them."""
    if item.review_state == APPROVED and item.visibility == VISIBILITY_SECRETARIAT and item.proposal is None:
        return _l("Shared with the secretariat")
    if item.is_published and item.proposal is not None and item.review_state != ARCHIVED:
        return {
            DRAFT: _l("Published; an edit is in draft"),
            SUBMITTED: _l("Published; an edit awaits review"),
            CHANGES_REQUESTED: _l("Published; changes requested to an edit"),
            REJECTED: _l("Published; an edit was not approved"),
        }.get(item.review_state, STATE_LABELS.get(item.review_state, item.review_state))
    return STATE_LABELS.get(item.review_state, item.review_state)


def filesize(size):
    """``532 bytes``, ``14.2 KB``, ``3.5 MB``, with the page's digits. (Both page languages
    group thousands with "," and write decimals with "." as Babel's ar_SY and en_GB do; plain
    formatting is several times faster than Babel, and every row of the list shows a size.)"""
    if size is None:
        return ""
    if size < 1024:
        return _("%(n)s bytes", n=_number(size))
    if round(size / 1024, 1) < 1024:
        return _("%(n)s KB", n=_number(round(size / 1024, 1)))
    return _("%(n)s MB", n=_number(round(size / (1024 * 1024), 1)))


def _number(value):
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return localize_digits(text[:-2] if text.endswith(".0") else text)
