"""Email preferences per kind: defaults, saving, French errors on bad values."""

from __future__ import annotations

import re

from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.notifications.models import KINDS, NotificationPreference
from tests.helpers import csrf_token, field_errors, submit

ALL_IMMEDIATE = {kind: "immediate" for kind in KINDS}


def checked(html: str) -> dict[str, str]:
    """The frequency checked for each kind, as the page shows it."""
    found = {}
    for tag in re.findall(r"<input[^>]*type=\"radio\"[^>]*>", html):
        if " checked" in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            found[name] = re.search(r'value="([^"]+)"', tag).group(1)
    return found


def test_defaults_are_shown(client, login_as):
    login_as("member")
    html = client.get("/compte/notifications").get_data(as_text=True)
    assert checked(html) == {
        "new_comment": "immediate",
        "reply": "immediate",
        "mention": "immediate",
        "moderation": "immediate",
        "followed_theme": "weekly",
        "followed_region": "weekly",
        "saved_search": "weekly",
    }
    assert "Réponse à l'un de mes commentaires" in html
    assert "Par défaut : résumé hebdomadaire" in html


def test_saving_keeps_each_choice(app, client, login_as):
    member = login_as("member")
    choices = {**ALL_IMMEDIATE, "mention": "never", "followed_theme": "daily"}
    response = submit(client, "/compte/notifications", choices, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Vos préférences de notification sont enregistrées." in html
    assert checked(html) == choices
    with app.app_context():
        stored = {
            p.kind: p.frequency
            for p in db.session.scalars(
                select(NotificationPreference).where(NotificationPreference.user_id == member.id)
            )
        }
    assert stored["mention"] == "never" and stored["followed_theme"] == "daily"


def test_a_bad_value_is_a_400_with_a_french_error_beside_the_field(client, login_as):
    login_as("member")
    response = submit(client, "/compte/notifications", {**ALL_IMMEDIATE, "reply": "hourly", "mention": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert field_errors(html, "reply") == ["Choisissez l'une des fréquences proposées."]
    assert field_errors(html, "mention") == ["Choisissez l'une des fréquences proposées."]
    assert field_errors(html, "new_comment") == []
    assert "fr-fieldset--error" in html
    assert checked(html)["new_comment"] == "immediate"  # the other values are kept


def test_without_the_csrf_token(client, login_as):
    login_as("member")
    response = client.post("/compte/notifications", data=ALL_IMMEDIATE)
    assert response.status_code == 400


def test_the_account_page_links_here(client, login_as):
    login_as("member")
    html = client.get("/compte").get_data(as_text=True)
    for link in ('href="/notifications"', 'href="/compte/abonnements"', 'href="/compte/notifications"'):
        assert link in html
    assert csrf_token(html)
