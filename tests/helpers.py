"""Helpers for driving forms through the test client with real CSRF tokens."""

from __future__ import annotations

import re
from html import unescape

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(html: str | bytes) -> str:
    """The CSRF token of the first form in ``html``."""
    text = html.decode() if isinstance(html, bytes) else html
    match = _CSRF.search(text)
    assert match, "no csrf_token field in the page"
    return unescape(match.group(1) or match.group(2))


def submit(client, url: str, data: dict | None = None, *, form_page: str | None = None, **kwargs):
    """GET ``form_page`` (default: ``url``) for its CSRF token, then POST ``data`` to ``url``."""
    page = client.get(form_page or url)
    assert page.status_code == 200, f"{form_page or url}: {page.status_code}"
    payload = {"csrf_token": csrf_token(page.data), **(data or {})}
    return client.post(url, data=payload, **kwargs)


def page_token(client, url: str = "/") -> str:
    """A CSRF token valid for this client's session (from any page with a form)."""
    return csrf_token(client.get(url).data)


def field_errors(html: str | bytes, field_id: str) -> list[str]:
    """The error messages shown beside the field ``field_id``."""
    text = html.decode() if isinstance(html, bytes) else html
    block = re.search(
        rf'<div class="fr-messages-group" id="{re.escape(field_id)}-messages"[^>]*>(.*?)</div>', text, re.S
    )
    if not block:
        return []
    return [
        unescape(m.strip()) for m in re.findall(r'fr-message--error"[^>]*>(.*?)</p>', block.group(1), re.S)
    ]


def input_value(html: str | bytes, field_id: str) -> str | None:
    """The value an <input id=field_id> is rendered with (None when it has none)."""
    text = html.decode() if isinstance(html, bytes) else html
    tag = re.search(rf'<input[^>]*\bid="{re.escape(field_id)}"[^>]*>', text)
    if not tag:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return unescape(value.group(1)) if value else None


def mail_links(message) -> list[str]:
    """The http(s) links in the plain-text part of an email message."""
    part = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else message
    text = part.get_content()
    return re.findall(r"https?://\S+", text)
