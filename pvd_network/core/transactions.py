"""Work tied to the outcome of the database transaction: mails, files.

Services call :func:`after_commit` with a callable; it runs once the session's current
transaction commits, and is forgotten if the transaction rolls back (mails, removal of a
replaced file). :func:`after_rollback` is the reverse (removal of a file written for a
change that did not happen). A failing callable is logged and changes nothing else.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from pvd_network.extensions import db

log = logging.getLogger(__name__)
_KEY = "pvd_after_commit"
_ROLLBACK_KEY = "pvd_after_rollback"


def after_commit(callback: Callable[[], object], session: Session | None = None) -> None:
    """Run ``callback`` after the current transaction of ``session`` (default: db.session) commits."""
    target = session if session is not None else db.session()
    target.info.setdefault(_KEY, []).append(callback)


def after_rollback(callback: Callable[[], object], session: Session | None = None) -> None:
    """Run ``callback`` if the current transaction rolls back (undo a file written for it)."""
    target = session if session is not None else db.session()
    target.info.setdefault(_ROLLBACK_KEY, []).append(callback)


def _run(callbacks: list[Callable[[], object]], when: str) -> None:
    for callback in callbacks:
        try:
            callback()
        except Exception:  # noqa: BLE001 - the transaction's outcome stands whatever happens here
            log.exception("%s task %r failed", when, callback)


def pending(session: Session | None = None) -> int:
    """How many callables wait for the commit (for tests and logs)."""
    target = session if session is not None else db.session()
    return len(target.info.get(_KEY, []))


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: the transaction goes on
        return
    session.info.pop(_ROLLBACK_KEY, None)
    _run(session.info.pop(_KEY, []), "After-commit")


@event.listens_for(Session, "after_rollback")
def _run_after_rollback(session: Session) -> None:
    if session.in_nested_transaction():  # only a savepoint rolled back: the transaction goes on
        return
    session.info.pop(_KEY, None)
    _run(session.info.pop(_ROLLBACK_KEY, []), "After-rollback")
