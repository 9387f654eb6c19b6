"""Who sees which moderated item: one rule, for lists, pages, downloads, exports, the matrix
and search alike. A page that bypasses it is a bug.

- the public: published (approved, not archived) and public;
- logged-in members: published (public or members only), and anything of their own organisation;
- the secretariat: everything.
"""
from sqlalchemy import and_, false, or_

from .models.moderation import ARCHIVED, VISIBILITY_PUBLIC
from .permissions import is_secretariat


def published(model):
    return and_(model.is_published.is_(True), model.review_state != ARCHIVED)


def visible_clause(model, user):
    """The WHERE clause of what ``user`` may see of ``model`` (None: no restriction)."""
    if is_secretariat(user):
        return None
    if user is not None and user.is_authenticated:
        return or_(published(model), model.org_id == user.org_id) if user.org_id else published(model)
    return and_(published(model), model.visibility == VISIBILITY_PUBLIC)


def visible_to(query, model, user):
    """``query`` narrowed to what ``user`` may see."""
    clause = visible_clause(model, user)
    return query if clause is None else query.where(clause)


def published_to(query, model, user):
    """Only what others see (approved, not archived), narrowed by audience: lists, the matrix,
    exports and search show the published version, whoever asks."""
    query = query.where(published(model))
    if user is None or not user.is_authenticated:
        query = query.where(model.visibility == VISIBILITY_PUBLIC)
    return query


def may_see(item, user):
    """The same rule for one loaded item."""
    if item is None:
        return False
    if is_secretariat(user):
        return True
    if user is not None and user.is_authenticated and user.org_id and item.org_id == user.org_id:
        return True
    if not item.is_published or item.review_state == ARCHIVED:
        return False
    return item.visibility == VISIBILITY_PUBLIC or bool(user is not None and user.is_authenticated)


def may_edit(item, user):
    """Edit, submit or archive: staff of the item's own organisation only."""
    return bool(user is not None and user.is_authenticated and user.org_id and item.org_id == user.org_id
                and user.role == "member")


__all__ = ["published", "visible_clause", "visible_to", "published_to", "may_see", "may_edit", "false"]
