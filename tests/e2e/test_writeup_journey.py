"""Issue 4's journey across features: write with preview, draft, submit; a moderator publishes;
the write-up shows on its theme, région and commune pages, in the feed, the API and search;
the author edits it and the history shows the difference."""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

from playwright.sync_api import expect

from tests.e2e.session import sign_in, sign_out
from tests.factories import make_user

AUTHOR = "claire.martin@commercy.example.fr"
MODERATOR = "marc.dubois@bar-le-duc.example.fr"
TITLE = "Une maison de santé dans l'ancienne gendarmerie"


def test_from_draft_to_everywhere_then_a_revision(app, page, live_server, assert_accessible):
    with app.app_context():
        make_user(email=AUTHOR, first_name="Claire", last_name="Martin")
        make_user(email=MODERATOR, first_name="Marc", last_name="Dubois", role="moderator", regions=("44",))

    # The author writes, sees the server-side preview, saves a draft and submits.
    sign_in(page, live_server, AUTHOR)
    page.goto(live_server("/retours/nouveau"))
    page.get_by_label(re.compile("^Titre")).fill(TITLE)
    page.get_by_label(re.compile("^Chapô")).fill("Six professionnels de santé réunis grâce à la commune.")
    page.locator("label", has_text="Accès aux soins").click()
    page.get_by_label(re.compile("^Contexte")).fill("Le dernier médecin partait à la **retraite**.")
    expect(page.locator("#context-apercu [data-preview-body] strong")).to_have_text("retraite")
    page.get_by_label(re.compile("^Actions menées")).fill("Rachat et rénovation du bâtiment.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre brouillon est enregistré.")
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    writeup_url = page.url
    assert_accessible(page)
    sign_out(page)

    # Not published yet: nobody else sees it.
    assert page.goto(writeup_url).status == 404

    # The Grand Est moderator publishes it from the page.
    sign_in(page, live_server, MODERATOR)
    page.goto(writeup_url)
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("est publié")
    assert_accessible(page)
    sign_out(page)

    # Signed out, it is everywhere it belongs.
    expect_listed = [
        "/thematiques/acces-aux-soins",
        "/territoires/44",
        "/communes/55122",
        "/retours",
    ]
    for path in expect_listed:
        page.goto(live_server(path))
        expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    feed = page.request.get(live_server("/retours/flux.atom"))
    assert feed.ok
    # Titles are type="html": their text is HTML, unescaped by feed readers.
    root = ElementTree.fromstring(feed.body())  # noqa: S314 (our own feed)
    titles = [html.unescape(e.text) for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert TITLE in titles
    api = page.request.get(live_server("/api/v1/writeups?theme=acces-aux-soins&region=44")).json()
    assert [item["title"] for item in api["results"]] == [TITLE]
    page.goto(live_server("/recherche?q=gendarmerie"))
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()

    # The author edits it: a new revision is published and the history shows the change.
    sign_in(page, live_server, AUTHOR)
    page.goto(writeup_url)
    page.get_by_role("link", name="Modifier").first.click()
    page.get_by_label(re.compile("^Résultats")).fill("Deux médecins généralistes installés en 2024.")
    page.get_by_role("button", name=re.compile("Publier les modifications|Enregistrer")).first.click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Vos modifications sont publiées.")
    page.goto(writeup_url)
    page.get_by_role("link", name="Historique des versions").click()
    expect(page.locator("ins").filter(has_text="généralistes").first).to_be_visible()
    assert_accessible(page)
