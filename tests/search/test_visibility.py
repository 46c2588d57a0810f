"""Draft, submitted, hidden and members-only write-ups never reach the wrong reader, through any
channel of search: results, excerpts, facet counts, title suggestions, similar write-ups, the API."""

from __future__ import annotations

import json

import pytest

from tests.factories import sign_in
from tests.search.ui_helpers import (
    Ref,
    add_author,
    add_writeup,
    hide_without_reindexing,
    result_titles,
    results_block,
)

PUBLIC_WORDS = ("Restauration du lavoir communal", "Lavoir et fontaines du village")


@pytest.fixture
def corpus(app) -> dict[str, Ref]:
    author = add_author(app)
    common = {"themes": ["patrimoine-cadre-de-vie"], "stage": "realise", "year": 2022}
    refs = {
        "public": add_writeup(
            app,
            author,
            "Restauration du lavoir communal",
            commune_insee="55122",
            summary="Le lavoir restauré par les habitants, pierre par pierre.",
            **common,
        ),
        "public2": add_writeup(
            app,
            author,
            "Lavoir et fontaines du village",
            commune_insee="55122",
            summary="Un circuit des lavoirs et des fontaines restaurés.",
            **common,
        ),
        "members": add_writeup(
            app,
            author,
            "Un lavoir devenu café associatif",
            commune_insee="29019",
            visibility="members",
            summary="Réservé : le lavoir zibeline accueille un café.",
            themes=["nature-en-ville"],
            stage="en-cours",
            year=2019,
        ),
        "draft": add_writeup(
            app,
            author,
            "Brouillon lavoir secret",
            commune_insee="2A004",
            status="draft",
            summary="Le lavoir ocelot, brouillon non publié.",
            **common,
        ),
        "submitted": add_writeup(
            app,
            author,
            "Lavoir en attente de relecture",
            commune_insee="13055",
            status="submitted",
            summary="Le lavoir okapi attend un modérateur.",
            **common,
        ),
        "hidden": add_writeup(
            app,
            author,
            "Lavoir caché par la modération",
            commune_insee="06088",
            hidden=True,
            summary="Le lavoir suricate a été masqué.",
            **common,
        ),
    }
    return refs


SECRET_WORDS = {
    "draft": ("Brouillon lavoir secret", "ocelot", "Corse"),
    "submitted": ("Lavoir en attente de relecture", "okapi", "Provence"),
    "hidden": ("Lavoir caché par la modération", "suricate", "Nice"),
}
MEMBER_WORDS = ("Un lavoir devenu café associatif", "zibeline", "Bretagne", "Finistère")


def reader(request_type: str, app, client):
    """Sign ``client`` in as ``request_type``: "anonymous", "member" or "suspended"."""
    if request_type == "anonymous":
        return
    from pvd_network.auth.models import STATUS_SUSPENDED, User
    from pvd_network.extensions import db
    from tests.factories import make_user

    with app.app_context():
        user_id = make_user().id
    with app.app_context():
        sign_in(client, db.session.get(User, user_id))
    if request_type == "suspended":  # a member signed in, then suspended: their old session
        with app.app_context():
            db.session.get(User, user_id).status = STATUS_SUSPENDED
            db.session.commit()


READERS = ["anonymous", "member", "suspended"]


def shown(html: str) -> str:
    """What the page shows of the index: the facets and the results (not the echoed query)."""
    facets = html[html.index('<section class="pvd-facets"') :]
    return facets[: facets.index("</section>")] + results_block(html)


def sees_members_only(request_type: str) -> bool:
    return request_type == "member"


@pytest.mark.parametrize("request_type", READERS)
def test_search_page_results_excerpts_and_facets(app, client, corpus, request_type):
    reader(request_type, app, client)
    for query in ("lavoir", "", "lavoir OU zibeline OU ocelot OU okapi OU suricate", "zibeline", "ocelot"):
        html = shown(client.get("/recherche", query_string={"q": query}).get_data(as_text=True))
        for words in SECRET_WORDS.values():
            for word in words:
                assert word not in html, (request_type, query, word)
        for word in MEMBER_WORDS:
            assert (word in html) == (sees_members_only(request_type) and query != "ocelot"), (
                request_type,
                query,
                word,
            )
    html = client.get("/recherche?q=lavoir").get_data(as_text=True)
    expected = set(PUBLIC_WORDS) | ({MEMBER_WORDS[0]} if sees_members_only(request_type) else set())
    assert set(result_titles(html)) == expected
    assert (
        'id="filtre-region-53"' in html
        if sees_members_only(request_type)
        else 'id="filtre-region-53"' not in html
    )
    for region in ("94", "93"):  # Corse, Provence-Alpes-Côte d'Azur: draft, submitted and hidden ones
        assert f'id="filtre-region-{region}"' not in html
    assert 'for="filtre-region-44">Grand Est&nbsp;<span class="pvd-facet__count">(2)</span>' in html


