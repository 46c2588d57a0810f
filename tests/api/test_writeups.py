"""The JSON API: themes, the write-up list with its filters, one write-up, errors, visibility."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.catalogue.cases import MEMBERS_ONLY, NEVER_LISTED, PUBLIC, make_cases
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import make_user, make_writeup

IMPORT_FIELDS = {"title", "summary", "commune_insee", "themes", "context", "actions", "results", "lessons",
                 "budget_eur", "funders", "partners", "stage", "year", "visibility", "external_id",
                 "published_at"}


@pytest.fixture
def spread(app):
    base = datetime(2024, 3, 1, tzinfo=UTC)
    rows = [
        ("Maison de santé de Commercy", "55122", ["acces-aux-soins"], "realise"),
        ("Navette solidaire à Troyes", "10387", ["mobilite"], "en-cours"),
        ("Boutique à l'essai à Charleville", "08105", ["commerce-centre-ville"], "idee"),
        ("Vélo-école à Rennes", "35238", ["mobilite", "transition-ecologique"], "realise"),
    ]
    ids = {}
    with app.app_context():
        for day, (title, insee, themes, stage) in enumerate(rows):
            ids[title] = make_writeup(title=title, commune_insee=insee, themes=themes, stage=stage,
                                      published_at=base + timedelta(days=day)).id
    return ids


def titles(body) -> list[str]:
    return [item["title"] for item in body["results"]]


def test_themes(client, spread):
    response = client.get("/api/v1/themes")
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [t["slug"] for t in results][:3] == ["acces-aux-soins", "mobilite", "logement-habitat"]
    mobility = next(t for t in results if t["slug"] == "mobilite")
    assert mobility == {"slug": "mobilite", "name": "Mobilité", "archived": False, "writeups": 2,
                        "pictogram": "map/compass", "description": mobility["description"]}


def test_list_newest_first_with_paging_fields(client, spread):
    body = client.get("/api/v1/writeups").get_json()
    assert body["total"] == 4 and body["page"] == 1 and body["per_page"] == 20
    assert titles(body) == ["Vélo-école à Rennes", "Boutique à l'essai à Charleville",
                            "Navette solidaire à Troyes", "Maison de santé de Commercy"]
    item = body["results"][0]
    assert item["url"] == f"http://localhost/retours/{item['id']}-velo-ecole-a-rennes"
    assert item["commune"]["department"] == {"code": "35", "name": "Ille-et-Vilaine"}
    assert item["commune"]["region"] == {"code": "53", "name": "Bretagne"}
    assert item["themes"] == ["mobilite", "transition-ecologique"]
    assert item["published_at"] == "2024-03-04T00:00:00Z"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("theme=mobilite", {"Navette solidaire à Troyes", "Vélo-école à Rennes"}),
        ("region=44", {"Maison de santé de Commercy", "Navette solidaire à Troyes",
                       "Boutique à l'essai à Charleville"}),
        ("department=55", {"Maison de santé de Commercy"}),
        ("stage=realise", {"Maison de santé de Commercy", "Vélo-école à Rennes"}),
        ("theme=mobilite&region=44&department=10&stage=en-cours", {"Navette solidaire à Troyes"}),
        ("theme=&region=&stage=", {"Maison de santé de Commercy", "Navette solidaire à Troyes",
                                   "Boutique à l'essai à Charleville", "Vélo-école à Rennes"}),
    ],
)
def test_filters(client, spread, query, expected):
    body = client.get("/api/v1/writeups?" + query).get_json()
    assert set(titles(body)) == expected
    assert body["total"] == len(expected)


def test_pages(client, spread):
    first = client.get("/api/v1/writeups?per_page=3").get_json()
    second = client.get("/api/v1/writeups?per_page=3&page=2").get_json()
    assert (first["total"], len(first["results"]), second["page"], len(second["results"])) == (4, 3, 2, 1)
    beyond = client.get("/api/v1/writeups?per_page=3&page=9").get_json()
    assert beyond["results"] == [] and beyond["total"] == 4 and beyond["page"] == 9
    assert len(client.get("/api/v1/writeups?per_page=100").get_json()["results"]) == 4


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("theme=inconnue", "theme"),
        ("theme=" + "x" * 300, "theme"),
        ("region=99", "region"),
        ("region=%00", "region"),
        ("department=999", "department"),
        ("region=53&department=55", "department"),
        ("stage=fini", "stage"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("page=%C2%B2", "page"),
        ("page=" + "9" * 5000, "page"),
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=x", "per_page"),
    ],
)
def test_invalid_parameters_are_400_naming_them(client, query, parameter):
    response = client.get("/api/v1/writeups?" + query)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == 400 and error["title"] == "Requête incorrecte"
    assert list(error["parameters"]) == [parameter]


def test_several_invalid_parameters_are_all_named(client):
    error = client.get("/api/v1/writeups?theme=x&stage=y&per_page=1000").get_json()["error"]
    assert set(error["parameters"]) == {"theme", "stage", "per_page"}


def test_archived_themes_still_filter(app, client, spread):
    from pvd_network.extensions import db
    from pvd_network.themes.services import archive_theme, get_by_slug

    with app.app_context():
        archive_theme(get_by_slug("mobilite"))
        db.session.commit()
    assert client.get("/api/v1/writeups?theme=mobilite").get_json()["total"] == 2
    themes = client.get("/api/v1/themes").get_json()["results"]
    assert next(t for t in themes if t["slug"] == "mobilite")["archived"]


def test_detail_has_the_import_fields_and_more(app, client):
    with app.app_context():
        author = make_user(first_name="Alix", last_name="Autrice")
        writeup = make_writeup(
            author, title="Navette à la demande", summary="Un chapô.", commune_insee="10387",
            themes=["mobilite", "numerique"], context="Le **contexte**.", actions="- Une action",
            results="Des résultats.", lessons="Une leçon.", budget_eur=120000,
            funders=["Banque des territoires", "Région Grand Est"], partners=["SNCF"], stage="en-cours",
            year=2022, external_id="troyes-navette", published_at=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
        )
        writeup_id, slug = writeup.id, writeup.slug
    response = client.get(f"/api/v1/writeups/{writeup_id}")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= IMPORT_FIELDS
    assert {"id", "url", "author", "updated_at", "commune", "html"} <= set(body)
    assert "author_email" not in body and "email" not in str(body["author"])
    assert body["id"] == writeup_id
    assert body["url"] == f"http://localhost/retours/{writeup_id}-{slug}"
    assert body["author"] == {"name": "Alix Autrice"}
    assert body["commune_insee"] == "10387"
    assert body["commune"]["name"] == "Troyes" and body["commune"]["department"]["code"] == "10"
    assert body["themes"] == ["mobilite", "numerique"]
    assert (body["budget_eur"], body["funders"], body["partners"]) == (
        120000, ["Banque des territoires", "Région Grand Est"], ["SNCF"])
    assert (body["stage"], body["year"], body["visibility"], body["external_id"]) == (
        "en-cours", 2022, "public", "troyes-navette")
    assert body["published_at"] == "2024-05-06T07:08:09Z"
    assert body["context"] == "Le **contexte**."
    assert body["html"] == {"context": "<p>Le <strong>contexte</strong>.</p>",
                            "actions": "<ul>\n<li>Une action</li>\n</ul>",
                            "results": "<p>Des résultats.</p>", "lessons": "<p>Une leçon.</p>"}


@pytest.mark.parametrize("url", ["/api/v1/writeups/999999", "/api/v1/writeups/0", "/api/v1/writeups/abc",
                                 "/api/v1/writeups/" + "9" * 40, "/api/v1/nulle-part"])
def test_unknown_ids_are_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == 404


# --- Visibility -----------------------------------------------------------------------------


@pytest.fixture
def cases(app):
    with app.app_context():
        made = make_cases()
        return {title: w.id for title, w in made.items() if title != "author"}


def test_anonymous_callers_get_public_write_ups_only(client, cases):
    body = client.get("/api/v1/writeups").get_json()
    assert titles(body) == [PUBLIC] and body["total"] == 1
    assert client.get(f"/api/v1/writeups/{cases[PUBLIC]}").status_code == 200
    assert client.get(f"/api/v1/writeups/{cases[MEMBERS_ONLY]}").status_code == 404
    for title in NEVER_LISTED:
        assert client.get(f"/api/v1/writeups/{cases[title]}").status_code == 404, title
    mobility = next(t for t in client.get("/api/v1/themes").get_json()["results"] if t["slug"] == "mobilite")
    assert mobility["writeups"] == 1


@pytest.mark.parametrize("role", ["member", "moderator", "admin"])
def test_signed_in_members_also_get_members_only_ones(client, cases, login_as, role):
    login_as(role)
    body = client.get("/api/v1/writeups").get_json()
    assert set(titles(body)) == {PUBLIC, MEMBERS_ONLY} and body["total"] == 2
    assert client.get(f"/api/v1/writeups/{cases[MEMBERS_ONLY]}").get_json()["visibility"] == "members"
    for title in NEVER_LISTED:  # not even moderators: the API lists published content only
        assert client.get(f"/api/v1/writeups/{cases[title]}").status_code == 404, title


def test_a_suspended_member_is_anonymous(client, cases, login_as):
    login_as("suspended")
    assert titles(client.get("/api/v1/writeups").get_json()) == [PUBLIC]
    assert client.get(f"/api/v1/writeups/{cases[MEMBERS_ONLY]}").status_code == 404


def test_xss_corpus_in_the_api_html_is_inert(app, client):
    with app.app_context():
        ids = [make_writeup(title=f"Vecteur {n}", context=vector, actions=f"Avant {vector}", results=vector,
                            lessons=f"- {vector}").id
               for n, vector in enumerate(VECTORS)]
    for writeup_id in ids:
        body = client.get(f"/api/v1/writeups/{writeup_id}").get_json()
        for name, html in body["html"].items():
            assert_inert(html, f"api {writeup_id} {name}")
    response = client.get("/api/v1/writeups?per_page=100")
    assert response.mimetype == "application/json"
    assert "<script" not in response.get_data(as_text=True).lower()
