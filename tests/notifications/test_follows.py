"""Following write-ups, themes and régions: buttons on their pages, "Mes abonnements"."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace

import pytest

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import follows
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup
from tests.helpers import csrf_token, page_token


def follow_button(html: str) -> dict | None:
    """The follow form of a page: its action, the value it posts, the button's aria-pressed and label."""
    form = re.search(r'<form method="post" action="([^"]+)" class="pvd-follow">(.*?)</form>', html, re.S)
    if form is None:
        return None
    button = re.search(
        r'<button type="submit" aria-pressed="(true|false)"[^>]*>([^<]*)</button>', form.group(2)
    )
    value = re.search(
        r'name="follow" type="hidden" value="([01])"|type="hidden" name="follow" value="([01])"'
        r'|id="follow" name="follow" type="hidden" value="([01])"',
        form.group(2),
    )
    status = re.search(r'pvd-follow__status">([^<]*)<', form.group(2))
    return {
        "action": form.group(1),
        "pressed": button.group(1),
        "label": unescape(button.group(2)).strip(),
        "value": next(v for v in value.groups() if v),
        "status": unescape(status.group(1)),
    }


@pytest.fixture
def writeup(app):
    with app.app_context():
        row = make_writeup(make_user(first_name="Bérénice"), title="Une halle gourmande")
        return SimpleNamespace(id=row.id, slug=row.slug, title=row.title)


def _page(writeup) -> str:
    return f"/retours/{writeup.id}-{writeup.slug}"


def _toggle(client, page: str, button: dict, **extra):
    return client.post(
        button["action"],
        data={"csrf_token": page_token(client, page), "follow": button["value"], "next": page, **extra},
    )


class TestWriteup:
    def test_follow_then_unfollow_from_the_sidebar(self, app, client, login_as, writeup):
        member = login_as("member")
        button = follow_button(client.get(_page(writeup)).get_data(as_text=True))
        assert button == {
            "action": f"/abonnements/retours/{writeup.id}",
            "pressed": "false",
            "label": "Suivre ce retour",
            "value": "1",
            "status": "Suivez ce retour pour être prévenu·e des nouveaux commentaires.",
        }
        response = _toggle(client, _page(writeup), button)
        assert response.status_code == 302 and response.headers["Location"] == _page(writeup)
        html = client.get(_page(writeup)).get_data(as_text=True)
        assert "Vous suivez « Une halle gourmande ». Réglez vos courriels" in html
        button = follow_button(html)
        assert (button["pressed"], button["value"], button["label"]) == ("true", "0", "Suivre ce retour")
        with app.app_context():
            assert follows.is_following(db.session.get(User, member.id), db.session.get(Writeup, writeup.id))
        html = client.get(_toggle(client, _page(writeup), button).headers["Location"]).get_data(as_text=True)
        assert "Vous ne suivez plus « Une halle gourmande »." in html
        assert follow_button(html)["pressed"] == "false"

    def test_following_twice_is_harmless(self, app, client, login_as, writeup):
        member = login_as("member")
        button = follow_button(client.get(_page(writeup)).get_data(as_text=True))
        _toggle(client, _page(writeup), button)
        assert _toggle(client, _page(writeup), button).status_code == 302
        with app.app_context():
            rows = follows.subscriptions_of(db.session.get(User, member.id)).writeups
        assert [w.id for w in rows] == [writeup.id]

    def test_visitors_are_invited_to_sign_in(self, client, writeup):
        html = client.get(_page(writeup)).get_data(as_text=True)
        assert follow_button(html) is None
        assert "Connectez-vous pour suivre ce retour" in html
        token = page_token(client, "/connexion")
        response = client.post(
            f"/abonnements/retours/{writeup.id}", data={"csrf_token": token, "follow": "1"}
        )
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]

    def test_hidden_write_ups_cannot_be_followed(self, app, client, login_as, writeup):
        login_as("member")
        token = page_token(client, "/")
        with app.app_context():
            row = db.session.get(Writeup, writeup.id)
            row.hidden_at = utcnow()
            db.session.commit()
        response = client.post(
            f"/abonnements/retours/{writeup.id}", data={"csrf_token": token, "follow": "1"}
        )
        assert response.status_code == 404

    def test_bad_values_and_missing_token(self, client, login_as, writeup):
        login_as("member")
        token = page_token(client, "/")
        assert (
            client.post(
                f"/abonnements/retours/{writeup.id}", data={"csrf_token": token, "follow": "peut-être"}
            ).status_code
            == 400
        )
        assert client.post(f"/abonnements/retours/{writeup.id}", data={"follow": "1"}).status_code == 400
        assert (
            client.post("/abonnements/retours/999999", data={"csrf_token": token, "follow": "1"}).status_code
            == 404
        )

    def test_no_open_redirect(self, client, login_as, writeup):
        login_as("member")
        response = client.post(
            f"/abonnements/retours/{writeup.id}",
            data={"csrf_token": page_token(client, "/"), "follow": "1", "next": "https://evil.example/"},
        )
        assert response.headers["Location"] == _page(writeup)


