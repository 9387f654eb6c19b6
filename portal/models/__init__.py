"""The portal's data model, one module per aggregate."""
from .audit import AuditEvent
from .base import utcnow
from .mail import OutboxMail
from .org import Organisation, org_area, org_sector
from .page import Page, PageRevision
from .reference import Area, Sector
from .user import ROLE_MEMBER, ROLE_SECRETARIAT, ROLES, Invitation, PasswordReset, User
from .volunteer import VolunteerApplication

__all__ = [
    "AuditEvent", "OutboxMail", "Organisation", "org_area", "org_sector", "Page", "PageRevision",
    "Area", "Sector", "ROLE_MEMBER", "ROLE_SECRETARIAT", "ROLES", "Invitation", "PasswordReset",
    "User", "VolunteerApplication", "utcnow",
]
