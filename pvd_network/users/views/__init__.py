"""Profiles, the members directory and the administration of members (blueprint ``users``)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("users", __name__)

from pvd_network.users.views import admin, profiles  # noqa: E402,F401  (routes on bp)
