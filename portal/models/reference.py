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


class Area(Bilingual, db.Model):
    """A governorate (``kind='governorate'``, P-code SY01..SY14) or a country (ISO alpha-3)."""

    __tablename__ = "area"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True, nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    name_ar = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)

    def __repr__(self):
        return f"<Area {self.code}>"
