"""When an application context that recorded search changes ends, drain the log.

Runs after the view returned (its transaction committed) and after CLI commands; a
failure is logged and never reaches the user: the next drain catches up.
"""

from __future__ import annotations

import logging

from flask import Flask

from pvd_network.core.changes import changes_recorded

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Attach the drain to the end of every application context of ``app``."""

    @app.teardown_appcontext
    def drain_search_log(_error=None) -> None:
        if not changes_recorded() or not app.config.get("SEARCH_AUTO_DRAIN", True):
            return
        from pvd_network.search.indexer import drain

        try:
            drain()
        except Exception:  # noqa: BLE001 - search is derived data: never fail the request for it
            log.exception("Search index drain failed; `flask search sync` will catch up")
