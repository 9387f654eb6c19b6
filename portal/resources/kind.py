"""Resources as a moderated kind: their content as a dict (the snapshot), and the way an
approved proposal is written back into the columns. Registered at import time.

A snapshot holds what a member edits, with sectors and areas as sorted lists of codes and the
date as an ISO string, plus the file others download (``file_version``; ``file_name`` is shown
to the moderator and ignored when applied)::

    title_ar, title_en, description_ar, description_en, category, language, document_date,
    visibility, no_personal_data, link_url, sectors, areas, file_version, file_name
"""
from datetime import date

from flask_babel import lazy_gettext as _l

from .. import pagecache, search
from ..extensions import db
from ..models import Area, Resource, ResourceVersion, Sector, resource_sector
from ..moderation.registry import ModeratedKind, register
from .labels import CATEGORY_LABELS, CONFIRMATION_LABELS, FIELD_LABELS, LANGUAGE_LABELS, VISIBILITY_LABELS

TEXT_FIELDS = ("title_ar", "title_en", "description_ar", "description_en")
PLAIN_FIELDS = TEXT_FIELDS + ("category", "language", "visibility", "no_personal_data", "link_url")
EDITED_KEYS = PLAIN_FIELDS + ("document_date", "sectors", "areas")
FILE_KEYS = ("file_version", "file_name")


def _file_name(resource, number):
    for version in resource.versions:
        if version.number == number:
            return version.original_name
    return ""


def snapshot(resource):
    """The resource's own (published or draft) content as a JSON-ready dict."""
    data = {name: getattr(resource, name) for name in PLAIN_FIELDS}
    data["document_date"] = resource.document_date.isoformat() if resource.document_date else None
    data["sectors"] = sorted(s.code for s in resource.sectors)
    data["areas"] = sorted(a.code for a in resource.areas)
    data["file_version"] = resource.file_version or 0
    data["file_name"] = _file_name(resource, resource.file_version)
    return data


def effective(resource):
    """What the organisation works on: the pending proposal, or the resource's own content."""
    return resource.proposal if resource.proposal is not None else snapshot(resource)


def apply_proposal(resource, content):
    """Write ``content`` (a snapshot dict) into the resource's columns and relations."""
    for name in PLAIN_FIELDS:
        if name in content:
            setattr(resource, name, content[name])
    resource.sectors = db.session.scalars(
        db.select(Sector).where(Sector.code.in_(content.get("sectors") or [])).order_by(Sector.position)).all()
    resource.areas = db.session.scalars(
        db.select(Area).where(Area.code.in_(content.get("areas") or [])).order_by(Area.position)).all()
    resource.document_date = date.fromisoformat(content["document_date"])
    if "file_version" in content:
        resource.file_version = content["file_version"] or 0


def reindex(resource):
    """Index the words of the resource's own columns (the published text once published)."""
    search.index("resource", resource.id, *(getattr(resource, name) for name in TEXT_FIELDS))


def after_publish(resource):
    """Approved: the search words follow the published text, and the file others now download
    becomes an approved ("released") version for good."""
    reindex(resource)
    pagecache.forget()  # this worker shows the approved version at once
    if resource.file_version:
        db.session.execute(
            db.update(ResourceVersion.__table__)
            .where(ResourceVersion.__table__.c.resource_id == resource.id,
                   ResourceVersion.__table__.c.number == resource.file_version)
            .values(released=True))


def in_sector(sector_id):
    """WHERE clause: the resource concerns this sector."""
    return Resource.id.in_(db.select(resource_sector.c.resource_id)
                           .where(resource_sector.c.sector_id == sector_id))


KIND = register(ModeratedKind(
    name="resource", model=Resource, label=_l("Resource"), snapshot=snapshot,
    apply_proposal=apply_proposal, endpoint="resources.detail", sector_clause=in_sector,
    after_publish=after_publish, field_labels=FIELD_LABELS,
    value_labels={"category": CATEGORY_LABELS, "language": LANGUAGE_LABELS,
                  "visibility": VISIBILITY_LABELS, "no_personal_data": CONFIRMATION_LABELS},
))
