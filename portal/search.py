"""The search index: the normalised words of each searchable item, kept in ``search_term``."""
from sqlalchemy import and_

from .extensions import db
from .models import SearchTerm
from .text import query_words, words

_TOP = "\U0010ffff"


def index(kind, object_id, *texts):
    """Replace the indexed words of one item (within the caller's transaction)."""
    db.session.execute(db.delete(SearchTerm).where(SearchTerm.kind == kind, SearchTerm.object_id == object_id))
    terms = words(" ".join(t for t in texts if t))
    if terms:
        db.session.execute(db.insert(SearchTerm), [
            {"kind": kind, "object_id": object_id, "term": term} for term in terms])


def unindex(kind, object_id):
    db.session.execute(db.delete(SearchTerm).where(SearchTerm.kind == kind, SearchTerm.object_id == object_id))


def condition(kind, id_column, query):
    """A WHERE clause: the item has, for every word of the query, a word starting with it.

    Returns None when the query has no words (no filtering).
    """
    clauses = []
    for word in query_words(query):
        clauses.append(id_column.in_(
            db.select(SearchTerm.object_id).where(
                SearchTerm.kind == kind, SearchTerm.term >= word, SearchTerm.term < word + _TOP)
        ))
    return and_(*clauses) if clauses else None
