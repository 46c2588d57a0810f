""" "Enregistrer cette recherche": saving, listing on the account page, running, deleting,
"Mes données" and account erasure; each member sees and deletes only their own."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.search import saved as saved_services
from pvd_network.search.models import SavedSearch
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import DEFAULT_PASSWORD, make_user, sign_in
from tests.helpers import page_token, submit
from tests.search.ui_helpers import add_author, add_writeup


@pytest.fixture
def corpus(app):
    author = add_author(app)
    add_writeup(app, author, "Navette électrique vers la gare", themes=["mobilite"], summary="Une navette.")


def save(client, data: dict, **kwargs):
    """POST the save form of the search page, with a CSRF token of this client's session."""
    return client.post(
        "/recherche/enregistrer", data={"csrf_token": page_token(client, "/recherche"), **data}, **kwargs
    )


def rows(app, user_id: int | None = None) -> list[SavedSearch]:
    with app.app_context():
        statement = select(SavedSearch).order_by(SavedSearch.id)
        if user_id is not None:
            statement = statement.where(SavedSearch.user_id == user_id)
        found = list(db.session.scalars(statement))
        for row in found:
            db.session.expunge(row)
        return found


def saved_block(html: str) -> str:
    match = re.search(r'<section class="fr-mt-6w" id="recherches-enregistrees".*?</section>', html, re.S)
    assert match, "no saved searches block on the account page"
    return match.group(0)


def test_a_visitor_is_sent_to_sign_in(app, client, corpus):
    response = client.post(
        "/recherche/enregistrer", data={"csrf_token": page_token(client, "/connexion"), "q": "navette"}
    )
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/connexion"
    assert rows(app) == []
    # Coming back from the sign-in page by GET: the search page, not a 405.
    back = client.get("/recherche/enregistrer?q=navette&theme=mobilite")
    assert back.status_code == 302
    assert parse_qs(urlsplit(back.headers["Location"]).query) == {"q": ["navette"], "theme": ["mobilite"]}


def test_without_a_csrf_token_nothing_is_saved(app, client, login_as, corpus):
    login_as("member")
    assert client.post("/recherche/enregistrer", data={"q": "navette"}).status_code == 400
    assert rows(app) == []


def test_a_member_saves_the_query_and_facets(app, client, login_as, corpus):
    user = login_as("member")
    response = save(
        client,
        {
            "q": "navette",
            "theme": ["mobilite", "inconnue"],
            "region": "44",
            "year": "2023",
            "sort": "date",
            "page": "3",
            "name": "",
        },
    )
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/recherche"
    assert parse_qs(target.query) == {
        "q": ["navette"],
        "theme": ["mobilite"],
        "region": ["44"],
        "year": ["2023"],
        "sort": ["date"],
    }
    [row] = rows(app, user.id)
    assert (row.name, row.query) == ("navette", "navette")  # the name defaults to the query
    assert row.filters == {
        "theme": ["mobilite"],
        "region": ["44"],
        "department": [],
        "stage": [],
        "year": [2023],
    }
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Recherche enregistrée : « navette ». Retrouvez-la dans votre compte." in page


def test_names_default_to_the_ticked_values_then_to_everything(app, client, login_as, corpus):
    user = login_as("member")
    save(client, {"theme": "mobilite", "region": "44"})
    save(client, {})
    save(client, {"q": "gare", "name": "  Mes navettes  "})
    assert [row.name for row in rows(app, user.id)] == [
        "Mobilité · Grand Est",
        "Tous les retours d'expérience",
        "Mes navettes",
    ]


def test_saving_the_same_search_twice_keeps_one_row(app, client, login_as, corpus):
    user = login_as("member")
    save(client, {"q": "navette", "theme": ["mobilite"], "region": "44"})
    response = save(client, {"q": "navette", "region": "44", "theme": "mobilite", "name": "Navettes"})
    assert [row.name for row in rows(app, user.id)] == ["Navettes"]
    assert "Cette recherche était déjà enregistrée" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_a_too_long_name_is_refused_with_a_message(app, client, login_as, corpus):
    login_as("member")
    response = save(client, {"q": "navette", "name": "x" * 201})
    assert response.status_code == 302
    assert "La recherche n'a pas été enregistrée : 200 caractères au plus." in unescape(
        client.get(response.headers["Location"]).get_data(as_text=True)
    )
    assert rows(app) == []


