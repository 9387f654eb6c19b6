"""The resource library: documents and links members share, each file kept in versions.

A resource is either a link (``link_url``) or a file kept as numbered versions. Its own columns
hold what others see once it is published (see :mod:`portal.models.moderation`), including
``file_version``: the number of the version others download. A version uploaded to a published
resource waits in the proposal until the secretariat approves it; ``released`` marks the
versions the secretariat has approved, the only ones others may ever download.
"""
from ..extensions import db
from .base import Bilingual, link_table, utcnow
from .moderation import Moderated, OrgSubmission

CATEGORIES = ("report", "policy_brief", "guideline", "template", "training", "statement",
              "minutes", "other")
DOCUMENT_LANGUAGES = ("ar", "en", "ar_en", "ku", "tr", "fr", "other")
VISIBILITY_SECRETARIAT = "secretariat"
RESOURCE_VISIBILITIES = ("public", "members", VISIBILITY_SECRETARIAT)

resource_sector = link_table("resource", "sector")
resource_area = link_table("resource", "area")


class Resource(OrgSubmission, Moderated, Bilingual, db.Model):
    __tablename__ = "resource"

    id = db.Column(db.Integer, primary_key=True)
    category = db.Column(db.String(20), nullable=False, default="other", index=True)
    language = db.Column(db.String(8), nullable=False, default="ar")
    document_date = db.Column(db.Date, nullable=False, index=True)
    visibility = db.Column(db.String(16), nullable=False, default="members")
    no_personal_data = db.Column(db.Boolean, nullable=False, default=False)
    link_url = db.Column(db.String(500), nullable=False, default="")
    # The version others download (0: a link, or no file yet).
    file_version = db.Column(db.Integer, nullable=False, default=0)
    downloads = db.Column(db.Integer, nullable=False, default=0)

    sectors = db.relationship("Sector", secondary=resource_sector, order_by="Sector.position")
    areas = db.relationship("Area", secondary=resource_area, order_by="Area.position")
    versions = db.relationship("ResourceVersion", back_populates="resource",
                               order_by="ResourceVersion.number.desc()",
                               cascade="all, delete-orphan", passive_deletes=True)
    current = db.relationship(
        "ResourceVersion", uselist=False, viewonly=True,
        primaryjoin="and_(Resource.id == ResourceVersion.resource_id, "
                    "Resource.file_version == ResourceVersion.number)")

    __table_args__ = (
        db.Index("ix_resource_listing", "is_published", "review_state", "document_date"),
        db.CheckConstraint("title_ar <> '' or title_en <> ''", name="has_title"),
        db.CheckConstraint("category in ('report', 'policy_brief', 'guideline', 'template', "
                           "'training', 'statement', 'minutes', 'other')", name="category_known"),
        db.CheckConstraint("language in ('ar', 'en', 'ar_en', 'ku', 'tr', 'fr', 'other')",
                           name="language_known"),
        db.CheckConstraint("visibility in ('public', 'members', 'secretariat')", name="visibility_known"),
        db.CheckConstraint("visibility <> 'public' or no_personal_data or link_url <> ''",
                           name="public_files_confirmed"),
        db.CheckConstraint("downloads >= 0 and file_version >= 0", name="counts_positive"),
    )

    @property
    def is_link(self):
        return bool(self.link_url)

    def __repr__(self):
        return f"<Resource {self.id} {self.review_state}>"


class ResourceVersion(db.Model):
    """One uploaded file of a resource. Stored under ``storage_key`` (generated, never the
    user's name); the original name is kept to be sent back on download."""

    __tablename__ = "resource_version"

    id = db.Column(db.Integer, primary_key=True)
    resource_id = db.Column(db.ForeignKey("resource.id", ondelete="CASCADE"), nullable=False)
    number = db.Column(db.Integer, nullable=False)
    storage_key = db.Column(db.String(64), nullable=False, unique=True)
    original_name = db.Column(db.String(255), nullable=False)
    file_type = db.Column(db.String(8), nullable=False)
    mime_type = db.Column(db.String(120), nullable=False)
    size = db.Column(db.BigInteger, nullable=False)
    sha256 = db.Column(db.String(64), nullable=False, index=True)
    released = db.Column(db.Boolean, nullable=False, default=False)
    uploaded_by_id = db.Column(db.ForeignKey("user_account.id"))
    uploaded_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)

    resource = db.relationship("Resource", back_populates="versions")
    uploaded_by = db.relationship("User")

    __table_args__ = (
        db.UniqueConstraint("resource_id", "number", name="uq_resource_version_number"),
        db.CheckConstraint("number >= 1 and size >= 0", name="number_and_size_positive"),
    )

    def __repr__(self):
        return f"<ResourceVersion {self.resource_id} v{self.number}>"
