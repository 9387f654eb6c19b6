"""The portal's data model, one module per aggregate."""
from .activity import ACTIVITY_STATUSES, PEOPLE_PARTS, Activity, SearchTerm, activity_area, activity_sector
from .audit import AuditEvent
from .base import utcnow
from .import_batch import ImportBatch
from .mail import OutboxMail
from .meeting import CalendarFeed, Meeting, Registration  # noqa: F401
from .moderation import Moderated
from .org import Organisation, org_area, org_sector
from .page import Page, PageRevision
from .progress import ActivityProgress
from .reference import Area, Sector
from .resource import Resource, ResourceVersion, resource_area, resource_sector  # noqa: F401
from .session import LoginThrottle, RecoveryCode, UserSession
from .user import ROLE_MEMBER, ROLE_SECRETARIAT, ROLES, Invitation, PasswordReset, User
from .volunteer import VolunteerApplication

__all__ = [
    "ACTIVITY_STATUSES", "PEOPLE_PARTS", "Activity", "SearchTerm", "activity_area", "activity_sector",
    "Moderated", "ActivityProgress",
    "AuditEvent", "ImportBatch", "OutboxMail", "Organisation", "org_area", "org_sector", "Page", "PageRevision",
    "Area", "Sector", "ROLE_MEMBER", "ROLE_SECRETARIAT", "ROLES", "Invitation", "PasswordReset",
    "User", "VolunteerApplication", "utcnow", "UserSession", "RecoveryCode", "LoginThrottle",
]
