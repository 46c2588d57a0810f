"""The bell, the notification list, opening and marking notifications read; hidden content disappears."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.discussions import services as discussions
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation import decisions, reports
from pvd_network.notifications.models import Notification
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup, sign_in
from tests.helpers import page_token, submit
from tests.notifications.conftest import post_comment


def bell_label(html: str) -> str | None:
    """What a screen reader says for the header bell (aria-hidden parts left out)."""
    match = re.search(r'<a class="fr-btn fr-icon-notification-3-line pvd-bell"[^>]*>(.*?)</a>', html, re.S)
    if match is None:
        return None
    inner = re.sub(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>', "", match.group(1), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split())


def bell_badge(html: str) -> str | None:
    match = re.search(r'<span class="pvd-bell__count" aria-hidden="true">([^<]*)</span>', html)
    return match.group(1) if match else None


@pytest.fixture
def inbox(app, login_as):
    """Bérénice (signed in) has a write-up with two comments by Antoine: two unread notifications."""
    member = login_as("member", first_name="Bérénice", last_name="Auteur")
    with app.app_context():
        antoine = make_user(first_name="Antoine", last_name="Commentateur")
        writeup = make_writeup(db.session.get(User, member.id), title="Une halle gourmande")
        first = post_comment(writeup, antoine, "Combien a coûté la halle ?")
        second = post_comment(writeup, antoine, "Et qui la gère au quotidien ?")
        writeup_id, slug = writeup.id, writeup.slug
        ids = {c.body: c.id for c in (first, second)}
        notifications = {
            n.comment_id: n.id
            for n in db.session.scalars(db.select(Notification).where(Notification.user_id == member.id))
        }
    return {
        "member": member,
        "antoine": antoine,
        "writeup": SimpleNamespace(id=writeup_id, slug=slug),
        "first": ids["Combien a coûté la halle ?"],
        "second": ids["Et qui la gère au quotidien ?"],
        "notification": {ids[k]: notifications[ids[k]] for k in ids},
    }


class TestBell:
    def test_signed_in_members_see_the_unread_count(self, client, inbox):
        html = client.get("/").get_data(as_text=True)
        assert bell_label(html) == "Notifications (2 non lues)"
        assert bell_badge(html) == "2"

    def test_no_badge_without_unread(self, client, login_as):
        login_as("member")
        html = client.get("/").get_data(as_text=True)
        assert bell_label(html) == "Notifications (aucune non lue)"
        assert bell_badge(html) is None

    def test_visitors_have_no_bell(self, client):
        assert bell_label(client.get("/").get_data(as_text=True)) is None

    def test_one_query_per_page(self, app, client, inbox):
        statements = []

        def count(_conn, _cursor, statement, *_args):
            if "notifications" in statement:
                statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            html = client.get("/retours").get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert bell_badge(html) == "2"
        assert len(statements) == 1, statements


class TestList:
    def test_newest_first_unread_marked_with_links(self, client, inbox):
        html = client.get("/notifications").get_data(as_text=True)
        assert "2 notifications non lues" in html
        headlines = re.findall(r'<a href="/notifications/(\d+)">([^<]*)</a>', html)
        assert [unescape(text) for _id, text in headlines] == [
            "Antoine Commentateur a commenté « Une halle gourmande »"
        ] * 2
        assert [int(i) for i, _t in headlines] == [
            inbox["notification"][inbox["second"]],
            inbox["notification"][inbox["first"]],
        ]
        assert "Et qui la gère au quotidien ?" in html
        assert html.count(">Non lue<") == 2
        assert "Tout marquer comme lu" in html

    def test_opening_marks_read_and_goes_to_the_comment(self, client, inbox):
        notification_id = inbox["notification"][inbox["first"]]
        response = client.get(f"/notifications/{notification_id}")
        assert response.status_code == 302
        writeup = inbox["writeup"]
        assert (
            response.headers["Location"]
            == f"/retours/{writeup.id}-{writeup.slug}#commentaire-{inbox['first']}"
        )
        html = client.get("/notifications").get_data(as_text=True)
        assert bell_label(html) == "Notifications (1 non lue)"
        assert html.count(">Non lue<") == 1

    def test_mark_one_read(self, client, inbox):
        notification_id = inbox["notification"][inbox["second"]]
        response = submit(
            client,
            f"/notifications/{notification_id}/lu",
            {"next": "/notifications?page=1"},
            form_page="/notifications",
        )
        assert response.status_code == 302
        assert response.headers["Location"] == f"/notifications?page=1#notification-{notification_id}"
        html = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "La notification est marquée comme lue." in html
        assert "1 notification non lue" in html

    def test_mark_all_read(self, client, inbox):
        response = submit(client, "/notifications/tout-lu", form_page="/notifications", follow_redirects=True)
        html = response.get_data(as_text=True)
        assert "2 notifications marquées comme lues." in html
        assert "Aucune notification non lue" in html
        assert bell_label(html) == "Notifications (aucune non lue)"

    def test_without_csrf_token_nothing_changes(self, client, inbox):
        assert client.post("/notifications/tout-lu").status_code == 400
        notification_id = inbox["notification"][inbox["first"]]
        assert client.post(f"/notifications/{notification_id}/lu").status_code == 400
        assert "2 notifications non lues" in client.get("/notifications").get_data(as_text=True)

    def test_paginated(self, app, client, inbox):
        with app.app_context():
            for n in range(21):
                post_comment(inbox["writeup"], inbox["antoine"], f"Question numéro {n}.")
        first = client.get("/notifications").get_data(as_text=True)
        assert "23 notifications non lues" in first
        assert "Question numéro 20." in first and "Question numéro 0." not in first
        second = client.get("/notifications?page=2").get_data(as_text=True)
        assert "Question numéro 0." in second and "Combien a coûté la halle ?" in second
        assert client.get("/notifications?page=abc").status_code == 200

    def test_empty(self, client, login_as):
        login_as("member")
        html = client.get("/notifications").get_data(as_text=True)
        assert "Vous n'avez pas encore de notification." in html
        assert "Tout marquer comme lu" not in html


class TestAnotherMembersNotifications:
    def test_cannot_be_opened_nor_marked(self, app, client, inbox, login_as):
        notification_id = inbox["notification"][inbox["first"]]
        login_as("member")  # the same client, now another member
        assert client.get(f"/notifications/{notification_id}").status_code == 404
        token = page_token(client, "/notifications")
        response = client.post(f"/notifications/{notification_id}/lu", data={"csrf_token": token})
        assert response.status_code == 404
        with app.app_context():
            assert db.session.get(Notification, notification_id).read_at is None

    def test_unknown_notification(self, client, inbox):
        assert client.get("/notifications/999999").status_code == 404


class TestHiddenContent:
    def test_a_hidden_write_up_takes_its_notifications_away(self, app, client, inbox):
        with app.app_context():
            writeup = db.session.get(Writeup, inbox["writeup"].id)
            writeup.hidden_at, writeup.hidden_reason = utcnow(), "Signalé."
            db.session.commit()
        html = client.get("/notifications").get_data(as_text=True)
        assert "Combien a coûté" not in html and "Aucune notification non lue" in html
        assert bell_label(html) == "Notifications (aucune non lue)"
        assert client.get(f"/notifications/{inbox['notification'][inbox['first']]}").status_code == 404
        with app.app_context():  # restored by a moderator: they come back
            writeup = db.session.get(Writeup, inbox["writeup"].id)
            writeup.hidden_at = None
            db.session.commit()
        assert bell_label(client.get("/").get_data(as_text=True)) == "Notifications (2 non lues)"

    def test_a_deleted_or_hidden_comment_takes_its_notification_away(self, app, client, inbox):
        with app.app_context():
            antoine = db.session.get(User, inbox["antoine"].id)
            discussions.delete_comment(db.session.get(Comment, inbox["first"]), by=antoine)
            db.session.commit()
        html = client.get("/notifications").get_data(as_text=True)
        assert "1 notification non lue" in html and "Combien a coûté" not in html
        with app.app_context():
            moderator = make_user(role="moderator")
            discussions.hide_comment(
                db.session.get(Comment, inbox["second"]), by=moderator, reason="Hors sujet"
            )
            db.session.commit()
        html = client.get("/notifications").get_data(as_text=True)
        assert "Aucune notification non lue" in html and "Et qui la gère" not in html
        assert bell_label(html) == "Notifications (aucune non lue)"


class TestModerationDecisions:
    """Decisions stay in the list even about hidden content, without revealing it to others."""

    def test_author_and_reporter_of_a_hidden_write_up(self, app, client, login_as):
        reporter = login_as("member", first_name="Rémi")
        with app.app_context():
            author = make_user(first_name="Bérénice")
            moderator = make_user(role="moderator")
            writeup = make_writeup(author, title="Une halle à cacher")
            reports.report(db.session.get(User, reporter.id), "spam", writeup=writeup)
            db.session.commit()
            row = db.session.get(Writeup, writeup.id)
            state = decisions.writeup_token(row)
            decisions.decide_on_writeup(row, "hide", db.session.get(User, moderator.id),
                                        reason="Publicité déguisée.", state=state)
            db.session.commit()
            writeup_id, slug = writeup.id, writeup.slug
        html = client.get("/notifications").get_data(as_text=True)
        html = html.replace("&#39;", "'")
        assert "Décision de l'équipe de modération" in html
        assert "Une halle à cacher" not in html  # the reporter no longer sees the write-up
        assert "Suite à votre signalement, le contenu a été masqué." in html
        notification_id = re.search(r'href="/notifications/(\d+)"', html).group(1)
        assert client.get(f"/notifications/{notification_id}").headers["Location"] == "/notifications"
        with app.app_context():  # the same browser, now the author's
            sign_in(client, db.session.get(User, author.id))
        html = client.get("/notifications").get_data(as_text=True).replace("&#39;", "'")
        assert "Décision de l'équipe de modération sur « Une halle à cacher »" in html
        assert "Votre contenu a été masqué par l'équipe de modération. Motif : Publicité déguisée." in html
        notification_id = re.search(r'href="/notifications/(\d+)"', html).group(1)
        location = client.get(f"/notifications/{notification_id}").headers["Location"]
        assert location == f"/retours/{writeup_id}-{slug}"  # authors still see their hidden write-up
