"""Listing pages kept for anonymous visitors: served again while nothing changed, fresh after
any change, never shared with signed-in members."""

from __future__ import annotations

from sqlalchemy import event

from pvd_network.extensions import db
from pvd_network.themes.services import get_by_slug, update_theme
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup
from tests.catalogue.test_listing import titles
from tests.factories import make_user, make_writeup


class Queries:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, *_args, **_kwargs):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def test_an_unchanged_listing_is_served_again_with_one_query(app, client):
    with app.app_context():
        make_writeup(make_user(), title="Une halle rénovée")
        engine = db.engine
    first = client.get("/retours?theme=acces-aux-soins")
    with Queries(engine) as queries:
        again = client.get("/retours?theme=acces-aux-soins")
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert queries.count == 1  # the content version, nothing else
    assert titles(again) == ["Une halle rénovée"]


def test_a_new_edited_or_unpublished_write_up_shows_at_once(app, client):
    with app.app_context():
        author = make_user()
        make_writeup(author, title="Une halle rénovée")
    assert titles(client.get("/retours")) == ["Une halle rénovée"]
    with app.app_context():
        second_id = make_writeup(author, title="Un marché de producteurs").id
    assert titles(client.get("/retours")) == ["Un marché de producteurs", "Une halle rénovée"]
    with app.app_context():
        row = db.session.get(Writeup, second_id)
        writeup_services.update_writeup(row, {"title": "Un marché de producteurs locaux"}, editor=None)
        db.session.commit()
    assert titles(client.get("/retours")) == ["Un marché de producteurs locaux", "Une halle rénovée"]
    with app.app_context():
        writeup_services.archive(db.session.get(Writeup, second_id), by=None)
        db.session.commit()
    assert titles(client.get("/retours")) == ["Une halle rénovée"]


def test_a_renamed_theme_shows_at_once_on_theme_pages(app, client):
    with app.app_context():
        make_writeup(make_user(), title="Une halle rénovée")
    assert "Accès aux soins" in client.get("/thematiques/acces-aux-soins").get_data(as_text=True)
    with app.app_context():
        theme = get_by_slug("acces-aux-soins")
        update_theme(theme, "Santé de proximité", theme.description, theme.pictogram)
        db.session.commit()
    html = client.get("/thematiques/acces-aux-soins").get_data(as_text=True)
    assert "Santé de proximité" in html and "Accès aux soins" not in html


def test_members_never_get_the_anonymous_page_nor_the_other_way_round(app, client, login_as):
    with app.app_context():
        author = make_user()
        make_writeup(author, title="Un retour public")
        make_writeup(author, title="Un retour réservé", visibility="members")
    assert titles(client.get("/retours")) == ["Un retour public"]
    login_as("member")
    assert titles(client.get("/retours")) == ["Un retour réservé", "Un retour public"]
    with client.session_transaction() as session:
        session.clear()
    assert titles(client.get("/retours")) == ["Un retour public"]


def test_the_language_is_part_of_the_address(app, client):
    with app.app_context():
        make_writeup(make_user(), title="Une halle rénovée")
    french = client.get("/retours", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    english = client.get("/retours", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="fr"' in french and 'lang="en"' in english


def test_a_page_showing_a_message_is_not_kept(app, client):
    with app.app_context():
        make_writeup(make_user(), title="Une halle rénovée")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Message unique")]
    assert "Message unique" in client.get("/retours").get_data(as_text=True)
    assert "Message unique" not in client.get("/retours").get_data(as_text=True)


def test_the_cache_can_be_turned_off(app, client):
    app.config["PAGE_CACHE_SIZE"] = 0
    with app.app_context():
        make_writeup(make_user(), title="Une halle rénovée")
        engine = db.engine
    client.get("/retours")
    with Queries(engine) as queries:
        client.get("/retours")
    assert queries.count > 1


# --- Write-up pages ---------------------------------------------------------------------------


def test_a_write_up_page_shows_new_comments_and_hiding_at_once(app, client):
    from pvd_network.discussions import services as discussions

    with app.app_context():
        author = make_user()
        writeup = make_writeup(author, title="Une halle rénovée")
        path = f"/retours/{writeup.id}-{writeup.slug}"
        writeup_id = writeup.id
        engine = db.engine
    first = client.get(path)
    assert first.status_code == 200 and "Aucun commentaire pour l'instant." in first.get_data(as_text=True)
    with Queries(engine) as queries:
        assert client.get(path).get_data() == first.get_data()
    assert queries.count == 1
    with app.app_context():
        row = db.session.get(Writeup, writeup_id)
        discussions.post_comment(row, make_user(first_name="Paul"), "Comment avez-vous financé la halle ?")
        db.session.commit()
    assert "Comment avez-vous financé la halle ?" in client.get(path).get_data(as_text=True)
    with app.app_context():
        writeup_services.hide_writeup(db.session.get(Writeup, writeup_id), by=None, reason="Doublon")
        db.session.commit()
    assert client.get(path).status_code == 404


def test_a_signed_in_reader_never_gets_the_anonymous_write_up_page(app, client, login_as):
    with app.app_context():
        writeup = make_writeup(make_user(), title="Une halle rénovée")
        path = f"/retours/{writeup.id}-{writeup.slug}"
    anonymous = client.get(path).get_data(as_text=True)
    assert "Connectez-vous pour participer" in anonymous
    login_as("member")
    member = client.get(path).get_data(as_text=True)
    assert "Ajouter un commentaire" in member and "Connectez-vous pour participer" not in member
