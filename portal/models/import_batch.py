"""A spreadsheet import of activities: first a preview (the checked rows, kept on the server
until the user confirms or it expires), then the batch its activities enter moderation as."""
from ..extensions import db
from .base import utcnow


class ImportBatch(db.Model):
    __tablename__ = "import_batch"

    id = db.Column(db.Integer, primary_key=True)
    # The preview's address: random, and only ever shown to the user who uploaded the file.
    token = db.Column(db.String(64), unique=True, nullable=False)
    org_id = db.Column(db.ForeignKey("organisation.id"), nullable=False, index=True)
    created_by_id = db.Column(db.ForeignKey("user_account.id"), nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    confirmed_at = db.Column(db.DateTime(timezone=True))
    file_name = db.Column(db.String(200), nullable=False, default="")
    # Counts per outcome: {"new": 3, "update": 1, "unchanged": 0, "error": 2, "saved": 4}.
    summary = db.Column(db.JSON, nullable=False, default=dict)
    # The checked rows and notes about the file; emptied once confirmed. Deferred: the
    # moderation queue loads the batch of each item and never needs them.
    preview = db.deferred(db.Column(db.JSON))

    org = db.relationship("Organisation")
    created_by = db.relationship("User")

    def __repr__(self):
        return f"<ImportBatch {self.id} org={self.org_id}>"
