"""The XSS corpus in titles and summaries stays inert through every search channel:
the results page (titles, highlighted excerpts), title suggestions and the API."""

from __future__ import annotations

import re

import pytest

from tests.data.xss_corpus import VECTORS, assert_inert
from tests.search.ui_helpers import add_author, add_writeup, results_block


@pytest.fixture
def hostile(app):
    author = add_author(app)
    return [
        add_writeup(
            app,
            author,
            f"Atelier vélo {vector}"[:200],
            summary=f"Réparer son vélo {vector} atelier"[:600],
            context=f"Un atelier vélo. {vector}",
            themes=["mobilite"],
        )
        for vector in VECTORS
    ]


def test_results_titles_and_excerpts_are_inert(client, hostile):
    for query in ("atelier", "velo", "", "script", "alert", "onerror", "javascript"):
        for page in (1, 2, 3):
            html = client.get("/recherche", query_string={"q": query, "page": page}).get_data(as_text=True)
            block = results_block(html)
            assert_inert(block, f"results for {query!r} page {page}")
            for excerpt in re.findall(r'<p class="fr-card__desc pvd-excerpt">(.*?)</p>', block, re.S):
                assert set(re.findall(r"</?([a-zA-Z][\w-]*)", excerpt)) <= {"mark"}, excerpt
            # The page around the results (echoed query, facets, hidden fields) too.
            main = html[html.index("<main") : html.index("</main>")]
            assert "<script>alert" not in main and "<img src=x" not in main
    html = client.get("/recherche?q=velo").get_data(as_text=True)
    assert "<mark>vélo</mark>" in results_block(html)


def test_a_hostile_query_is_echoed_inert(client, hostile):
    for vector in VECTORS:
        html = client.get("/recherche", query_string={"q": vector}).get_data(as_text=True)
        main = html[html.index("<main") : html.index("</main>")]
        assert vector not in main or "<" not in vector, vector
        assert "<script>alert" not in main


def test_api_highlights_are_inert_html_and_titles_plain_text(client, hostile):
    titles = set()
    for page in (1, 2):
        data = client.get(f"/api/v1/search?q=atelier&per_page=30&page={page}").get_json()
        for item in data["results"]:
            assert_inert(item["highlights"], f"API highlights of {item['title']!r}")
            assert set(re.findall(r"</?([a-zA-Z][\w-]*)", item["highlights"])) <= {"mark"}
            titles.add(item["title"])
    # Titles are data, returned as written: clients escape them (the header script uses textContent).
    assert {ref.title for ref in hostile} == titles


def test_suggestions_return_titles_as_data(client, hostile):
    response = client.get("/api/v1/search/suggest?q=atel")
    assert response.mimetype == "application/json"
    results = response.get_json()["results"]
    assert len(results) == 8
    assert all(item["title"].startswith("Atelier vélo") for item in results)
    assert all(item["url"].startswith("http://localhost/retours/") for item in results)
