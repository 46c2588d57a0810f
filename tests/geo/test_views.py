"""Commune pages and the autocompletion endpoint."""
from __future__ import annotations

import pytest


def test_commune_page_shows_department_region_and_population(client):
    response = client.get("/communes/55122", headers={"Accept-Language": "fr-FR"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Commercy</h1>" in html
    assert "Meuse (55)" in html
    assert "Grand Est" in html
    assert "5\u202f350 habitants" in html
    assert "55200" in html


@pytest.mark.parametrize("insee", ["99999", "abc", "5512", "551222", "55122x", "%00"])
def test_unknown_commune_is_a_french_404(client, insee):
    response = client.get(f"/communes/{insee}")
    assert response.status_code == 404
    assert "Page non trouvée" in response.get_data(as_text=True)


def results(response) -> list[str]:
    return [c["name"] for c in response.get_json()["results"]]


def test_autocomplete_by_name_prefix_ignores_accents_and_case(client):
    response = client.get("/api/v1/communes?q=COMMER")
    assert response.status_code == 200
    body = response.get_json()
    assert "Commercy" in results(response)
    commercy = next(c for c in body["results"] if c["name"] == "Commercy")
    assert commercy == {
        "insee": "55122",
        "name": "Commercy",
        "department": {"code": "55", "name": "Meuse"},
        "region": {"code": "44", "name": "Grand Est"},
        "population": 5350,
        "postal_codes": ["55200"],
    }
    assert "Saint-Étienne" in results(client.get("/api/v1/communes?q=saint etienne"))
    assert "Saint-Étienne" in results(client.get("/api/v1/communes?q=Saint-Etienne"))
    assert "Besançon" in results(client.get("/api/v1/communes?q=besanc"))


def test_autocomplete_ranks_exact_match_then_population_and_caps_at_ten(client):
    names = results(client.get("/api/v1/communes?q=saint"))
    assert len(names) == 10
    exact = results(client.get("/api/v1/communes?q=commer"))
    assert exact[0] == "Commer"  # exact name first, even though Commercy is larger


def test_autocomplete_by_postal_code(client):
    assert results(client.get("/api/v1/communes?q=55200")) == ["Commercy"]
    assert "Commercy" in results(client.get("/api/v1/communes?q=552"))


def test_autocomplete_wildcards_are_literal(client):
    assert results(client.get("/api/v1/communes?q=%25")) == []
    assert results(client.get("/api/v1/communes?q=_ommercy")) == []


@pytest.mark.parametrize("query", ["", "   ", "''", "-", "x" * 101])
def test_malformed_or_overlong_autocomplete_query_is_a_json_400(client, query):
    response = client.get("/api/v1/communes", query_string={"q": query})
    assert response.status_code == 400
    assert response.is_json
    assert response.get_json()["error"]["message"]


def test_autocomplete_without_q_is_a_json_400(client):
    response = client.get("/api/v1/communes")
    assert response.status_code == 400
    assert "error" in response.get_json()
