"""Reference data: sectors and areas (governorates by P-code, neighbouring countries by ISO code)."""
from ..extensions import db
from .base import Bilingual


class Sector(Bilingual, db.Model):
    __tablename__ = "sector"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(32), unique=True, nullable=False)
    name_ar = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)

    def __repr__(self):
        return f"<Sector {self.code}>"


GOVERNORATE, DISTRICT, SUBDISTRICT, COUNTRY = "governorate", "district", "subdistrict", "country"
ADMIN_LEVEL = {GOVERNORATE: 1, DISTRICT: 2, SUBDISTRICT: 3, COUNTRY: 1}


class Area(Bilingual, db.Model):
    """A place where members work, keyed by its code.

    Syria's administrative places by OCHA P-code: governorates (admin 1, SY07), districts
    (admin 2, SY0700) and sub-districts (admin 3, SY070000), each under its parent; and the
    neighbouring countries by ISO alpha-3 code (TUR), which have no places under them here.
    ``adm1_id`` and ``adm2_id`` name the governorate and the district a place lies in (empty
    for the place itself at that level), so that a filter or the matrix rolls up in one join.
    """

    __tablename__ = "area"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True, nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    name_ar = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)
    parent_id = db.Column(db.ForeignKey("area.id"), index=True)
    adm1_id = db.Column(db.ForeignKey("area.id"), index=True)
    adm2_id = db.Column(db.ForeignKey("area.id"), index=True)

    parent = db.relationship("Area", remote_side=[id], foreign_keys=[parent_id])

    __table_args__ = (
        db.CheckConstraint("kind in ('governorate', 'district', 'subdistrict', 'country')",
                           name="kind_known"),
    )

    @property
    def level(self):
        """1 for governorates and countries, 2 for districts, 3 for sub-districts."""
        return ADMIN_LEVEL[self.kind]

    @property
    def top_id(self):
        """The governorate (or country) this place lies in: itself at the top."""
        return self.adm1_id or self.id

    def __repr__(self):
        return f"<Area {self.code}>"
