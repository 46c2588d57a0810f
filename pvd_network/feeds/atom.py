"""Atom 1.0 documents (RFC 4287) built with the standard library's ElementTree.

Titles and summaries are plain text written by members: they go out as ``type="html"``
with their HTML special characters escaped, so a reader that renders them as HTML (many
do, whatever the type says) still shows text. Content is the sanitised HTML of the
sections, escaped once more by the XML serialiser.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids even escaped (C0 controls but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): one in a title would make the whole feed unreadable.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", ATOM_NS)


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", value or "")


def _tag(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def rfc3339(moment: datetime) -> str:
    """``2025-03-12T09:30:00Z`` (aware datetimes in UTC)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    author: str
    summary: str = ""
    content_html: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


@dataclass
class Feed:
    id: str
    title: str
    self_url: str
    alternate_url: str
    updated: datetime
    subtitle: str = ""
    entries: list[Entry] = field(default_factory=list)


def _text(parent: ET.Element, name: str, value: str, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, _tag(name))
    if html:
        element.set("type", "html")
    element.text = xml_text(value)
    return element


def _link(parent: ET.Element, href: str, rel: str, type_: str | None = None) -> None:
    attributes = {"rel": rel, "href": href}
    if type_:
        attributes["type"] = type_
    ET.SubElement(parent, _tag("link"), attributes)


def _entry(parent: ET.Element, entry: Entry) -> None:
    element = ET.SubElement(parent, _tag("entry"))
    _text(element, "id", entry.id)
    _text(element, "title", escape(entry.title), html=True)
    _link(element, entry.link, "alternate", "text/html")
    _text(element, "published", rfc3339(entry.published))
    _text(element, "updated", rfc3339(entry.updated))
    author = ET.SubElement(element, _tag("author"))
    _text(author, "name", entry.author)
    for term, label in entry.categories:
        ET.SubElement(element, _tag("category"), {"term": xml_text(term), "label": xml_text(label)})
    if entry.summary:
        _text(element, "summary", escape(entry.summary), html=True)
    _text(element, "content", entry.content_html, html=True)


def render(feed: Feed, entries: Iterable[Entry] = ()) -> bytes:
    """The serialised Atom document, UTF-8 with an XML declaration."""
    root = ET.Element(_tag("feed"), {XML_LANG: "fr"})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", rfc3339(feed.updated))
    _link(root, feed.self_url, "self", "application/atom+xml")
    _link(root, feed.alternate_url, "alternate", "text/html")
    generator = ET.SubElement(root, _tag("generator"))
    generator.text = "Réseau PVD"
    for entry in [*feed.entries, *entries]:
        _entry(root, entry)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
