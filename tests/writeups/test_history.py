"""The history page: one entry per revision, with an escaped, labelled word diff."""
from __future__ import annotations

from html import unescape

from markupsafe import Markup

from pvd_network.extensions import db
from pvd_network.writeups import services
from pvd_network.writeups.history import CONTEXT_WORDS, diff_text
from pvd_network.writeups.models import Writeup
from tests.writeups.conftest import editor_form, main_html, new_writeup, post_editor

DEL = '<del class="pvd-diff__del"><span class="fr-sr-only">Texte supprimé : </span>'
INS = '<ins class="pvd-diff__ins"><span class="fr-sr-only">Texte ajouté : </span>'


def history_url(writeup) -> str:
    return f"/retours/{writeup.id}-{writeup.slug}/historique"


def edit(app, writeup, editor=None, note: str = "", **changes) -> None:
    with app.app_context():
        stored = db.session.get(Writeup, writeup.id)
        services.update_writeup(stored, changes, editor=editor, note=note)
        db.session.commit()


def test_edits_through_the_editor_appear_in_the_history_with_their_diff(app, client, author):
    writeup = new_writeup(app, author, context="Le dernier médecin partait à la retraite.")
    response = post_editor(client, f"/retours/{writeup.id}/modifier", editor_form(
        title=writeup.title, context="Le dernier médecin généraliste partait à la retraite en 2021.",
        themes=["acces-aux-soins"], note="Précisions"))
    assert response.status_code == 302
    html = main_html(client.get(history_url(writeup)))
    assert "2 versions publiées" in html
    assert html.index(">Version 2") < html.index(">Version 1")  # newest first
    assert "Précisions" in html and "Claire Martin" in html
    assert "Première version publiée." in html
    version_2 = html[html.index(">Version 2"):html.index(">Version 1")]
    assert ">Contexte</dt>" in version_2
    assert f"{INS} généraliste</ins>" in version_2
    assert f"{DEL}retraite.</del>" in version_2
    assert ">Titre</dt>" not in version_2  # unchanged fields are not listed


def test_every_field_is_compared_with_readable_values(app, client, author):
    writeup = new_writeup(app, author, budget_eur=1000, funders=["Anah"], visibility="public")
    edit(app, writeup, budget_eur=250000, funders=["Anah", "ADEME"], commune_insee="55029",
         themes=["mobilite"], stage="en-cours", year=2024, visibility="members")
    html = unescape(main_html(client.get(history_url(writeup))))
    for label in ("Budget total", "Financeurs", "Commune", "Thématiques", "Avancement", "Année de démarrage",
                  "Visibilité"):
        assert f">{label}</dt>" in html, label
    assert "250\u202f000\u00a0€" in html and "Bar-le-Duc" in html and "Mobilité" in html
    assert "Membres connectés uniquement" in html and "En cours" in html


def test_member_written_text_is_escaped_in_the_diff(app, client, author):
    writeup = new_writeup(app, author, summary="Avant")
    edit(app, writeup, summary="<b onclick=alert(1)>Après</b>")
    html = main_html(client.get(history_url(writeup)))
    assert "&lt;b onclick=alert(1)&gt;Après&lt;/b&gt;" in html
    assert "<b onclick" not in html


def test_a_writeup_never_published_has_no_history_yet(app, client, author):
    draft = new_writeup(app, author, status="draft")
    html = main_html(client.get(history_url(draft)))
    assert "n'a pas encore été publié" in unescape(html)


def test_a_stale_slug_redirects_to_the_history(client, app, author):
    writeup = new_writeup(app, author)
    for path in (f"/retours/{writeup.id}-autre/historique", f"/retours/{writeup.id}/historique"):
        response = client.get(path)
        assert response.status_code == 301 and response.headers["Location"] == history_url(writeup)


def test_the_history_follows_the_page_permissions(app, client, author, login_as):
    private = new_writeup(app, author, visibility="members")
    draft = new_writeup(app, author, status="draft")
    with client.session_transaction() as session:
        session.clear()
    assert client.get(history_url(private)).status_code == 302
    assert client.get(history_url(draft)).status_code == 404
    login_as("member")
    assert client.get(history_url(private)).status_code == 200
    assert client.get(history_url(draft)).status_code == 404


# --- The diff itself ------------------------------------------------------------------------------


def test_diff_text_marks_removed_and_added_words():
    diff = diff_text("La halle ouvre le mardi.", "La halle ouvre le samedi matin.")
    assert isinstance(diff, Markup)
    assert str(diff) == f"La halle ouvre le {DEL}mardi.</del>{INS}samedi matin.</ins>"


def test_whole_values_are_replaced_at_once():
    diff = str(diff_text("1\u202f000\u00a0€", "250\u202f000\u00a0€", atomic=True))
    assert diff == f"{DEL}1\u202f000\u00a0€</del>{INS}250\u202f000\u00a0€</ins>"
    assert str(diff_text("", "2024", atomic=True)) == f"{INS}2024</ins>"


def test_diff_text_shortens_long_unchanged_runs():
    words = " ".join(f"mot{n}" for n in range(100))
    diff = str(diff_text(words + " fin.", words + " fin modifiée."))
    assert "[…]" in diff
    assert "mot0 " not in diff  # the start, far from the change, is cut
    assert f"mot{100 - CONTEXT_WORDS}" in diff  # the words just before the change are kept


def test_diff_text_escapes_both_sides():
    diff = str(diff_text("<script>x</script>", "<img src=x onerror=alert(1)>"))
    assert "<script>" not in diff and "<img" not in diff
    assert "&lt;script&gt;" in diff and "&lt;img" in diff
