"""The search change log: one row per change that affects what search should return.

Content services call :func:`record_change` in the same transaction as the change itself;
the search feature applies the log to its index after a cursor (DESIGN.md §1). Content
never imports search: this module is all it knows about it.
"""
from __future__ import annotations

from datetime import datetime

from flask import g, has_app_context
from sqlalchemy import BigInteger, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pvd_network.core.database import utcnow
from pvd_network.extensions import db

# Kinds of change: "upsert" (created, edited, published, unhidden…) and "delete" (removed,
# hidden, unpublished). The indexer re-reads the row either way, so both are hints.
UPSERT, DELETE = "upsert", "delete"


class SearchChange(db.Model):
    """An append-only log entry with an increasing sequence number."""

    __tablename__ = "search_changes"

    # BigInteger on PostgreSQL, INTEGER PRIMARY KEY (rowid alias) on SQLite.
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    entity: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default=UPSERT)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)

    def __repr__(self) -> str:
        return f"<SearchChange {self.seq} {self.kind} {self.entity}:{self.entity_id}>"


def record_change(entity: str, entity_id: int, kind: str = UPSERT) -> None:
    """Append a change to the log in the current transaction (flush before if the id is new)."""
    db.session.add(SearchChange(entity=entity, entity_id=entity_id, kind=kind))
    if has_app_context():
        # Read when the application context ends: the search feature then drains the log.
        g.pvd_search_changed = True


def changes_recorded() -> bool:
    """True (once) when this application context recorded changes: pops the mark."""
    return bool(has_app_context() and g.pop("pvd_search_changed", False))