@pytest.mark.parametrize("request_type", READERS)
def test_api_results_and_facets(app, client, corpus, request_type):
    reader(request_type, app, client)
    data = client.get("/api/v1/search?q=lavoir").get_json()
    titles = {item["title"] for item in data["results"]}
    expected = set(PUBLIC_WORDS) | ({MEMBER_WORDS[0]} if sees_members_only(request_type) else set())
    assert titles == expected
    assert data["total"] == len(expected)
    assert data["facets"]["region"] == ({"44": 2, "53": 1} if sees_members_only(request_type) else {"44": 2})
    assert sum(data["facets"]["stage"].values()) == len(expected)
    data = client.get(
        "/api/v1/search?q=lavoir+OU+ocelot+OU+okapi+OU+suricate+OU+zibeline&per_page=100"
    ).get_json()
    body = json.dumps([data["results"], data["facets"], data["total"]], ensure_ascii=False)
    for words in SECRET_WORDS.values():
        for word in words:
            assert word not in body
    assert ("zibeline" in body) == sees_members_only(request_type)


@pytest.mark.parametrize("request_type", READERS)
def test_title_suggestions(app, client, corpus, request_type):
    reader(request_type, app, client)
    for prefix in ("lav", "lavoir", "Lavoir ", "brouill", "attent", "cach", "cafe", "un lavoir dev"):
        titles = {
            item["title"]
            for item in client.get("/api/v1/search/suggest", query_string={"q": prefix}).get_json()["results"]
        }
        for words in SECRET_WORDS.values():
            assert words[0] not in titles, (prefix, words[0])
        if not sees_members_only(request_type):
            assert MEMBER_WORDS[0] not in titles
    titles = {item["title"] for item in client.get("/api/v1/search/suggest?q=lav").get_json()["results"]}
    expected = set(PUBLIC_WORDS) | ({MEMBER_WORDS[0]} if sees_members_only(request_type) else set())
    assert titles == expected


@pytest.mark.parametrize("request_type", READERS)
def test_similar_write_ups_on_the_write_up_page(app, client, corpus, request_type):
    reader(request_type, app, client)
    html = client.get(corpus["public"].path).get_data(as_text=True)
    block = html[html.index('<section class="pvd-similar') :]
    block = block[: block.index("</section>")]
    assert PUBLIC_WORDS[1] in block
    assert PUBLIC_WORDS[0] not in block  # not itself
    assert (MEMBER_WORDS[0] in block) == sees_members_only(request_type)
    for words in SECRET_WORDS.values():
        assert words[0] not in block


def test_a_write_up_hidden_while_its_drain_is_pending_is_never_shown(app, client, corpus):
    """The index still has it; the database says hidden: results, suggestions, similar and
    the API read the database, so it does not show."""
    stale = add_writeup(
        app,
        add_author(app),
        "Lavoir du moulin tamanoir",
        commune_insee="55122",
        themes=["patrimoine-cadre-de-vie"],
        summary="Un lavoir tamanoir.",
    )
    assert "tamanoir" in client.get("/recherche?q=tamanoir").get_data(as_text=True)
    hide_without_reindexing(app, stale)
    assert (
        "tamanoir"
        not in client.get("/recherche?q=tamanoir").get_data(as_text=True).split('id="nombre-resultats"')[1]
    )
    assert client.get("/api/v1/search?q=tamanoir").get_json()["results"] == []
    assert client.get("/api/v1/search/suggest?q=tamano").get_json()["results"] == []
    assert "tamanoir" not in client.get(corpus["public"].path).get_data(as_text=True)


def test_an_unpublished_write_up_leaves_search_after_the_drain(app, client, corpus):
    from pvd_network.extensions import db
    from pvd_network.writeups import services
    from pvd_network.writeups.models import Writeup

    assert PUBLIC_WORDS[1] in client.get("/recherche?q=fontaines").get_data(as_text=True)
    with app.app_context():
        services.archive(db.session.get(Writeup, corpus["public2"].id), by=None)
        db.session.commit()
    html = client.get("/recherche?q=lavoir").get_data(as_text=True)
    assert PUBLIC_WORDS[1] not in html
    assert 'for="filtre-region-44">Grand Est&nbsp;<span class="pvd-facet__count">(1)</span>' in html
    assert client.get("/api/v1/search?q=lavoir").get_json()["facets"]["region"] == {"44": 1}
