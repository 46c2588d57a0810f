"""Template hooks: a page of a lower feature shows blocks that higher features provide.

A template calls ``{{ template_hook("user-profile", user=user) }}``; every receiver of
:data:`template_hook` connected for that name returns HTML (or None), shown in order.
This keeps dependencies pointing one way: the profile page (users) lists write-ups
without importing them. (Indico's template hooks.)
"""
from __future__ import annotations

from blinker import Namespace
from markupsafe import Markup

_signals = Namespace()

template_hook = _signals.signal("template-hook")


def render_template_hook(name: str, **kwargs) -> Markup:
    """The concatenated HTML of every receiver connected for ``name``."""
    parts = [html for _receiver, html in template_hook.send(name, **kwargs) if html]
    # Receivers return HTML rendered by their own (autoescaping) templates.
    return Markup("").join(Markup(part) for part in parts)  # noqa: S704
