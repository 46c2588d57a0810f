""""Mes données" lists follows, notifications and preferences; an erased account keeps none."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from pvd_network.auth import personal_data
from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import follows
from pvd_network.notifications import services as notification_services
from pvd_network.notifications.models import Follow, Notification, NotificationPreference
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup
from tests.notifications.conftest import post_comment


def _setup(app, member):
    with app.test_request_context("/"):
        user = db.session.get(User, member.id)
        writeup = make_writeup(user, title="Une halle gourmande")
        follows.follow(user, db.session.get(Region, "44"))
        notification_services.set_frequency(user, "mention", "weekly")
        db.session.commit()
        post_comment(writeup, make_user(first_name="Antoine"), "Une question sur la halle.")
        return writeup.id


def test_the_export_lists_them(app, client, login_as):
    member = login_as("member")
    writeup_id = _setup(app, member)
    data = json.loads(client.get("/compte/mes-donnees").get_data(as_text=True))
    section = data["notifications"]
    assert section["abonnements"]["regions"] == ["44"]
    assert section["abonnements"]["retours"] == [{"id": writeup_id, "titre": "Une halle gourmande"}]
    assert section["preferences"]["mention"] == "weekly"
    assert [(n["type"], n["retour"]) for n in section["notifications"]] == [("new_comment", writeup_id)]


def test_an_erased_account_keeps_no_follows_notifications_nor_preferences(app, login_as):
    member = login_as("member")
    _setup(app, member)
    with app.test_request_context("/"):
        personal_data.erase(db.session.get(User, member.id), notify=False)
        db.session.commit()
        for model in (Follow, Notification, NotificationPreference):
            statement = select(func.count()).select_from(model).where(model.user_id == member.id)
            count = db.session.scalar(statement)
            assert count == 0, model
        assert db.session.scalar(select(func.count()).select_from(Writeup)) == 1  # contributions stay