def test_a_member_keeps_a_bounded_number_of_searches(app, client, login_as, corpus, monkeypatch):
    monkeypatch.setattr(saved_services, "MAX_PER_MEMBER", 2)
    user = login_as("member")
    for word in ("un", "deux", "trois"):
        response = save(client, {"q": word})
    assert [row.query for row in rows(app, user.id)] == ["un", "deux"]
    assert "supprimez-en depuis votre compte" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_the_account_page_lists_my_saved_searches_with_run_links_and_delete_buttons(
    app, client, login_as, corpus
):
    login_as("member")
    assert "Vous n'avez pas encore enregistré de recherche." in saved_block(
        client.get("/compte").get_data(as_text=True)
    )
    save(client, {"q": "navette", "theme": "mobilite", "department": "55", "name": "Navettes"})
    save(client, {"q": "maison de santé"})
    block = saved_block(client.get("/compte").get_data(as_text=True))
    assert "Mes recherches enregistrées" in block
    links = [
        unescape(link) for link in re.findall(r'<p class="fr-text--bold fr-mb-1v"><a href="([^"]+)">', block)
    ]
    assert [parse_qs(urlsplit(link).query) for link in links] == [
        {"q": ["maison de santé"]},
        {"q": ["navette"], "theme": ["mobilite"], "department": ["55"]},
    ]
    assert "Mobilité" in block and "Meuse (55)" in block  # the facets by their names
    assert len(re.findall(r'<form method="post" action="/recherche/enregistrees/\d+/supprimer"', block)) == 2
    assert block.count('name="csrf_token"') == 2
    assert 'Supprimer<span class="fr-sr-only"> la recherche « Navettes »</span>' in block
    # The run link lands on the search with its facets ticked.
    page = client.get(links[1]).get_data(as_text=True)
    assert re.search(
        r'id="filtre-theme-mobilite" name="theme" value="mobilite" form="form-recherche" checked', page
    )


def test_other_members_see_nothing_of_my_saved_searches(app, client, login_as, corpus):
    owner = login_as("member")
    save(client, {"q": "navette secrète", "name": "Ma veille navettes"})
    [row] = rows(app, owner.id)
    other = app.test_client()
    with app.app_context():
        sign_in(other, make_user())
    assert "Ma veille navettes" not in other.get("/compte").get_data(as_text=True)
    assert other.get(f"/recherche/enregistrees/{row.id}").status_code == 403
    token = page_token(other, "/compte")
    assert (
        other.post(f"/recherche/enregistrees/{row.id}/supprimer", data={"csrf_token": token}).status_code
        == 403
    )
    assert [r.id for r in rows(app)] == [row.id]
    # Nor does a visitor: sent to sign in.
    visitor = app.test_client()
    response = visitor.get(f"/recherche/enregistrees/{row.id}")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/connexion"
    response = visitor.post(
        f"/recherche/enregistrees/{row.id}/supprimer", data={"csrf_token": page_token(visitor, "/connexion")}
    )
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/connexion"
    assert len(rows(app)) == 1


def test_the_owner_runs_and_deletes(app, client, login_as, corpus):
    owner = login_as("member")
    save(client, {"q": "navette", "theme": "mobilite"})
    [row] = rows(app, owner.id)
    response = client.get(f"/recherche/enregistrees/{row.id}")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {"q": ["navette"], "theme": ["mobilite"]}
    assert client.get("/recherche/enregistrees/999999").status_code == 404
    assert client.post(f"/recherche/enregistrees/{row.id}/supprimer").status_code == 400  # no CSRF token
    response = submit(client, f"/recherche/enregistrees/{row.id}/supprimer", form_page="/compte")
    assert response.status_code == 302 and response.headers["Location"] == "/compte#recherches-enregistrees"
    assert rows(app) == []
    assert "La recherche « navette » a été supprimée." in client.get("/compte").get_data(as_text=True)
    assert (
        client.post(
            f"/recherche/enregistrees/{row.id}/supprimer", data={"csrf_token": page_token(client, "/compte")}
        ).status_code
        == 404
    )


def test_my_data_export_includes_my_saved_searches(app, client, login_as, corpus):
    login_as("member")
    save(client, {"q": "navette", "theme": "mobilite", "name": "Navettes"})
    data = json.loads(client.get("/compte/mes-donnees").data)
    [entry] = data["recherches_enregistrees"]
    assert entry["name"] == "Navettes" and entry["query"] == "navette"
    assert entry["filters"] == {"theme": ["mobilite"]}
    assert entry["created_at"].endswith("+00:00")
    assert entry["url"] == "http://localhost/recherche?q=navette&theme=mobilite"


def test_an_erased_account_loses_its_saved_searches(app, client, login_as, corpus):
    user = login_as("member")
    save(client, {"q": "navette"})
    with app.app_context():
        other = make_user()
        db.session.add(SavedSearch(user_id=other.id, name="autre", query="autre", filters={}))
        db.session.commit()
    response = submit(client, "/compte/supprimer", {"password": DEFAULT_PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert rows(app, user.id) == []
    assert [row.name for row in rows(app)] == ["autre"]


def test_saved_search_names_and_queries_are_inert_on_the_account_page(app, client, login_as, corpus):
    login_as("member")
    for n, vector in enumerate(VECTORS):
        save(client, {"q": f"{vector} {n}"[:500], "name": vector[:200]})
    block = saved_block(client.get("/compte").get_data(as_text=True))
    assert_inert(
        block.replace('<form method="post"', "<div")
        .replace("</form>", "</div>")
        .replace('<input type="hidden" name="csrf_token"', "<span"),
        "account saved searches",
    )
    assert "<script>alert" not in block
