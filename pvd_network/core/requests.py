"""The request class: parameters never carry NUL characters.

PostgreSQL refuses NUL in text ("cannot contain NUL bytes") where SQLite accepts it, so a
``?region=%00`` would turn into a 500 on one database and not the other. Every query-string
and form value (and key) is cleaned once, here, with U+FFFD in place of NUL: views then see
an unknown value and answer as for any other (ignored, 400 or 404). Path segments with a NUL
never name anything: 404.
"""
from __future__ import annotations

from flask import Flask, Request, abort
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items

NUL, REPLACEMENT = "\x00", "\ufffd"


def _clean(value):
    return value.replace(NUL, REPLACEMENT) if isinstance(value, str) else value


class NulFreeMultiDict(ImmutableMultiDict):
    """Query-string and form parameters, with NUL replaced in keys and values."""

    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [(_clean(key), _clean(value)) for key, value in iter_multi_items(mapping)]
        super().__init__(mapping)


class PvdRequest(Request):
    parameter_storage_class = NulFreeMultiDict


def register(app: Flask) -> None:
    """Use :class:`PvdRequest` and refuse URL path values holding NUL."""
    app.request_class = PvdRequest

    @app.url_value_preprocessor
    def _refuse_nul_in_path(_endpoint, values) -> None:
        if values and any(isinstance(v, str) and NUL in v for v in values.values()):
            abort(404)
