"""The write-ups blocks this feature adds to commune pages and member profiles."""
from __future__ import annotations

from html import unescape

from tests.catalogue.cases import assert_shows, make_cases
from tests.catalogue.test_listing import titles
from tests.factories import make_user, make_writeup


def test_commune_page_lists_its_write_ups(client, app_ctx):
    make_writeup(title="Halle rénovée à Commercy", commune_insee="55122")
    make_writeup(title="Navette à Troyes", commune_insee="10387")
    response = client.get("/communes/55122")
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert "Retours d'expérience de Commercy" in html
    assert titles(response) == ["Halle rénovée à Commercy"]
    # Breadcrumb: the région and the département pages.
    assert 'href="/territoires/44">Grand Est</a>' in html
    assert 'href="/territoires/44/55">Meuse</a>' in html


def test_commune_without_write_ups(client):
    html = unescape(client.get("/communes/10387").get_data(as_text=True))
    assert "Aucun retour d'expérience n'a encore été publié pour cette commune." in html


def test_commune_block_paginates_on_its_own_parameter(client, app_ctx):
    for n in range(8):
        make_writeup(title=f"Retour de Commercy {n}", commune_insee="55122")
    first = client.get("/communes/55122")
    assert len(titles(first)) == 6
    assert 'href="/communes/55122?page-retours=2#retours"' in first.get_data(as_text=True)
    assert len(titles(client.get("/communes/55122?page-retours=2"))) == 2
    assert len(titles(client.get("/communes/55122?page-retours=nope"))) == 6


def test_commune_block_visibility(app, client, login_as):
    # Data made in its own context: requests must not share the test's (and its signed-in user).
    with app.app_context():
        make_cases()
    assert_shows(client.get("/communes/55122").get_data(as_text=True), members=False)
    login_as("member")
    assert_shows(client.get("/communes/55122").get_data(as_text=True), members=True)


def test_profile_lists_the_members_published_write_ups(client, app_ctx, login_as):
    author = make_user(first_name="Alix", last_name="Autrice")
    other = make_user(first_name="Bob")
    make_writeup(author, title="Le retour d'Alix")
    make_writeup(other, title="Le retour de Bob")
    login_as("member")
    response = client.get(f"/membres/{author.id}")
    assert response.status_code == 200
    assert titles(response) == ["Le retour d'Alix"]


def test_profile_without_write_ups(client, app_ctx, login_as):
    author = make_user(first_name="Alix", last_name="Autrice")
    login_as("member")
    html = unescape(client.get(f"/membres/{author.id}").get_data(as_text=True))
    assert "Alix n'a pas encore publié de retour d'expérience." in html


def test_profile_block_shows_only_visible_write_ups(client, app_ctx, login_as):
    cases = make_cases()
    login_as("member")
    assert_shows(client.get(f"/membres/{cases['author'].id}").get_data(as_text=True), members=True)


def test_the_author_sees_only_published_write_ups_on_their_profile(client, app_ctx, login_as):
    me = login_as("member")
    from pvd_network.auth.models import User
    from pvd_network.extensions import db

    make_cases(author=db.session.get(User, me.id))
    assert_shows(client.get(f"/membres/{me.id}").get_data(as_text=True), members=True)
