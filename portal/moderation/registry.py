"""The kinds of moderated submission. Each feature registers its kind once; the moderation
queue, the decisions and the notifications then work for it without knowing its details."""
from dataclasses import dataclass
from typing import Any, Callable

KINDS = {}


@dataclass(frozen=True)
class ModeratedKind:
    name: str                                  # "activity"
    model: Any                                 # the SQLAlchemy model (uses the Moderated mixin)
    label: Any                                 # lazy translated name, e.g. _l("Activity")
    snapshot: Callable[[Any], dict]            # the item's visible content as a dict
    apply_proposal: Callable[[Any, dict], None]  # write a proposal into the item's columns
    endpoint: str                              # the item's page, e.g. "activities.detail"
    sector_clause: Callable[[int], Any] = None  # WHERE clause: the item is in this sector
    after_publish: Callable[[Any], None] = None  # e.g. re-index the search words
    field_labels: dict = None                  # content key → lazy translated label, in display order
    value_labels: dict = None                  # content key → {stored value → lazy translated label}

    def proposed(self, item):
        """What the item will look like if approved (the proposal, or its own columns)."""
        return item.proposal if item.proposal is not None else self.snapshot(item)


def register(kind):
    KINDS[kind.name] = kind
    return kind


def kind_of(item):
    for kind in KINDS.values():
        if isinstance(item, kind.model):
            return kind
    raise LookupError(f"{type(item).__name__} is not a moderated kind")
