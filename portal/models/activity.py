"""Sector activities: who does what, where, when, for how many people (the 4W)."""
from ..extensions import db
from .base import Bilingual, link_table
from .moderation import Moderated, OrgSubmission

STATUS_PLANNED = "planned"
STATUS_ONGOING = "ongoing"
STATUS_COMPLETED = "completed"
ACTIVITY_STATUSES = (STATUS_PLANNED, STATUS_ONGOING, STATUS_COMPLETED)
PEOPLE_PARTS = ("women", "men", "girls", "boys")

activity_sector = link_table("activity", "sector")
activity_area = link_table("activity", "area")


class Activity(OrgSubmission, Moderated, Bilingual, db.Model):
    __tablename__ = "activity"

    id = db.Column(db.Integer, primary_key=True)
    primary_sector_id = db.Column(db.ForeignKey("sector.id"), nullable=False)
    start_date = db.Column(db.Date, nullable=False, index=True)
    end_date = db.Column(db.Date, index=True)
    status = db.Column(db.String(16), nullable=False, default=STATUS_PLANNED)
    visibility = db.Column(db.String(16), nullable=False, default="public")
    # People targeted and reached, each optionally split into women, men, girls and boys.
    targeted_total = db.Column(db.Integer)
    targeted_women = db.Column(db.Integer)
    targeted_men = db.Column(db.Integer)
    targeted_girls = db.Column(db.Integer)
    targeted_boys = db.Column(db.Integer)
    reached_total = db.Column(db.Integer)
    reached_women = db.Column(db.Integer)
    reached_men = db.Column(db.Integer)
    reached_girls = db.Column(db.Integer)
    reached_boys = db.Column(db.Integer)
    # The organisation's own reference for the activity (from a spreadsheet import): a later
    # import with the same reference updates this activity instead of adding another.
    org_ref = db.Column(db.String(100))
    import_batch_id = db.Column(db.ForeignKey("import_batch.id"), index=True)

    primary_sector = db.relationship("Sector")
    sectors = db.relationship("Sector", secondary=activity_sector, order_by="Sector.position")
    areas = db.relationship("Area", secondary=activity_area, order_by="Area.position")
    import_batch = db.relationship("ImportBatch")

    __table_args__ = (
        db.Index("ix_activity_listing", "is_published", "review_state", "start_date"),
        # Covers the 4W matrix's GROUP BY: main sector, audience, state, period, organisation, people.
        db.Index("ix_activity_matrix", "primary_sector_id", "is_published", "visibility", "review_state",
                 "start_date", "end_date", "org_id", "reached_total"),
        db.CheckConstraint("status in ('planned', 'ongoing', 'completed')", name="status_known"),
        db.CheckConstraint("visibility in ('public', 'members')", name="visibility_known"),
        db.CheckConstraint("end_date is null or end_date >= start_date", name="dates_ordered"),
        db.UniqueConstraint("org_id", "org_ref", name="uq_activity_org_ref"),
    )

    def __repr__(self):
        return f"<Activity {self.id} {self.review_state}>"


class SearchTerm(db.Model):
    """The normalised words of a searchable item (activities, later resources), one row a word.

    A query word matches the words that start with it, found through the (kind, term) index:
    the same on SQLite and PostgreSQL, and fast without a full scan.
    """

    __tablename__ = "search_term"

    kind = db.Column(db.String(16), primary_key=True)
    object_id = db.Column(db.Integer, primary_key=True)
    # Byte order on both databases ("C" on PostgreSQL, SQLite's default BINARY), so that a
    # prefix is a range of the index: term >= 'مدرس' AND term < 'مدرس' + U+10FFFF.
    term = db.Column(db.String(64).with_variant(db.String(64, collation="C"), "postgresql"),
                     primary_key=True)

    __table_args__ = (db.Index("ix_search_term_lookup", "kind", "term", "object_id"),)
