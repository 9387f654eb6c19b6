"""The sectors, areas, statuses and audiences an import recognises, by code or by name, loaded
once per file; and the closest known area for a name that is not quite right."""
import difflib

from flask_babel import force_locale

from ...extensions import db
from ...forms import options
from ...models import Area, Sector
from ...text import normalise
from ..labels import STATUS_LABELS, VISIBILITY_LABELS
from .values import leading_code


def _labels(mapping):
    """Stored value → itself, and its label in both languages (case-folded) → stored value."""
    known = {code.casefold(): code for code in mapping}
    for lang in ("ar", "en"):
        with force_locale(lang):
            for code, label in mapping.items():
                known.setdefault(str(label).strip().casefold(), code)
    return known


class Reference:
    """Everything a file's rows are checked against, read with two queries."""

    def __init__(self):
        self.sectors = db.session.scalars(db.select(Sector).order_by(Sector.position)).all()
        self.areas = db.session.scalars(db.select(Area).order_by(Area.position)).all()
        self.sector_codes = {s.code.upper(): s.code for s in self.sectors}
        self.sector_names = {}
        for s in self.sectors:
            for name in (s.name_ar, s.name_en):
                self.sector_names.setdefault(normalise(name), s.code)
        self.area_codes = {a.code.upper(): a for a in self.areas}
        self.area_rows = {a.code: a for a in self.areas}  # the activity form's places, every level
        self.area_names = {}
        for a in self.areas:
            for name in {normalise(a.name_ar), normalise(a.name_en)}:
                self.area_names.setdefault(name, []).append(a)
        self.statuses = _labels(STATUS_LABELS)
        self.visibilities = _labels(VISIBILITY_LABELS)
        self._choices = None

    def choices(self):
        """The activity form's choices (built once, shared by every row's form)."""
        if self._choices is None:
            self._choices = (
                options([("", "")] + [(s.code, s.code) for s in self.sectors]),
                options((s.code, s.code) for s in self.sectors),
                options((a.code, a.code) for a in self.areas),
            )
        return self._choices

    def sector(self, item):
        """A sector code from a code, a drop-down item ("HEALTH · Health") or a name; or None."""
        code = self.sector_codes.get(leading_code(item).upper())
        return code or self.sector_codes.get(item.strip().upper()) or self.sector_names.get(normalise(item))

    def area(self, item):
        """(code, None) for a known area; (None, [areas]) for an ambiguous name; (None, [])."""
        area = self.area_codes.get(leading_code(item).upper()) or self.area_codes.get(item.strip().upper())
        if area is not None:
            return area.code, None
        found = self.area_names.get(normalise(item), [])
        if len(found) == 1:
            return found[0].code, None
        return None, found

    def closest_area(self, item):
        """The known area whose name (or code) is closest to ``item``, or None."""
        wanted = normalise(item)
        candidates = list(self.area_names) + [c.casefold() for c in self.area_codes]
        match = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.7)
        if not match:
            return None
        if match[0] in self.area_names:
            return self.area_names[match[0]][0]
        return self.area_codes[match[0].upper()]
