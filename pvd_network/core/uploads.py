"""Files uploaded by members, stored under ``<instance>/uploads/`` with random names."""
from __future__ import annotations

import logging
import os
import re
import secrets

from flask import current_app

log = logging.getLogger(__name__)

# What a stored name looks like: random URL-safe characters and an extension.
STORED_NAME = re.compile(r"^[A-Za-z0-9_-]{16,64}\.[a-z0-9]{2,5}$")


def folder(kind: str) -> str:
    """The folder holding uploads of ``kind`` ("avatars"...), created on demand."""
    path = os.path.join(current_app.instance_path, "uploads", kind)
    os.makedirs(path, exist_ok=True)
    return path


def store(kind: str, data: bytes, extension: str) -> str:
    """Write ``data`` under a new random name; return that name."""
    name = f"{secrets.token_urlsafe(18)}.{extension}"
    with open(os.path.join(folder(kind), name), "xb") as fh:
        fh.write(data)
    return name


def remove(kind: str, name: str | None) -> None:
    """Delete a stored upload if it exists (names that are not ours are ignored)."""
    if not name or not STORED_NAME.match(name):
        return
    try:
        os.remove(os.path.join(folder(kind), name))
    except FileNotFoundError:
        pass
    except OSError:
        log.exception("Could not remove upload %s/%s", kind, name)


def is_stored_name(name: str) -> bool:
    """True when ``name`` could be one of our stored names (guards the serving view)."""
    return bool(STORED_NAME.match(name or ""))
