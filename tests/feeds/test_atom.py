"""Atom feeds: well-formed Atom 1.0, public write-ups only, nothing executable inside."""
from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest

from tests.catalogue.cases import MEMBERS_ONLY, NEVER_LISTED, PUBLIC, make_cases
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import make_writeup

NS = {"a": "http://www.w3.org/2005/Atom"}
FEEDS = ["/retours/flux.atom", "/thematiques/mobilite/flux.atom", "/territoires/44/flux.atom"]


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)  # noqa: S314 (our own feed) — raises on malformed XML


def entry_titles(feed: ET.Element) -> list[str]:
    return [e.findtext("a:title", namespaces=NS) for e in feed.findall("a:entry", NS)]


def test_feed_structure(client, app_ctx):
    writeup = make_writeup(
        title="Navette à la demande & gare", summary="Un chapô <court>.", themes=["mobilite", "numerique"],
        context="Le **contexte**.", actions="- une action", results="", lessons="Une leçon.",
        published_at=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
    )
    feed = parse(client.get("/retours/flux.atom"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext("a:id", namespaces=NS) == "http://localhost/retours/flux.atom"
    assert feed.findtext("a:title", namespaces=NS) == "Réseau PVD — retours d'expérience"
    links = {link.get("rel"): link for link in feed.findall("a:link", NS)}
    assert links["self"].get("href") == "http://localhost/retours/flux.atom"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == "http://localhost/retours"
    (entry,) = feed.findall("a:entry", NS)
    assert entry.findtext("a:id", namespaces=NS).startswith("urn:uuid:")
    title = entry.find("a:title", NS)
    assert title.get("type") == "html" and title.text == "Navette à la demande &amp; gare"
    assert entry.find("a:link", NS).get("href") == f"http://localhost/retours/{writeup.id}-{writeup.slug}"
    assert entry.findtext("a:published", namespaces=NS) == "2024-05-06T07:08:09Z"
    assert entry.findtext("a:updated", namespaces=NS) >= "2024-05-06T07:08:09Z"
    assert feed.findtext("a:updated", namespaces=NS) == entry.findtext("a:updated", namespaces=NS)
    assert entry.findtext("a:author/a:name", namespaces=NS) == "Ancien membre"  # no author account
    assert entry.find("a:summary", NS).text == "Un chapô &lt;court&gt;."
    content = entry.find("a:content", NS)
    assert content.get("type") == "html"
    assert "<h2>Contexte</h2>" in content.text and "<strong>contexte</strong>" in content.text
    assert "<h2>Résultats</h2>" not in content.text  # empty sections are left out
    assert [c.get("term") for c in entry.findall("a:category", NS)] == ["mobilite", "numerique"]


def test_entry_ids_survive_a_title_change(client, app_ctx):
    from pvd_network.extensions import db
    from pvd_network.writeups.services import update_writeup

    writeup = make_writeup(title="Premier titre")
    before = parse(client.get("/retours/flux.atom")).find("a:entry/a:id", NS).text
    update_writeup(writeup, {"title": "Second titre"}, editor=None)
    db.session.commit()
    after = parse(client.get("/retours/flux.atom")).find("a:entry", NS)
    assert after.findtext("a:id", namespaces=NS) == before
    assert after.findtext("a:title", namespaces=NS) == "Second titre"


def test_author_name_and_newest_first(client, app_ctx):
    from tests.factories import make_user

    author = make_user(first_name="Alix", last_name="Autrice")
    make_writeup(author, title="Ancien", published_at=datetime(2023, 1, 1, tzinfo=UTC))
    make_writeup(author, title="Récent", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    feed = parse(client.get("/retours/flux.atom"))
    assert entry_titles(feed) == ["Récent", "Ancien"]
    assert feed.findtext("a:entry/a:author/a:name", namespaces=NS) == "Alix Autrice"


def test_theme_and_region_feeds_are_filtered(client, app_ctx):
    make_writeup(title="Navette à Troyes", commune_insee="10387", themes=["mobilite"])
    make_writeup(title="Vélo à Rennes", commune_insee="35238", themes=["mobilite"])
    make_writeup(title="Tiers-lieu à Commercy", commune_insee="55122", themes=["numerique"])
    assert set(entry_titles(parse(client.get("/thematiques/mobilite/flux.atom")))) == {
        "Navette à Troyes", "Vélo à Rennes"}
    assert set(entry_titles(parse(client.get("/territoires/44/flux.atom")))) == {
        "Navette à Troyes", "Tiers-lieu à Commercy"}
    theme_feed = parse(client.get("/thematiques/mobilite/flux.atom"))
    assert theme_feed.findtext("a:title", namespaces=NS) == "Réseau PVD — Mobilité"
    links = {link.get("rel"): link.get("href") for link in theme_feed.findall("a:link", NS)}
    assert links == {"self": "http://localhost/thematiques/mobilite/flux.atom",
                     "alternate": "http://localhost/thematiques/mobilite"}


def test_empty_feed_is_valid(client):
    feed = parse(client.get("/territoires/94/flux.atom"))
    assert feed.findall("a:entry", NS) == []
    assert feed.findtext("a:updated", namespaces=NS)


@pytest.mark.parametrize("url", ["/thematiques/inconnue/flux.atom", "/territoires/999/flux.atom",
                                 "/territoires/%00/flux.atom"])
def test_unknown_feeds_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("url", FEEDS)
def test_feeds_carry_public_write_ups_only_even_for_members(app, client, login_as, url, signed_in):
    # Data made in its own context: requests must not share the test's (and its signed-in user).
    with app.app_context():
        make_cases(themes=["mobilite"])
    if signed_in:
        login_as("member")
    response = client.get(url)
    titles = entry_titles(parse(response))
    assert titles == [PUBLIC]
    text = response.get_data(as_text=True)
    assert MEMBERS_ONLY not in text
    for title in NEVER_LISTED:
        assert title not in text


def test_feeds_may_be_cached_briefly(client):
    response = client.get("/retours/flux.atom")
    assert response.cache_control.public and response.cache_control.max_age == 300
    assert "Set-Cookie" not in response.headers


def test_xss_corpus_stays_inert_and_the_xml_well_formed(client, app_ctx):
    for n, vector in enumerate(VECTORS):
        make_writeup(title=f"{n} {vector}"[:200], summary=vector, context=vector,
                     actions=f"Avant {vector} après",
                     lessons=f"- {vector}", themes=["mobilite"])
    make_writeup(title="Caractères \x00\x01\x0b interdits en XML \ufffe", summary="\x1f", context="a\x08b")
    for url in FEEDS:
        feed = parse(client.get(url + "?n=1"))
        entries = feed.findall("a:entry", NS)
        assert len(entries) == min(30, len(VECTORS) + 1)
        for entry in entries:
            for name in ("title", "summary", "content"):
                element = entry.find(f"a:{name}", NS)
                assert element is not None and element.get("type") == "html"
                # What a feed reader renders: the decoded text, parsed as HTML.
                assert_inert(element.text or "", f"{url} {name}")
