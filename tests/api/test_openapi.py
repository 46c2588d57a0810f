"""The OpenAPI 3.1 document: it describes every /api/v1 route, and real answers fit it."""
from __future__ import annotations

import re

import pytest

from pvd_network.api.openapi import openapi_path
from tests.api.schema import assert_valid, resolve, validate
from tests.factories import make_writeup


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_every_api_route_is_described(app, document):
    # The core API is always there; search describes itself only when it is registered.
    assert {"/api/v1/themes", "/api/v1/writeups", "/api/v1/writeups/{id}", "/api/v1/communes",
            "/api/v1/openapi.json"} <= set(document["paths"])
    routes = {openapi_path(rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")}
    assert routes, "no API routes"
    assert routes == set(document["paths"]), (routes ^ set(document["paths"]))
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            described = document["paths"][openapi_path(rule.rule)]
            assert set(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}) == set(described)


def test_document_structure(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"] == [{"url": "http://localhost"}]
    operation_ids = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert method == "get", (path, method)
            assert operation["operationId"] not in operation_ids
            operation_ids.add(operation["operationId"])
            assert operation["summary"] and operation["responses"]
            for name in re.findall(r"{(\w+)}", path):
                assert any(p["in"] == "path" and p["name"] == name and p["required"]
                           for p in operation.get("parameters", [])), (path, name)
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in ("query", "path") and parameter["name"] and parameter["schema"]
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", status)
                if "$ref" in response:
                    response = resolve(document, response["$ref"])
                assert response["description"]
    # Every reference resolves.
    refs = re.findall(r'"\$ref": "([^"]+)"', __import__("json").dumps(document))
    for ref in refs:
        assert resolve(document, ref) is not None


def test_documented_filters_match_the_endpoint(document):
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/writeups"]["get"]["parameters"]}
    assert set(parameters) == {"theme", "region", "department", "stage", "sort", "page", "per_page"}
    assert parameters["per_page"]["schema"]["maximum"] == 100
    assert parameters["stage"]["schema"]["enum"] == ["idee", "en-cours", "realise"]


def test_real_responses_match_the_schemas(app, client, document, login_as):
    with app.app_context():
        public = make_writeup(title="Navette à Troyes", commune_insee="10387",
                              themes=["mobilite", "numerique"],
                              budget_eur=120000, funders=["Banque des territoires"], partners=["SNCF"],
                              year=2023, results="Des **résultats**.", external_id="ext-1")
        make_writeup(title="Sans stade", stage=None, visibility="members")
        public_id = public.id
    login_as("member")
    samples = [
        ("/api/v1/themes", "/api/v1/themes", 200),
        ("/api/v1/writeups", "/api/v1/writeups", 200),
        ("/api/v1/writeups?theme=mobilite&region=44&department=10&stage=realise&page=1&per_page=5",
         "/api/v1/writeups", 200),
        ("/api/v1/writeups?page=50", "/api/v1/writeups", 200),
        ("/api/v1/writeups?per_page=101", "/api/v1/writeups", 400),
        ("/api/v1/writeups?sort=useful", "/api/v1/writeups", 200),
        ("/api/v1/writeups?sort=likes", "/api/v1/writeups", 400),
        ("/api/v1/members/suggest?q=a", "/api/v1/members/suggest", 200),
        (f"/api/v1/writeups/{public_id}", "/api/v1/writeups/{id}", 200),
        ("/api/v1/writeups/999999", "/api/v1/writeups/{id}", 404),
        ("/api/v1/communes?q=comm", "/api/v1/communes", 200),
        ("/api/v1/communes?q=", "/api/v1/communes", 400),
        ("/api/v1/search?q=navette&theme=mobilite&theme=numerique&sort=date", "/api/v1/search", 200),
        ("/api/v1/search?q=navette&per_page=0", "/api/v1/search", 400),
        ("/api/v1/search/suggest?q=nav", "/api/v1/search/suggest", 200),
    ]
    for url, path, status in samples:
        if path not in document["paths"]:  # search not installed in this build
            continue
        response = client.get(url)
        # Search answers 503 when its index is unavailable: that answer must fit the document too.
        if path.startswith("/api/v1/search") and response.status_code == 503:
            status = 503
        assert response.status_code == status, (url, response.status_code)
        assert_valid(document, path, status, response.get_json())
    assert client.get("/api/v1/writeups").get_json()["total"] == 2


def test_the_checker_catches_mismatches(document):
    """The schema checker itself refuses wrong shapes (so passing tests mean something)."""
    page = {"$ref": "#/components/schemas/WriteupPage"}
    assert validate({"total": 0, "page": 1, "per_page": 20, "results": []}, page, document) == []
    assert validate({"total": "0", "page": 1, "per_page": 20, "results": []}, page, document)
    assert validate({"total": 0, "page": 1, "per_page": 500, "results": []}, page, document)
    assert validate({"total": 0, "page": 1, "per_page": 20, "results": [], "extra": 1}, page, document)
    assert validate({"page": 1, "per_page": 20, "results": []}, page, document)
