"""The one sanitiser: Markdown (CommonMark) to HTML, then bleach with explicit allow-lists.

Every piece of user-written Markdown goes through :func:`render_markdown`; the HTML it
returns is stored beside the source on save, so pages never render Markdown themselves.
"""
from __future__ import annotations

import re

import bleach
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "em", "strong", "a",
        "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "img", "hr",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title"],
    "ol": ["start"],
    "th": ["scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
# Images may only come from our own uploads: a local absolute path, no traversal, no host.
IMAGE_SOURCE = re.compile(r"^/uploads/[A-Za-z0-9_\-./]+$")
# Headings are clamped into h2–h4: the page around the text owns its h1.
MIN_HEADING, MAX_HEADING = 2, 4

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def _clamp_heading(self, tokens, idx, options, env):
    token = tokens[idx]
    level = min(max(int(token.tag[1]), MIN_HEADING), MAX_HEADING)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("heading_open", _clamp_heading)
_markdown.add_render_rule("heading_close", _clamp_heading)


class _LinksAndImagesFilter(Filter):
    """Force ``rel`` on every link; drop images whose source is not one of our uploads."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "img":
                src = (token.get("data") or {}).get((None, "src"), "")
                if not IMAGE_SOURCE.match(src) or ".." in src or "//" in src:
                    continue
            if token["type"] == "StartTag" and token["name"] == "a":
                attributes = dict(token.get("data") or {})
                attributes[(None, "rel")] = LINK_REL
                token["data"] = attributes
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinksAndImagesFilter],
)


def sanitize_html(html: str) -> str:
    """Keep only the allowed tags, attributes and link protocols of ``html``."""
    return _cleaner.clean(html or "")


def render_markdown(source: str) -> str:
    """Markdown written by a member, as safe HTML ready to store beside it."""
    if not (source or "").strip():
        return ""
    return sanitize_html(_markdown.render(source)).strip()
