"""Issue 6's notifications journey with a real SMTP server: Antoine comments on Bérénice's
write-up, she sees the bell and gets the email, replies; Antoine is notified and mentions
Chloé, who is notified; the unsubscribe link of an email works signed out."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.session import sign_in, sign_out
from tests.factories import make_user, make_writeup
from tests.helpers import mail_links

ANTOINE = "antoine.commentateur@ligny.example.fr"
BERENICE = "berenice.auteur@commercy.example.fr"
CHLOE = "chloe.mentionnee@void.example.fr"
TITLE = "Une halle gourmande en centre-bourg"


@pytest.fixture
def app_config(smtp_server):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[0]}


def bell(page, label: str):
    return page.locator("header .fr-header__tools").get_by_role("link", name=label)


def post(page, text: str, submit: str, form: str = "#nouveau-commentaire") -> None:
    form = page.locator(form)
    form.locator("textarea[name=body]").fill(text)
    form.locator("textarea[name=body]").press("Escape")  # close the member suggestions, if open
    form.get_by_role("button", name=submit).click()


def test_comment_reply_mention_and_unsubscribe(app, page, live_server, smtp_server, assert_accessible):
    _port, mailbox = smtp_server
    with app.app_context():
        make_user(email=ANTOINE, first_name="Antoine", last_name="Commentateur")
        berenice = make_user(email=BERENICE, first_name="Bérénice", last_name="Auteur")
        make_user(email=CHLOE, first_name="Chloé", last_name="Mentionnée")
        writeup = make_writeup(berenice, title=TITLE)  # published: she follows it
        writeup_path = f"/retours/{writeup.id}-{writeup.slug}"

    # Antoine comments on Bérénice's write-up.
    sign_in(page, live_server, ANTOINE)
    page.goto(live_server(writeup_path))
    post(page, "Combien de producteurs viennent **chaque semaine** ?", "Publier le commentaire")
    expect(page.locator(".pvd-comment__body").first).to_contain_text("Combien de producteurs")
    sign_out(page)

    # Bérénice sees the bell count and has received the email.
    [message] = mailbox.wait_for(1)
    assert message["To"] == BERENICE
    assert "Antoine Commentateur a commenté « Une halle gourmande en centre-bourg »" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sign_in(page, live_server, BERENICE)
    expect(bell(page, "Notifications (1 non lue)")).to_be_visible()
    expect(page.locator(".fr-header__tools-links .pvd-bell__count")).to_have_text("1")
    assert_accessible(page)
    bell(page, "Notifications (1 non lue)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator("#notifications-non-lues")).to_have_text("1 notification non lue")
    assert_accessible(page)
    page.get_by_role("link", name=f"Antoine Commentateur a commenté « {TITLE} »").click()
    assert re.search(r"#commentaire-\d+$", page.url)
    expect(bell(page, "Notifications (aucune non lue)")).to_be_visible()

    # She replies.
    page.get_by_role("link", name="Répondre à Antoine Commentateur").click()
    post(page, "Une douzaine, et le double en été.", "Publier la réponse", form="[data-reply-slot] form")
    expect(page.locator(".pvd-comment__body", has_text="Une douzaine")).to_be_visible()
    sign_out(page)

    # Antoine is told of the reply (bell, list, email) and mentions Chloé.
    mailbox.wait_for(2)
    [reply_mail] = mailbox.to(ANTOINE)
    assert "Bérénice Auteur a répondu à votre commentaire" in reply_mail["Subject"]
    sign_in(page, live_server, ANTOINE)
    bell(page, "Notifications (1 non lue)").click()
    expect(page.get_by_role("link", name=f"Bérénice Auteur a répondu à votre commentaire sur « {TITLE} »")) \
        .to_be_visible()
    assert_accessible(page)
    page.goto(live_server(writeup_path))
    mention = "Merci ! @Chloé Mentionnée, cela pourrait vous intéresser pour Void."
    post(page, mention, "Publier le commentaire")
    expect(page.locator(".pvd-comment__body", has_text="cela pourrait vous intéresser")).to_be_visible()
    sign_out(page)

    # Chloé is notified of the mention; Bérénice, following her write-up, of the new comment.
    mailbox.wait_for(4)
    [mention_mail] = mailbox.to(CHLOE)
    assert "Antoine Commentateur vous a mentionné·e" in mention_mail["Subject"]
    assert len(mailbox.to(BERENICE)) == 2
    sign_in(page, live_server, CHLOE)
    expect(bell(page, "Notifications (1 non lue)")).to_be_visible()
    page.goto(live_server("/notifications"))
    headline = f"Antoine Commentateur vous a mentionné·e dans un commentaire sur « {TITLE} »"
    link = page.get_by_role("link", name=headline)
    expect(link).to_be_visible()
    link.click()
    expect(page.locator(".pvd-comment__body", has_text="cela pourrait vous intéresser")).to_be_visible()
    page.goto(live_server("/compte/notifications"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Préférences de notification")
    assert_accessible(page)
    page.goto(live_server("/compte/abonnements"))
    assert_accessible(page)
    sign_out(page)

    # Signed out, the unsubscribe link of Bérénice's first email works.
    unsubscribe = next(link for link in mail_links(message) if "/desabonnement/" in link)
    assert urlsplit(unsubscribe).netloc == urlsplit(live_server()).netloc
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se désabonner")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer le désabonnement").click()
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Vous ne recevrez plus les courriels « Nouveau commentaire sur un retour que je suis »"
    )
    assert_accessible(page)
