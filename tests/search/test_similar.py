"""Similar write-ups: more-like-this over the index, the reader's visibility, the page block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask_login import AnonymousUserMixin

from pvd_network.extensions import db
from pvd_network.search import receivers
from pvd_network.search import services as search_services
from pvd_network.search.similar import similar
from pvd_network.search.store import IndexUnavailable
from pvd_network.writeups.models import Writeup
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import make_user
from tests.search.ui_helpers import add_author, add_writeup

ANONYMOUS = AnonymousUserMixin()


@pytest.fixture
def corpus(app):
    author = add_author(app)
    health = {"themes": ["acces-aux-soins"]}
    refs = {
        "source": add_writeup(
            app,
            author,
            "Une maison de santé pluridisciplinaire",
            summary=(
                "Médecins généralistes, infirmières et kinésithérapeutes réunis dans une maison de santé."
            ),
            context="Désert médical : le dernier médecin généraliste partait à la retraite.",
            actions="Un bâtiment communal rénové pour accueillir les soignants.",
            **health,
        ),
        "close": add_writeup(
            app,
            author,
            "Attirer des médecins généralistes",
            summary=("Un centre de santé avec des médecins salariés pour lutter contre le désert médical."),
            context="Aucun médecin généraliste depuis deux ans.",
            actions="Des médecins salariés par la commune.",
            **health,
        ),
        "closer_members": add_writeup(
            app,
            author,
            "Maison de santé et internes en médecine",
            visibility="members",
            summary="Une maison de santé qui accueille des internes en médecine générale.",
            **health,
        ),
        "draft": add_writeup(
            app,
            author,
            "Maison de santé brouillon",
            status="draft",
            summary="Une maison de santé de médecins généralistes.",
            **health,
        ),
        "far": add_writeup(
            app,
            author,
            "Piste cyclable vers le collège",
            themes=["mobilite"],
            summary="Des vélos pour les collégiens.",
            context="Trop de voitures devant le collège.",
            actions="Une piste cyclable séparée de la route départementale.",
        ),
    }
    return refs


def load(app, ref):
    return db.session.get(Writeup, ref.id)


def test_similar_write_ups_exclude_the_write_up_itself_and_unrelated_ones(app, corpus):
    with app.app_context():
        found = [w.title for w in similar(load(app, corpus["source"]), ANONYMOUS)]
    assert found == ["Attirer des médecins généralistes"]


def test_members_also_get_members_only_write_ups_drafts_never(app, corpus):
    with app.app_context():
        member = make_user()
        found = [w.title for w in similar(load(app, corpus["source"]), member)]
    assert set(found) == {"Attirer des médecins généralistes", "Maison de santé et internes en médecine"}
    assert "Maison de santé brouillon" not in found


def test_the_limit_and_the_order(app, corpus):
    author = add_author(app)
    for n in range(6):
        add_writeup(
            app,
            author,
            f"Maison de santé numéro {n}",
            themes=["acces-aux-soins"],
            summary="Une maison de santé pour des médecins généralistes.",
        )
    with app.app_context():
        source = load(app, corpus["source"])
        found = similar(source, ANONYMOUS)
        assert len(found) == 5
        assert all("santé" in w.title or "médecins" in w.title for w in found)
        assert len(similar(source, ANONYMOUS, limit=2)) == 2
        # The unrelated one comes last, if at all.
        every = [w.title for w in similar(source, ANONYMOUS, limit=50)]
        assert "Piste cyclable vers le collège" not in every[:7]


def test_a_draft_being_written_gets_similar_published_write_ups(app, corpus):
    with app.app_context():
        found = [w.title for w in similar(load(app, corpus["draft"]), ANONYMOUS)]
    assert "Une maison de santé pluridisciplinaire" in found and "Maison de santé brouillon" not in found


def test_the_page_block_is_rendered_by_the_template_hook_receiver(app, client, corpus):
    with app.test_request_context():
        html = receivers.similar_writeups("writeup-page-sidebar", writeup=load(app, corpus["source"]))
        assert '<h2 class="fr-h5" id="titre-similaires">Retours similaires</h2>' in html
        assert f'href="/retours/{corpus["close"].id}-attirer-des-medecins-generalistes"' in html
        assert "Commercy (55) · Accès aux soins" in html
        # Nothing similar: no block at all.
        assert receivers.similar_writeups("writeup-page-sidebar", writeup=load(app, corpus["far"])) is None
        assert receivers.similar_writeups("writeup-page-sidebar") is None
    page = client.get(corpus["source"].path).get_data(as_text=True)
    assert 'id="titre-similaires"' in page and "Attirer des médecins généralistes" in page


def test_without_an_index_the_write_up_page_still_works_without_the_block(app, client, corpus):
    shutil.rmtree(Path(app.instance_path) / "index")
    search_services.reset()
    with app.app_context(), pytest.raises(IndexUnavailable):
        similar(load(app, corpus["source"]), ANONYMOUS)
    response = client.get(corpus["source"].path)
    assert response.status_code == 200
    assert 'id="titre-similaires"' not in response.get_data(as_text=True)


def test_titles_are_inert_in_the_block(app, client):
    author = add_author(app)
    refs = [
        add_writeup(
            app,
            author,
            f"Maison de santé {vector}"[:200],
            themes=["acces-aux-soins"],
            summary=f"Maison de santé {vector}",
        )
        for vector in VECTORS
    ]
    with app.test_request_context():
        html = receivers.similar_writeups("writeup-page-sidebar", writeup=load(app, refs[0]))
    assert html and "Maison de santé" in html
    assert_inert(html, "similar write-ups block")


# --- Loaded after the page on a large index ---------------------------------------------------


@pytest.fixture
def large_index(app):
    """Any index counts as large: the page does not compute the block itself."""
    app.config["SEARCH_SIMILAR_INLINE_MAX_DOCS"] = 0
    search_services.reset()  # the searcher's caches start empty
    return app


def test_on_a_large_index_the_page_leaves_a_placeholder_then_shows_what_is_known(
    large_index, client, corpus
):
    page = client.get(corpus["source"].path).get_data(as_text=True)
    block = page[page.index('<section class="pvd-similar') :]
    block = block[: block.index("</section>")]
    similar_url = f"/retours/{corpus['source'].id}/similaires"
    assert f'data-pvd-similar="{similar_url}?fragment=1"' in block
    assert f'<a class="fr-link" href="{similar_url}">Voir les retours similaires</a>' in block
    assert "Attirer des médecins généralistes" not in block
    assert 'src="/static/js/similar.js"' in page

    fragment = client.get(f"{similar_url}?fragment=1")
    assert fragment.status_code == 200
    html = fragment.get_data(as_text=True)
    assert html.startswith("<section class=\"pvd-similar")
    assert "Attirer des médecins généralistes" in html
    assert "Une maison de santé pluridisciplinaire" not in html  # not itself
    assert "Maison de santé et internes" not in html  # members only, reader anonymous

    # Known now for this index and this class of reader: a page rendered now shows it at once
    # (an anonymous page already kept by the page cache keeps its placeholder, filled at once).
    large_index.config["PAGE_CACHE_SIZE"] = 0
    again = client.get(corpus["source"].path).get_data(as_text=True)
    assert 'id="titre-similaires"' in again and "Attirer des médecins généralistes" in again
    assert "data-pvd-similar" not in again


def test_the_list_page_works_without_javascript(large_index, client, corpus):
    response = client.get(f"/retours/{corpus['source'].id}/similaires")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Retours similaires</h1>" in html
    assert "Attirer des médecins généralistes" in html
    assert f'href="{corpus["source"].path}"' in html


def test_nothing_similar_is_an_empty_answer_and_a_plain_sentence(large_index, client, corpus):
    similar_url = f"/retours/{corpus['far'].id}/similaires"
    assert client.get(f"{similar_url}?fragment=1").status_code == 204
    assert "Aucun retour similaire pour le moment." in client.get(similar_url).get_data(as_text=True)


def test_the_block_of_a_write_up_the_reader_may_not_see_is_not_found(large_index, client, corpus):
    for ref in (corpus["draft"], corpus["closer_members"]):
        assert client.get(f"/retours/{ref.id}/similaires?fragment=1").status_code == 404
        assert client.get(f"/retours/{ref.id}/similaires").status_code == 404
    assert client.get("/retours/999999/similaires").status_code == 404


def test_without_an_index_the_fragment_is_unavailable_and_the_page_says_so(large_index, client, corpus):
    shutil.rmtree(Path(large_index.instance_path) / "index")
    search_services.reset()
    similar_url = f"/retours/{corpus['source'].id}/similaires"
    assert client.get(f"{similar_url}?fragment=1").status_code == 503
    response = client.get(similar_url)
    assert response.status_code == 200
    assert "La recherche est momentanément indisponible" in response.get_data(as_text=True)


def test_the_list_page_and_the_placeholder_are_valid_html(large_index, client, corpus, tmp_path):
    from tests.test_html_validity import validate

    files = []
    for name, url in (("similar", f"/retours/{corpus['source'].id}/similaires"),
                      ("placeholder", corpus["source"].path)):
        response = client.get(url, headers={"Accept-Language": "fr"})
        assert response.status_code == 200
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.data)
        files.append(path)
    assert validate(files) == []