class TestThemesAndRegions:
    def test_follow_a_theme_from_its_page(self, app, client, login_as):
        member = login_as("member")
        html = client.get("/thematiques/mobilite").get_data(as_text=True)
        button = follow_button(html)
        assert (button["label"], button["pressed"]) == ("Suivre cette thématique", "false")
        html = client.get(_toggle(client, "/thematiques/mobilite", button).headers["Location"]).get_data(
            as_text=True
        )
        assert follow_button(html)["pressed"] == "true"
        with app.app_context():
            theme = db.session.scalar(db.select(Theme).where(Theme.slug == "mobilite"))
            assert follows.is_following(db.session.get(User, member.id), theme)

    def test_follow_a_region_from_its_page(self, app, client, login_as):
        member = login_as("member")
        button = follow_button(client.get("/territoires/44").get_data(as_text=True))
        assert (button["label"], button["action"]) == ("Suivre cette région", "/abonnements/territoires/44")
        _toggle(client, "/territoires/44", button)
        with app.app_context():
            assert follows.is_following(db.session.get(User, member.id), db.session.get(Region, "44"))

    def test_visitors_see_no_button(self, client):
        assert follow_button(client.get("/thematiques/mobilite").get_data(as_text=True)) is None
        assert follow_button(client.get("/territoires/44").get_data(as_text=True)) is None

    def test_unknown_targets(self, client, login_as):
        login_as("member")
        token = page_token(client, "/")
        assert (
            client.post(
                "/abonnements/thematiques/inconnue", data={"csrf_token": token, "follow": "1"}
            ).status_code
            == 404
        )
        assert (
            client.post("/abonnements/territoires/99", data={"csrf_token": token, "follow": "1"}).status_code
            == 404
        )


class TestSubscriptionsPage:
    def test_lists_and_unfollows(self, app, client, login_as, writeup):
        member = login_as("member")
        with app.app_context():
            user = db.session.get(User, member.id)
            follows.follow(user, db.session.get(Writeup, writeup.id))
            follows.follow(user, db.session.scalar(db.select(Theme).where(Theme.slug == "mobilite")))
            follows.follow(user, db.session.get(Region, "44"))
            db.session.commit()
        html = client.get("/compte/abonnements").get_data(as_text=True)
        assert f'href="{_page(writeup)}">Une halle gourmande</a>' in html
        assert 'href="/thematiques/mobilite">Mobilité</a>' in html or "/thematiques/mobilite" in html
        assert 'href="/territoires/44">Grand Est</a>' in html
        assert html.count("Ne plus suivre") == 3
        response = client.post(
            "/abonnements/territoires/44",
            data={"csrf_token": csrf_token(html), "follow": "0", "next": "/compte/abonnements"},
        )
        assert response.headers["Location"] == "/compte/abonnements"
        html = client.get("/compte/abonnements").get_data(as_text=True)
        assert "Vous ne suivez plus « Grand Est »." in html
        assert "Vous ne suivez aucune région." in html and html.count("Ne plus suivre") == 2

    def test_empty(self, client, login_as):
        login_as("member")
        html = client.get("/compte/abonnements").get_data(as_text=True)
        assert "Vous ne suivez aucun retour d'expérience." in html
