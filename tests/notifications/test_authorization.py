"""Every route of the feature for visitors, members, suspended members, moderators and admins."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from pvd_network.extensions import db
from pvd_network.notifications import emails
from pvd_network.notifications.models import FOLLOWED_REGION, Notification
from tests.factories import make_user, make_writeup
from tests.helpers import page_token

ROLES = ("anonymous", "member", "suspended", "moderator", "admin")


@pytest.fixture
def setting(app, client, login_as, request):
    """A published write-up, the role's account (if any) with one notification of its own."""
    role = request.param
    user = login_as(role) if role != "anonymous" else None
    with app.app_context():
        row = make_writeup(make_user(first_name="Bérénice"))
        writeup = SimpleNamespace(id=row.id, slug=row.slug)
        owner = user or make_user()
        notification = Notification(
            user_id=owner.id, kind=FOLLOWED_REGION, writeup_id=writeup.id, message="Grand Est"
        )
        db.session.add(notification)
        db.session.commit()
        notification_id = notification.id
        with app.test_request_context("/"):
            token = emails.unsubscribe_token(owner.id, "new_comment")
    return {
        "role": role,
        "writeup": writeup,
        "notification": notification_id,
        "unsubscribe": token,
        "csrf": page_token(client, "/connexion" if user is None or role == "suspended" else "/"),
    }


def _routes(s):
    w, n = s["writeup"], s["notification"]
    return [
        ("GET", "/notifications", {}, 200),
        ("GET", f"/notifications/{n}", {}, 302),
        ("POST", f"/notifications/{n}/lu", {}, 302),
        ("POST", "/notifications/tout-lu", {}, 302),
        ("GET", "/compte/notifications", {}, 200),
        (
            "POST",
            "/compte/notifications",
            {
                "new_comment": "daily",
                "reply": "immediate",
                "mention": "immediate",
                "moderation": "immediate",
                "followed_theme": "weekly",
                "followed_region": "weekly",
                "saved_search": "never",
            },
            302,
        ),
        ("GET", "/compte/abonnements", {}, 200),
        ("POST", f"/abonnements/retours/{w.id}", {"follow": "1"}, 302),
        ("POST", "/abonnements/thematiques/mobilite", {"follow": "1"}, 302),
        ("POST", "/abonnements/territoires/44", {"follow": "1"}, 302),
    ]


@pytest.mark.parametrize("setting", ROLES, indirect=True)
def test_member_routes(client, setting):
    for method, path, data, member_status in _routes(setting):
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": setting["csrf"], **data})
        if setting["role"] in ("anonymous", "suspended"):
            assert response.status_code == 302, (method, path)
            assert urlsplit(response.headers["Location"]).path == "/connexion", (method, path)
        else:
            assert response.status_code == member_status, (method, path, response.status_code)
            if response.status_code == 302:
                assert urlsplit(response.headers["Location"]).path != "/connexion", (method, path)


@pytest.mark.parametrize("setting", ROLES, indirect=True)
def test_the_unsubscribe_link_needs_no_account(client, setting):
    path = f"/notifications/desabonnement/{setting['unsubscribe']}"
    assert client.get(path).status_code == 200
    assert client.post(path, data={"csrf_token": setting["csrf"]}).status_code == 200


@pytest.mark.parametrize("setting", ("member", "moderator", "admin"), indirect=True)
def test_staff_cannot_read_others_notifications(app, client, setting):
    with app.app_context():
        other = make_user()
        row = Notification(
            user_id=other.id, kind=FOLLOWED_REGION, writeup_id=setting["writeup"].id, message="x"
        )
        db.session.add(row)
        db.session.commit()
        other_id = row.id
    assert client.get(f"/notifications/{other_id}").status_code == 404
    assert (
        client.post(f"/notifications/{other_id}/lu", data={"csrf_token": setting["csrf"]}).status_code == 404
    )
    assert "Grand Est" in client.get("/notifications").get_data(as_text=True)
