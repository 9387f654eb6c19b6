"""Member organisations."""
from ..extensions import db
from .base import Bilingual, utcnow

org_sector = db.Table(
    "org_sector",
    db.Column("org_id", db.ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    db.Column("sector_id", db.ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
)
org_area = db.Table(
    "org_area",
    db.Column("org_id", db.ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    db.Column("area_id", db.ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)


class Organisation(Bilingual, db.Model):
    __tablename__ = "organisation"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(64), unique=True, nullable=False)
    name_ar = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False)
    acronym = db.Column(db.String(32), nullable=False, default="")
    website = db.Column(db.String(300), nullable=False, default="")
    description_ar = db.Column(db.Text, nullable=False, default="")
    description_en = db.Column(db.Text, nullable=False, default="")
    logo_file = db.Column(db.String(80))
    logo_mime = db.Column(db.String(40))
    is_demo = db.Column(db.Boolean, nullable=False, default=False)
    active = db.Column(db.Boolean, nullable=False, default=True, index=True)
    require_2fa = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)

    sectors = db.relationship("Sector", secondary=org_sector, order_by="Sector.position")
    areas = db.relationship("Area", secondary=org_area, order_by="Area.position")

    def __repr__(self):
        return f"<Organisation {self.slug}>"
