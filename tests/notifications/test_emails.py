"""Notification emails: immediate after the commit with one-click unsubscribe headers, signed
unsubscribe links, daily digests, and failed sends retried later without losing anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pvd_network import create_app
from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import emails, follows
from pvd_network.notifications import services as notification_services
from pvd_network.notifications.models import (
    EMAIL_DAILY,
    EMAIL_DUE,
    EMAIL_NONE,
    EMAIL_SENT,
)
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup
from tests.conftest import make_config
from tests.factories import make_user, make_writeup
from tests.helpers import csrf_token, mail_links, page_token
from tests.notifications.conftest import closed_port, notifications_of, post_comment


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def _unsubscribe_path(message) -> str:
    header = message["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    return urlsplit(header[1:-1]).path


class TestImmediate:
    @pytest.fixture
    def app_config(self, smtp_config):
        return smtp_config

    def test_a_comment_mails_the_follower_after_the_commit(self, links, people, writeup, smtp_server):
        _port, mailbox = smtp_server
        comment = post_comment(writeup, people["antoine"], "Combien de producteurs **chaque semaine** ?")
        [message] = mailbox.wait_for(1)
        assert message["To"] == "berenice@example.org"
        assert message["Subject"] == (
            "[Réseau PVD] Antoine Commentateur a commenté « Une halle gourmande en centre-bourg »"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert _unsubscribe_path(message).startswith("/notifications/desabonnement/")
        text = _text(message)
        assert "Bonjour Bérénice," in text
        assert "Combien de producteurs **chaque semaine** ?" in text
        assert f"http://localhost/retours/{writeup.id}-{writeup.slug}#commentaire-{comment.id}" in mail_links(
            message
        )
        assert "Ne plus recevoir les courriels « Nouveau commentaire sur un retour que je suis »" in text
        assert "http://localhost/compte/notifications" in mail_links(message)
        assert (
            f'href="http://localhost/retours/{writeup.id}-{writeup.slug}#commentaire-{comment.id}"'
            in _html(message)
        )
        [notification] = notifications_of(people["author"])
        assert notification.email_state == EMAIL_SENT and notification.emailed_at is not None

    def test_long_accented_subjects_keep_every_space(self, links, people, writeup, smtp_server):
        _port, mailbox = smtp_server
        first = post_comment(writeup, people["antoine"], "Une question.")
        post_comment(writeup, people["author"], "Une réponse.", parent=first)
        [message] = [m for m in mailbox.wait_for(2) if m["To"] == "antoine@example.org"]
        assert message["Subject"] == (
            "[Réseau PVD] Bérénice Auteur a répondu à votre commentaire sur "
            "« Une halle gourmande en centre-bourg »"
        )

    def test_nothing_is_mailed_for_a_frequency_other_than_immediately(
        self, links, people, writeup, smtp_server
    ):
        _port, mailbox = smtp_server
        author = db.session.get(User, people["author"].id)
        notification_services.set_frequency(author, "new_comment", "daily")
        db.session.commit()
        post_comment(writeup, people["antoine"], "Une question.")
        [notification] = notifications_of(author)
        assert notification.email_state == EMAIL_DAILY
        assert mailbox.messages == []


class TestUnsubscribe:
    @pytest.fixture
    def app_config(self, smtp_config):
        return smtp_config

    @pytest.fixture
    def mailed(self, app, people, writeup, smtp_server):
        with app.test_request_context("/"):
            post_comment(writeup, people["antoine"], "Une première question.")
        [message] = smtp_server[1].wait_for(1)
        return message

    def _frequency(self, app, user, kind):
        with app.app_context():
            return notification_services.frequencies_of(db.session.get(User, user.id))[kind]

    def test_signed_out_confirm_then_unsubscribed(self, app, client, people, writeup, mailed, smtp_server):
        path = _unsubscribe_path(mailed)
        page = client.get(path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "Ne plus recevoir les courriels « Nouveau commentaire sur un retour que je suis » ?" in html
        assert self._frequency(app, people["author"], "new_comment") == "immediate"  # a GET changes nothing
        done = client.post(path, data={"csrf_token": csrf_token(html)})
        assert done.status_code == 200
        assert "Vous ne recevrez plus les courriels « Nouveau commentaire" in done.get_data(as_text=True)
        assert self._frequency(app, people["author"], "new_comment") == "never"
        with app.test_request_context("/"):
            post_comment(writeup, people["antoine"], "Une deuxième question.")
            assert notifications_of(people["author"])[-1].email_state == EMAIL_NONE
        assert len(smtp_server[1].messages) == 1

    def test_one_click_post_of_mail_clients_needs_no_token(self, app, client, people, mailed):
        response = client.post(_unsubscribe_path(mailed), data={"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert self._frequency(app, people["author"], "new_comment") == "never"

    def test_any_other_post_needs_the_csrf_token(self, app, client, people, mailed):
        assert client.post(_unsubscribe_path(mailed), data={}).status_code == 400
        assert self._frequency(app, people["author"], "new_comment") == "immediate"

    def test_a_tampered_token_is_a_french_400(self, app, client, people, mailed):
        path = _unsubscribe_path(mailed)
        for bad in (path[:-3] + "abc", "/notifications/desabonnement/nimporte-quoi"):
            response = client.get(bad)
            assert response.status_code == 400
            assert "Ce lien de désabonnement est incomplet, a été modifié ou a expiré." in response.get_data(
                as_text=True
            )
            assert client.post(bad, data={"List-Unsubscribe": "One-Click"}).status_code == 400
        assert self._frequency(app, people["author"], "new_comment") == "immediate"

    def test_an_expired_token_is_a_400(self, client, mailed, monkeypatch):
        monkeypatch.setattr(emails, "UNSUBSCRIBE_MAX_AGE", -1)
        assert client.get(_unsubscribe_path(mailed)).status_code == 400

    def test_a_token_for_another_purpose_is_refused(self, app, client, people):
        with app.app_context():
            from itsdangerous import URLSafeTimedSerializer

            forged = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="pvd-reset-password").dumps(
                {"u": people["author"].id, "k": "new_comment"}
            )
        assert client.get(f"/notifications/desabonnement/{forged}").status_code == 400


class TestDigest:
    @pytest.fixture
    def app_config(self, smtp_config):
        return smtp_config

    def test_a_daily_digest_lists_the_notifications_once(self, app, runner, people, smtp_server):
        _port, mailbox = smtp_server
        with app.app_context():
            chloe = db.session.get(User, people["chloe"].id)
            follows.follow(chloe, db.session.get(Region, "44"))
            notification_services.set_frequency(chloe, "followed_region", "daily")
            db.session.commit()
            moderator = make_user(role="moderator")
            for title in ("Un tiers-lieu dans l'ancienne gare", "Des pistes cyclables entre les bourgs"):
                draft = make_writeup(
                    db.session.get(User, people["author"].id), status="submitted", title=title
                )
                writeup_services.publish(
                    db.session.get(Writeup, draft.id), by=db.session.get(User, moderator.id)
                )
                db.session.commit()
            assert [n.email_state for n in notifications_of(chloe)] == [EMAIL_DAILY, EMAIL_DAILY]
        result = runner.invoke(
            args=[
                "notifications",
                "send-digests",
                "--period",
                "daily",
                "--base-url",
                "https://pvd.example.fr",
                "--skip-saved-searches",
            ]
        )
        assert result.exit_code == 0, result.output
        assert "Digests: 1 sent, 0 failed" in result.output
        [message] = mailbox.wait_for(1)
        assert message["To"] == "chloe@example.org"
        assert message["Subject"] == "[Réseau PVD] Votre résumé du jour : 2 notifications"
        text, html = _text(message), _html(message)
        for body in (text, html.replace("&#39;", "'")):
            assert "Un tiers-lieu dans l'ancienne gare" in body
            assert "Des pistes cyclables entre les bourgs" in body
            assert "Nouveau retour d'expérience dans la région Grand Est" in body
        assert "Ne plus recevoir le résumé quotidien des notifications" in text
        assert _unsubscribe_path(message).startswith("/notifications/desabonnement/")
        assert all(link.startswith("https://pvd.example.fr/") for link in mail_links(message))
        with app.app_context():
            assert {n.email_state for n in notifications_of(people["chloe"])} == {EMAIL_SENT}
        again = runner.invoke(
            args=[
                "notifications",
                "send-digests",
                "--period",
                "daily",
                "--base-url",
                "https://pvd.example.fr",
                "--skip-saved-searches",
            ]
        )
        assert again.exit_code == 0 and "Digests: 0 sent" in again.output
        assert len(mailbox.messages) == 1

    def test_the_digest_unsubscribe_link_stops_that_digest(self, app, client, people, smtp_server):
        with app.app_context():
            chloe = db.session.get(User, people["chloe"].id)
            notification_services.set_frequency(chloe, "followed_region", "daily")
            notification_services.set_frequency(chloe, "followed_theme", "daily")
            db.session.commit()
            with app.test_request_context("/"):
                path = urlsplit(emails.unsubscribe_url(chloe.id, "daily")).path
        response = client.post(path, data={"List-Unsubscribe": "One-Click"})
        assert "Vous ne recevrez plus le résumé quotidien des notifications." in response.get_data(
            as_text=True
        )
        with app.app_context():
            frequencies = notification_services.frequencies_of(db.session.get(User, chloe.id))
        assert frequencies["followed_region"] == frequencies["followed_theme"] == "never"
        assert frequencies["reply"] == "immediate"

    def test_without_an_address_for_links_the_command_says_so(self, runner):
        result = runner.invoke(
            args=["notifications", "send-digests", "--period", "weekly", "--skip-saved-searches"]
        )
        assert result.exit_code != 0
        assert "PVD_BASE_URL" in result.output


class TestFailures:
    @pytest.fixture
    def app_config(self):
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": closed_port()}

    def test_a_failed_send_is_retried_later_by_the_command(
        self, app, client, people, writeup, smtp_server, database_url
    ):
        with app.test_request_context("/"):
            post_comment(writeup, people["antoine"], "Une question pendant la panne.")
            [notification] = notifications_of(people["author"])
            assert (notification.email_state, notification.email_attempts) == (EMAIL_DUE, 1)
        # The cron job runs with the mail server back.
        port, mailbox = smtp_server
        cron = create_app(
            make_config(Path(app.instance_path), database_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        )
        with cron.app_context():  # (the test's own application context is active: the CLI would reuse it)
            result = cron.test_cli_runner().invoke(
                args=["notifications", "retry", "--base-url", "http://localhost"]
            )
        assert result.exit_code == 0, result.output
        assert "Immediate emails: 1 sent, 0 failed" in result.output
        [message] = mailbox.wait_for(1)
        assert "Une question pendant la panne." in _text(message)
        with app.app_context():
            [notification] = notifications_of(people["author"])
            assert (notification.email_state, notification.email_attempts) == (EMAIL_SENT, 2)
        with cron.app_context():
            again = cron.test_cli_runner().invoke(
                args=["notifications", "retry", "--base-url", "http://localhost"]
            )
        assert "Immediate emails: 0 sent" in again.output and len(mailbox.messages) == 1

    def test_attempts_are_capped(self, app, runner, people, writeup):
        with app.test_request_context("/"):
            post_comment(writeup, people["antoine"], "Une question.")
            for _attempt in range(emails.MAX_ATTEMPTS - 1):
                emails.send_due()
            [notification] = notifications_of(people["author"])
            assert (notification.email_state, notification.email_attempts) == (EMAIL_DUE, emails.MAX_ATTEMPTS)
        result = runner.invoke(args=["notifications", "retry", "--base-url", "http://localhost"])
        assert "Immediate emails: 0 sent, 0 failed" in result.output


class TestFailedSendDuringARequest:
    @pytest.fixture
    def app_config(self):
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": closed_port()}

    def test_the_comment_is_published_and_the_mail_stays_due(self, app, client, login_as):
        with app.app_context():
            author = make_user(first_name="Bérénice")
            writeup = make_writeup(author, title="Une halle gourmande")
            page, action = f"/retours/{writeup.id}-{writeup.slug}", f"/retours/{writeup.id}/commentaires"
        login_as("member", first_name="Antoine")
        data = {"csrf_token": page_token(client, page), "body": "Pendant la panne."}
        response = client.post(action, data=data)
        assert response.status_code == 303  # the member is not shown an error page
        html = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "Votre commentaire est publié." in html
        with app.app_context():
            [notification] = notifications_of(author)
            assert (notification.email_state, notification.email_attempts) == (EMAIL_DUE, 1)
