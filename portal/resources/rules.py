"""Who sees which resource and which of its files: the shared rule of :mod:`portal.visibility`,
plus the third audience resources have, "secretariat only".

- a secretariat-only resource is seen by the secretariat and its own organisation, nobody else;
- everything else exactly as :mod:`portal.visibility` says (published public ones for everyone,
  published members-only ones for members, anything of one's own organisation, everything for
  the secretariat);
- files: the organisation and the secretariat may download every version; others only the
  versions the secretariat approved (``released``), of a resource they may see.

Lists, pages, downloads and search all use these functions; the page and its files answer the
same way.
"""
from sqlalchemy import and_, or_

from .. import visibility
from ..models import Resource
from ..models.resource import VISIBILITY_SECRETARIAT
from ..permissions import is_secretariat


def _own_org(user):
    return bool(user is not None and user.is_authenticated and user.org_id)


def _secretariat_only_restriction(user):
    """WHERE clause: not secretariat-only, unless it is the user's organisation's."""
    clause = Resource.visibility != VISIBILITY_SECRETARIAT
    if _own_org(user):
        clause = or_(clause, Resource.org_id == user.org_id)
    return clause


def visible_clause(user):
    """What ``user`` may see of the resources (None: no restriction)."""
    shared = visibility.visible_clause(Resource, user)
    if shared is None:
        return None
    return and_(shared, _secretariat_only_restriction(user))


def visible_to(query, user):
    clause = visible_clause(user)
    return query if clause is None else query.where(clause)


def published_to(query, user):
    """Only what others see (approved, not withdrawn), narrowed by audience: the list and
    search show the published version, whoever asks."""
    query = visibility.published_to(query, Resource, user)
    return query if is_secretariat(user) else query.where(_secretariat_only_restriction(user))


def may_see(item, user):
    """The same rule for one loaded resource."""
    if not visibility.may_see(item, user):
        return False
    if item.visibility != VISIBILITY_SECRETARIAT or is_secretariat(user):
        return True
    return _own_org(user) and item.org_id == user.org_id


def insider(item, user):
    """Its own organisation and the secretariat: they see review states, pending edits and
    every version."""
    return is_secretariat(user) or (_own_org(user) and item.org_id == user.org_id)


def may_edit(item, user):
    """Edit, upload a version, submit or withdraw: staff of the resource's own organisation."""
    return visibility.may_edit(item, user)


def may_download(item, version, user):
    """A version of a resource: for those who may see the resource, every version if they are
    insiders, otherwise only versions approved by the secretariat."""
    if version is None or version.resource_id != item.id or not may_see(item, user):
        return False
    return version.released or insider(item, user)
