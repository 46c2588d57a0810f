"""GET /api/v1/search and /api/v1/search/suggest: shape, parameters, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pvd_network.search import services as search_services
from tests.search.ui_helpers import add_author, add_writeup

RESULT_KEYS = {"id", "title", "url", "summary", "score", "highlights", "themes", "commune", "published_at",
               "comment"}


@pytest.fixture
def corpus(app):
    author = add_author(app)
    refs = [
        add_writeup(
            app,
            author,
            "Une médiathèque tiers-lieu au cœur du bourg",
            themes=["culture-tourisme"],
            summary="La médiathèque accueille aussi un espace numérique.",
            stage="realise",
            year=2022,
        ),
        add_writeup(
            app,
            author,
            "Reconquérir les commerces vacants",
            themes=["commerce-centre-ville"],
            summary="Des boutiques à l'essai.",
            stage="en-cours",
            year=2023,
            commune_insee="29019",
        ),
        add_writeup(
            app,
            author,
            "Médiation numérique en mairie",
            themes=["numerique", "services-publics"],
            summary="Un conseiller numérique à la médiathèque.",
            stage="idee",
            year=2023,
        ),
    ]
    return refs


def test_the_search_response_has_exactly_the_documented_shape(client, corpus):
    response = client.get("/api/v1/search?q=mediatheque")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"query", "total", "page", "per_page", "results", "facets", "suggestion",
                         "corrected_from"}
    assert (data["query"], data["total"], data["page"], data["per_page"], data["suggestion"],
            data["corrected_from"]) == ("mediatheque", 2, 1, 20, None, None)
    first = data["results"][0]
    assert set(first) == RESULT_KEYS
    assert first["title"] == "Une médiathèque tiers-lieu au cœur du bourg"  # the title weighs more
    assert (
        first["url"]
        == f"http://localhost/retours/{corpus[0].id}-une-mediatheque-tiers-lieu-au-coeur-du-bourg"
    )
    assert first["summary"] == "La médiathèque accueille aussi un espace numérique."
    assert isinstance(first["score"], float) and first["score"] > 0
    assert first["highlights"] == "La <mark>médiathèque</mark> accueille aussi un espace numérique"
    assert first["themes"] == ["culture-tourisme"]
    assert first["commune"] == {
        "insee": "55122",
        "name": "Commercy",
        "department": {"code": "55", "name": "Meuse"},
        "region": {"code": "44", "name": "Grand Est"},
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["published_at"])
    assert data["facets"] == {
        "theme": {"culture-tourisme": 1, "numerique": 1, "services-publics": 1},
        "region": {"44": 2},
        "department": {"55": 2},
        "stage": {"realise": 1, "idee": 1},
        "year": {"2022": 1, "2023": 1},
    }


def test_facets_repeat_and_combine(client, corpus):
    data = client.get("/api/v1/search?theme=culture-tourisme&theme=commerce-centre-ville").get_json()
    assert data["total"] == 2 and data["query"] == ""
    data = client.get(
        "/api/v1/search?theme=culture-tourisme&theme=commerce-centre-ville&region=53"
    ).get_json()
    assert [r["title"] for r in data["results"]] == ["Reconquérir les commerces vacants"]
    data = client.get("/api/v1/search?year=2023&stage=idee&department=55").get_json()
    assert [r["title"] for r in data["results"]] == ["Médiation numérique en mairie"]
    assert client.get("/api/v1/search?department=2a").status_code == 200  # codes are case-insensitive


def test_empty_query_sorts_by_date_without_scores(client, corpus):
    data = client.get("/api/v1/search").get_json()
    assert [r["title"] for r in data["results"]][0] == "Médiation numérique en mairie"
    assert all(r["score"] is None for r in data["results"])
    by_date = client.get("/api/v1/search?q=mediatheque&sort=date").get_json()
    assert [r["title"] for r in by_date["results"]] == [
        "Médiation numérique en mairie",
        "Une médiathèque tiers-lieu au cœur du bourg",
    ]


def test_pagination(client, corpus):
    data = client.get("/api/v1/search?per_page=2&page=2").get_json()
    assert (data["total"], data["page"], data["per_page"], len(data["results"])) == (3, 2, 2, 1)
    assert client.get("/api/v1/search?per_page=2&page=50").get_json()["results"] == []


@pytest.mark.parametrize(
    ("query_string", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("page=²", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=x", "per_page"),
        ("sort=pertinence", "sort"),
        ("sort=date%20", None),
        ("q=" + "a" * 501, "q"),
        ("theme=inconnue", "theme"),
        ("region=999", "region"),
        ("department=zz", "department"),
        ("stage=fini", "stage"),
        ("year=deux", "year"),
        ("year=12", "year"),
    ],
)
def test_invalid_parameters_are_a_400_naming_them(client, corpus, query_string, parameter):
    response = client.get("/api/v1/search?" + query_string)
    if parameter is None:  # surrounding spaces are forgiven
        assert response.status_code == 200
        return
    assert response.status_code == 400, query_string
    error = response.get_json()["error"]
    assert error["code"] == 400 and error["title"] and error["message"] == "Paramètres invalides."
    assert set(error["parameters"]) == {parameter}


def test_a_500_character_query_is_accepted(client, corpus):
    assert client.get("/api/v1/search?q=" + "a" * 500).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        '"non fermé',
        "(((",
        "OR",
        "-",
        "*",
        "AND OR NOT",
        'theme:"',
        "gare~",
        "^",
        "[a TO",
        "\\",
        "region:",
        "auteur:",
    ],
)
def test_query_syntax_errors_never_raise(client, corpus, query):
    response = client.get("/api/v1/search", query_string={"q": query})
    assert response.status_code == 200
    assert response.get_json()["query"] == query


def test_an_unavailable_index_is_a_503_json(app, client, corpus):
    shutil.rmtree(Path(app.instance_path) / "index")
    search_services.reset()
    for url in ("/api/v1/search?q=mediatheque", "/api/v1/search/suggest?q=medi"):
        response = client.get(url)
        assert response.status_code == 503 and response.mimetype == "application/json"
        error = response.get_json()["error"]
        assert error["code"] == 503 and "momentanément indisponible" in error["message"]


def test_suggest_completes_title_words_as_typed(client, corpus):
    def titles(q):
        response = client.get("/api/v1/search/suggest", query_string={"q": q})
        assert response.status_code == 200
        data = response.get_json()
        assert data["query"] == q and set(data) == {"query", "results"}
        return [item["title"] for item in data["results"]]

    assert set(titles("médiat")) == {
        "Une médiathèque tiers-lieu au cœur du bourg",
        "Médiation numérique en mairie",
    }
    assert titles("mediath") == ["Une médiathèque tiers-lieu au cœur du bourg"]  # accents folded
    assert titles("MÉDIATHÈQUES") == ["Une médiathèque tiers-lieu au cœur du bourg"]  # the word, stemmed
    assert titles("commerce vac") == ["Reconquérir les commerces vacants"]
    assert titles("mediation num") == ["Médiation numérique en mairie"]
    assert titles("numerique ") == ["Médiation numérique en mairie"]  # a complete word
    assert titles("l'esp") == []  # "espace" is in a summary, not a title
    assert titles("m") == [] and titles("") == [] and titles("   ") == [] and titles("le ") == []
    assert titles("zzz") == []
    item = client.get("/api/v1/search/suggest?q=reconq").get_json()["results"][0]
    assert item == {
        "id": corpus[1].id,
        "title": "Reconquérir les commerces vacants",
        "url": f"http://localhost/retours/{corpus[1].id}-reconquerir-les-commerces-vacants",
    }


def test_suggest_returns_at_most_eight_titles(app, client):
    author = add_author(app)
    for n in range(12):
        add_writeup(app, author, f"Jardin partagé numéro {n}")
    assert len(client.get("/api/v1/search/suggest?q=jard").get_json()["results"]) == 8


@pytest.mark.parametrize("query", ['"', "(", "*", "-", "OR", "AND", "\\", "jard*", '"jard', "a" * 100])
def test_suggest_never_fails_on_odd_input(client, corpus, query):
    assert client.get("/api/v1/search/suggest", query_string={"q": query}).status_code == 200


def test_suggest_refuses_long_input(client, corpus):
    response = client.get("/api/v1/search/suggest", query_string={"q": "a" * 101})
    assert response.status_code == 400
    assert set(response.get_json()["error"]["parameters"]) == {"q"}


def test_only_get(client, corpus):
    assert client.post("/api/v1/search").status_code in (400, 405)
    assert client.get("/api/v1/search/nothing").status_code == 404


def test_a_new_site_without_write_ups_nor_index_answers_empty(app, client):
    assert not (Path(app.instance_path) / "index" / "CURRENT").exists()
    data = client.get("/api/v1/search?q=gare").get_json()
    assert (data["total"], data["results"], data["facets"]["theme"]) == (0, [], {})
    assert client.get("/api/v1/search/suggest?q=gar").get_json()["results"] == []
