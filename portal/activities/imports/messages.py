"""What the import pages say about a file, a note or a cell, in the reader's language."""
from flask_babel import gettext as _

from ...i18n import format_number


def file_problem(code, params):
    """Why a whole file was refused."""
    if code == "too_many_rows":
        return _("The file has more than %(max)s rows of activities. Split it into several "
                 "files and import them one after the other.", max=format_number(params["max"]))
    if code == "too_large":
        return _("The file is larger than %(size)s MB. Remove unused sheets, pictures or "
                 "formatting, or split it.", size=format_number(params["mb"]))
    return {
        "empty_file": _("The file is empty."),
        "encrypted": _("The file is protected by a password. Open it in Excel, remove the "
                       "password (File › Info › Protect Workbook) and save it again."),
        "old_excel": _("This is an old Excel file (.xls). Open it in Excel and save it as an "
                       "Excel Workbook (.xlsx), or as CSV UTF-8."),
        "opendocument": _("This is an OpenDocument spreadsheet. Save it as an Excel Workbook "
                          "(.xlsx) or as CSV UTF-8 first."),
        "corrupt": _("The file could not be opened: it seems damaged. Open it in Excel, save "
                     "it again as an Excel Workbook (.xlsx) and upload the new copy."),
        "too_big_unpacked": _("Once unpacked, the file would be far larger than a sheet of "
                              "activities can be. It was not read."),
        "not_spreadsheet": _("This file is not a spreadsheet. Upload the template filled in "
                             "(.xlsx) or a CSV file."),
        "encoding": _("The text of the file could not be read. Save it from Excel as "
                      "“CSV UTF-8”."),
        "empty_sheet": _("The sheet is empty."),
        "no_header": _("No column of the template was found. Keep the header rows of the "
                       "template (the row of #hashtags) above your data."),
        "no_rows": _("The sheet has its headers but no rows of activities below them."),
    }.get(code, _("The file could not be read."))


def note(code, params):
    """Something about the file that the user should know, though the import can go on."""
    if code == "hidden_sheet":
        return _("The hidden sheet “%(sheet)s” was not read.", **params)
    if code == "other_sheets":
        return _("Only the sheet “%(sheet)s” was read; these sheets were not: %(others)s.",
                 **params)
    if code == "unknown_column":
        return _("Column %(column)s (“%(header)s”) is not one the portal knows: it was "
                 "ignored.", **params)
    if code == "duplicate_column":
        return _("Column %(column)s (“%(header)s”) repeats an earlier column: it was "
                 "ignored.", **params)
    if code == "merged":
        return _("Merged cells (%(ranges)s): each row of a merged range took the value shown "
                 "in it.", **params)
    return code


def cell_problem(code, **params):
    """What is wrong with one value."""
    if code == "unknown_area":
        return _("Unknown area “%(value)s”: give its P-code (e.g. SY07) or its name.", **params)
    if code == "ambiguous_area":
        return _("“%(value)s” is the name of several areas: give the P-code (%(codes)s).",
                 **params)
    if code == "unknown_sector":
        return _("Unknown sector “%(value)s”: choose one from the list.", **params)
    if code == "unknown_status":
        return _("Unknown status “%(value)s”: planned, ongoing or completed.", **params)
    if code == "unknown_visibility":
        return _("Unknown audience “%(value)s”: public or members.", **params)
    if code == "date":
        return _("“%(value)s” is not a date: write it as 2026-03-31 or 31/03/2026.", **params)
    if code == "number":
        return _("“%(value)s” is not a whole number.", **params)
    if code == "other_org":
        return _("This row belongs to another organisation (%(value)s): you can only import "
                 "%(org)s's own activities.", **params)
    if code == "unknown_activity":
        return _("%(org)s has no activity number %(value)s.", **params)
    if code == "archived":
        return _("Activity %(value)s is archived and cannot be changed.", **params)
    if code == "differs":
        return _("This row has the same reference as row %(row)s but another value here.",
                 **params)
    if code == "ref_too_long":
        return _("A reference has at most %(max)s characters.", **params)
    return code


def suggestion(name, code):
    return _("Did you mean %(name)s (%(code)s)?", name=name, code=code)
