"""Reading one cell as people type it in Excel: dates (real Excel dates or text such as
2026-03-31 or 31/03/2026, in either digit system), whole numbers (either digit system, with or
without thousands separators) and lists of codes. Each reader raises ``BadValue``."""
import re
from datetime import date, datetime

from ...i18n import ascii_digits

FORMULA_START = ("=", "+", "-", "@")
_LIST_SPLIT = re.compile(r"[,،;؛\n|]+")
_GROUPED = re.compile(r"^\d{1,3}([,.' ]\d{3})+$")
_WHOLE = re.compile(r"^\d+(\.0+)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y")


class BadValue(ValueError):
    """The cell cannot be read as the column wants; ``code`` names the problem."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def text(value):
    """A cell as text: no surrounding spaces, no NUL; the apostrophe the portal's export puts
    before a formula-like value is taken off again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    result = str(value).replace("\x00", "").replace("\r\n", "\n").strip()
    if result.startswith("'") and result[1:2] in FORMULA_START:
        result = result[1:]
    return result


def read_date(value):
    """A date, or None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        result = value
    else:
        raw = ascii_digits(text(value)).replace("\u200f", "").replace("\u200e", "")
        raw = raw.split(" ")[0].split("T")[0]  # "2026-03-31 00:00:00" from a CSV of Excel dates
        result = None
        for fmt in _DATE_FORMATS:
            try:
                result = datetime.strptime(raw, fmt).date()
                break
            except ValueError:
                continue
        if result is None:
            raise BadValue("date")
    if not 1900 <= result.year <= 2999:
        raise BadValue("date")
    return result


def read_count(value):
    """A whole number of people, or None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadValue("number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise BadValue("number")
    raw = ascii_digits(text(value))
    raw = raw.replace("٬", ",").replace("٫", ".").replace("\u00a0", " ").replace("\u202f", " ")
    raw = raw.strip()
    if not raw:
        return None
    if _GROUPED.match(raw):
        return int(re.sub(r"\D", "", raw))
    if _WHOLE.match(raw):
        return int(raw.split(".")[0])
    raise BadValue("number")


def split_list(value):
    """``"SY07, SY02"`` or ``"SY07،SY02"`` → ``["SY07", "SY02"]``."""
    return [part.strip() for part in _LIST_SPLIT.split(text(value)) if part.strip()]


def leading_code(item):
    """The code at the start of a drop-down item such as ``"SY07 · إدلب"``."""
    return re.split(r"\s*[·—–]\s*|\s+", item.strip(), maxsplit=1)[0] if item.strip() else ""
