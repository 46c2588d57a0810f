"""Notification pages are valid HTML (Nu validator), with real notifications, follow buttons
pressed and not, and the preferences form with errors."""

from __future__ import annotations

from pathlib import Path

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import emails, follows
from tests.factories import make_user, make_writeup
from tests.helpers import submit
from tests.notifications.conftest import post_comment
from tests.test_html_validity import validate


def test_notification_pages_are_valid_html(app, client, login_as, tmp_path):
    member = login_as("member", first_name="Bérénice")
    with app.app_context():
        user = db.session.get(User, member.id)
        writeup = make_writeup(user, title="Une halle « gourmande » & <vivante>")
        followed = make_writeup(make_user(), title="Un tiers-lieu")
        follows.follow(user, db.session.get(Region, "44"))
        db.session.commit()
        antoine = make_user(first_name="Antoine")
        for n in range(22):
            post_comment(writeup, antoine, f"Question {n} : **gras** & <b>balise</b>")
        page = f"/retours/{writeup.id}-{writeup.slug}"
        other_page = f"/retours/{followed.id}-{followed.slug}"
        with app.test_request_context("/"):
            unsubscribe = emails.unsubscribe_url(member.id, "reply").replace("http://localhost", "")
    pages: dict[str, bytes] = {}
    for name, url in {
        "notifications": "/notifications",
        "notifications-page-2": "/notifications?page=2",
        "preferences": "/compte/notifications",
        "subscriptions": "/compte/abonnements",
        "writeup-followed": page,
        "writeup-not-followed": other_page,
        "theme": "/thematiques/mobilite",
        "region-followed": "/territoires/44",
        "account": "/compte",
        "unsubscribe": unsubscribe,
    }.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[name] = response.data
    pages["preferences-errors"] = submit(client, "/compte/notifications", {"reply": "jamais"}).data
    pages["unsubscribed"] = client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).data
    pages["bad-link"] = client.get("/notifications/desabonnement/abc").data
    files = []
    for name, body in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
