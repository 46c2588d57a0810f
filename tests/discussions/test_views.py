"""The discussion as members and visitors use it: posting, replying, quoting, editing, deleting,
permalinks and pagination, counts, "utile", refusals and the posting rate limit."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.discussions import services
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.discussions.conftest import (
    comments,
    make_detached_writeup,
    page_token,
    page_url,
    post,
    text,
    thread_html,
)
from tests.factories import make_user, sign_in
from tests.helpers import csrf_token, field_errors

# --- Reading and posting --------------------------------------------------------------------


def test_visitors_read_the_thread_and_are_invited_to_sign_in(app, client, writeup, author):
    with app.app_context():
        services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                              "Le budget est détaillé dans le document joint.")
        db.session.commit()
    response = client.get(page_url(writeup))
    thread = thread_html(response)
    assert "Le budget est détaillé dans le document joint." in thread
    assert "1 commentaire" in thread
    assert "Connectez-vous pour participer" in thread
    assert f'href="/connexion?next=/retours/{writeup.id}-' in thread
    assert "<textarea" not in thread
    assert "Répondre" not in thread


def test_a_member_posts_a_comment(app, client, login_as, writeup):
    login_as("member", first_name="Bruno", last_name="Petit", function="elu")
    response = post(client, writeup, "Comment avez-vous **financé** la maison de santé ?")
    [comment] = comments(app, writeup.id)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/retours/{writeup.id}-{writeup.slug}"
                                                  f"#commentaire-{comment.id}")
    page = client.get(response.headers["Location"])
    assert "Votre commentaire est publié." in text(page)
    thread = thread_html(page)
    assert f'id="commentaire-{comment.id}"' in thread
    assert "Comment avez-vous <strong>financé</strong> la maison de santé ?" in thread
    assert "Bruno Petit" in thread and "Élu·e · Commercy" in text(page)
    # The date in French, as a link to the comment's anchor.
    assert re.search(rf'href="#commentaire-{comment.id}"[^>]*><time datetime="[0-9T:-]+Z">'
                     r"\d{1,2} \w+ \d{4} à \d\d:\d\d</time>", thread)
    assert "1 commentaire" in thread


def test_replying_to_a_reply_quotes_it_in_the_same_thread(app, client, login_as, writeup, author):
    login_as("member", first_name="Bruno", last_name="Petit")
    post(client, writeup, "Quel a été le coût total ?")
    [question] = comments(app, writeup.id)
    with app.app_context():
        answer = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                                       "Environ **1,2 million** d'euros.",
                                       parent=db.session.get(Comment, question.id))
        db.session.commit()
        answer_id = answer.id
    response = post(client, writeup, "Et la part de la commune ?", reply_to=answer_id)
    assert response.status_code == 303
    follow_up = comments(app, writeup.id)[-1]
    assert follow_up.parent_id == question.id and follow_up.quoted_id == answer_id
    thread = thread_html(client.get(page_url(writeup)))
    # The quote above the reply links to the quoted comment.
    quote = re.search(r'<blockquote class="pvd-comment__quote">(.*?)</blockquote>', thread, re.S).group(1)
    assert f'href="#commentaire-{answer_id}"' in quote
    assert "En réponse à Claire Martin" in quote and "Environ 1,2 million d&#39;euros." in quote
    # Both answers sit in the replies of the question.
    replies = re.search(r'<ol class="pvd-replies".*?</ol>', thread, re.S).group(0)
    assert f'id="commentaire-{answer_id}"' in replies and f'id="commentaire-{follow_up.id}"' in replies


def test_reply_and_quote_pages_work_without_javascript(app, client, login_as, writeup, author):
    with app.app_context():
        comment = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                                        "Nous avons eu **80 %** de subventions.\n\nDétails en mairie.")
        db.session.commit()
        comment_id = comment.id
    login_as("member")
    reply = client.get(f"/commentaires/{comment_id}/repondre")
    assert reply.status_code == 200
    html = reply.get_data(as_text=True)
    assert "Répondre à Claire Martin" in html
    assert f'name="reply_to" type="hidden" value="{comment_id}"' in html
    assert f'action="/retours/{writeup.id}/commentaires"' in html
    quote = client.get(f"/commentaires/{comment_id}/citer")
    assert quote.status_code == 200
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", quote.get_data(as_text=True), re.S).group(1)
    assert textarea.strip() == ("&gt; **Claire Martin** a écrit :\n&gt;\n"
                                "&gt; Nous avons eu **80 %** de subventions.\n&gt;\n&gt; Détails en mairie.")


def test_edit_marks_the_comment_modified(app, client, login_as, writeup):
    login_as("member")
    post(client, writeup, "Premier jet")
    [comment] = comments(app, writeup.id)
    form = client.get(f"/commentaires/{comment.id}/modifier")
    assert form.status_code == 200 and "Premier jet</textarea>" in form.get_data(as_text=True)
    response = client.post(f"/commentaires/{comment.id}/modifier",
                           data={"csrf_token": csrf_token(form.data), "body": "Version corrigée"})
    assert response.status_code == 303
    thread = thread_html(client.get(page_url(writeup)))
    assert "Version corrigée" in thread and "Premier jet" not in thread
    assert re.search(r"modifié le \d{1,2} \w+ \d{4} à \d\d:\d\d", thread)


def test_delete_leaves_a_placeholder_only_while_there_are_replies(app, client, login_as, writeup, author):
    login_as("member")
    post(client, writeup, "Une question qui aura une réponse")
    post(client, writeup, "Une question sans réponse")
    first, second = comments(app, writeup.id)
    with app.app_context():
        services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                              "La réponse reste lisible.", parent=db.session.get(Comment, first.id))
        db.session.commit()
    for comment in (first, second):
        confirm = client.get(f"/commentaires/{comment.id}/supprimer")
        assert confirm.status_code == 200 and "Supprimer définitivement" in confirm.get_data(as_text=True)
        response = client.post(f"/commentaires/{comment.id}/supprimer",
                               data={"csrf_token": csrf_token(confirm.data)})
        assert response.status_code == 303
    page = client.get(page_url(writeup))
    thread = thread_html(page)
    assert "Commentaire supprimé" in thread and "La réponse reste lisible." in thread
    assert thread.count("Commentaire supprimé") == 1
    assert f'id="commentaire-{second.id}"' not in thread
    assert "Une question" not in thread
    assert "1 commentaire" in thread
    assert "Votre commentaire est supprimé." in text(page)


def test_hidden_comments_are_shown_to_their_author_and_moderators_only(app, client, login_as, writeup,
                                                                         author):
    with app.app_context():
        spammer = make_user(first_name="Sam", last_name="Spam")
        target = db.session.get(Writeup, writeup.id)
        lone = services.post_comment(target, db.session.get(User, spammer.id), "Achetez nos panneaux !")
        answered = services.post_comment(target, db.session.get(User, spammer.id), "Question douteuse")
        services.post_comment(target, db.session.get(User, author.id), "Réponse publique", parent=answered)
        services.hide_comment(lone, by=None, reason="Publicité")
        services.hide_comment(answered, by=None, reason="Hors sujet")
        db.session.commit()
        lone_id, answered_id = lone.id, answered.id
    anonymous = thread_html(client.get(page_url(writeup)))
    assert "Achetez" not in anonymous and f'id="commentaire-{lone_id}"' not in anonymous
    assert "Commentaire masqué par la modération" in anonymous and "Réponse publique" in anonymous
    assert client.get(f"/commentaires/{lone_id}").status_code == 404
    login_as("moderator")
    moderator = thread_html(client.get(page_url(writeup)))
    assert "Achetez nos panneaux !" in moderator and "Motif : Publicité" in moderator
    assert "Question douteuse" in moderator
    with client.session_transaction() as session:
        session.clear()
    sign_in(client, spammer)
    own = thread_html(client.get(page_url(writeup)))
    assert "Achetez nos panneaux !" in own and "Masqué par la modération" in own
    assert client.get(f"/commentaires/{answered_id}").status_code == 302


# --- Pagination and permalinks ----------------------------------------------------------------


def test_long_threads_paginate_and_permalinks_land_on_the_right_page(app, client, writeup, author):
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        writer = db.session.get(User, author.id)
        start = utcnow() - timedelta(days=10)
        made = []
        for n in range(55):
            comment = services.post_comment(target, writer, f"Commentaire numéro {n + 1}.")
            comment.created_at = start + timedelta(minutes=n)
            made.append(comment)
        reply = services.post_comment(target, writer, "Réponse au 52e.", parent=made[51])
        db.session.commit()
        late_id, early_id, reply_id = made[51].id, made[3].id, reply.id
    first = thread_html(client.get(page_url(writeup)))
    assert "Commentaire numéro 50." in first and "Commentaire numéro 51." not in first
    assert f'href="/retours/{writeup.id}-{writeup.slug}?page=2#discussion"' in first
    second = thread_html(client.get(page_url(writeup, page=2)))
    assert "Commentaire numéro 51." in second and "Commentaire numéro 55." in second
    assert "Commentaire numéro 50." not in second
    assert "55 commentaires" not in first  # the count is the visible comments, replies included
    assert "56 commentaires" in first
    response = client.get(f"/commentaires/{late_id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/retours/{writeup.id}-{writeup.slug}"
                                                  f"?page=2#commentaire-{late_id}")
    reply_location = client.get(f"/commentaires/{reply_id}").headers["Location"]
    assert reply_location.endswith(f"?page=2#commentaire-{reply_id}")
    assert client.get(f"/commentaires/{early_id}").headers["Location"].endswith(
        f"/retours/{writeup.id}-{writeup.slug}#commentaire-{early_id}")
    assert client.get("/commentaires/987654").status_code == 404


# --- Counts on listings ---------------------------------------------------------------------


def test_counts_on_the_listing_cards(app, client, writeup, author):
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        readers = [db.session.get(User, make_user().id) for _ in range(3)]
        for reader in readers:
            services.post_comment(target, reader, "Merci !")
        services.add_reaction(readers[0], writeup=target)
        services.add_reaction(readers[1], writeup=target)
        db.session.commit()
    html = client.get("/retours").get_data(as_text=True)
    card = re.search(r'<div class="fr-card fr-enlarge-link pvd-writeup-card">.*?</div>\s*</div>\s*</div>',
                     html, re.S)
    card_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card.group(0)))
    assert "3 commentaires" in card_text and "2 utiles" in card_text
    assert "fr-icon-chat-3-line" in card.group(0) or "fr-icon-discuss-line" in card.group(0)


# --- Refusals ---------------------------------------------------------------------------------


def textarea_value(response) -> str:
    match = re.search(r"<textarea[^>]*>(.*?)</textarea>", response.get_data(as_text=True), re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("body, status, message", [
    ("", 422, "Écrivez votre commentaire avant de l'envoyer."),
    ("   ", 422, "Écrivez votre commentaire avant de l'envoyer."),
    ("Trop long " * 1001, 422, "Votre commentaire dépasse 10 000 caractères : raccourcissez-le."),
])
def test_bad_comments_are_refused_in_french_with_the_text_kept(app, client, login_as, writeup, body, status,
                                                               message):
    login_as("member")
    response = post(client, writeup, body)
    assert response.status_code == status
    assert field_errors(response.data, "body") == [message]
    assert 'class="fr-input-group fr-input-group--error' in response.get_data(as_text=True)
    if body.strip():
        assert textarea_value(response).strip() == body.strip()
    assert comments(app, writeup.id) == []


@pytest.mark.parametrize("state, status", [("locked", 403), ("hidden", 404), ("draft", 404)])
def test_closed_writeups_refuse_comments(app, client, login_as, writeup, author, state, status):
    with app.app_context():
        closed = make_detached_writeup(author, status="draft" if state == "draft" else "published",
                                       hidden=state == "hidden")
        if state == "locked":
            db.session.get(Writeup, closed.id).discussion_locked_at = utcnow()
            db.session.commit()
    login_as("member")
    response = post(client, closed, "Mon texte important", token=page_token(client, writeup))
    assert response.status_code == status
    if state == "locked":
        assert "La discussion sur ce retour d'expérience est fermée par la modération." in text(response)
        assert textarea_value(response).strip() == "Mon texte important"
        page = thread_html(client.get(page_url(closed)))
        assert "fermée par la modération" in page and "<textarea" not in page
    assert comments(app, closed.id) == []


def test_the_author_of_a_draft_cannot_comment_on_it(app, client, login_as, writeup):
    user = login_as("member")
    with app.app_context():
        draft = make_detached_writeup(user, status="draft")
    response = post(client, draft, "Sur mon brouillon", token=page_token(client, writeup))
    assert response.status_code == 403
    assert "Les commentaires ne sont ouverts que sur les retours d'expérience publiés." in text(response)
    assert textarea_value(response).strip() == "Sur mon brouillon"


@pytest.mark.parametrize("how", ["deleted", "hidden"])
def test_replies_to_deleted_or_hidden_comments_are_refused(app, client, login_as, writeup, author, how):
    with app.app_context():
        comment = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                                        "Bientôt parti")
        services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                              "Une réponse", parent=comment)
        if how == "deleted":
            services.delete_comment(comment, by=None)
        else:
            services.hide_comment(comment, by=None, reason="Hors sujet")
        db.session.commit()
        comment_id = comment.id
    login_as("member")
    response = post(client, writeup, "Ma réponse", reply_to=comment_id)
    assert response.status_code == 422
    expected = "supprimé par son auteur" if how == "deleted" else "masqué par la modération"
    assert expected in " ".join(field_errors(response.data, "body"))
    assert textarea_value(response).strip() == "Ma réponse"
    assert client.get(f"/commentaires/{comment_id}/repondre").status_code in (404, 422)


@pytest.mark.parametrize("reply_to", ["abc", "99999999999", "987654"])
def test_unknown_reply_targets_are_a_400(client, login_as, writeup, reply_to):
    login_as("member")
    token = page_token(client, writeup)
    response = client.post(f"/retours/{writeup.id}/commentaires",
                           data={"csrf_token": token, "body": "Texte", "reply_to": reply_to})
    assert response.status_code == 400
    assert "Le commentaire auquel vous répondez est introuvable." in text(response)


def test_missing_csrf_token_is_refused(app, client, login_as, writeup):
    login_as("member")
    response = client.post(f"/retours/{writeup.id}/commentaires", data={"body": "Sans jeton"})
    assert response.status_code == 400
    assert comments(app, writeup.id) == []


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "COMMENT_RATE_LIMIT": "2 per minute"}

    def test_posting_too_fast_is_a_french_429(self, app, client, login_as, writeup):
        login_as("member")
        token = page_token(client, writeup)
        statuses = [post(client, writeup, f"Message {n}", token=token).status_code for n in range(3)]
        assert statuses == [303, 303, 429]
        response = post(client, writeup, "Encore un", token=token)
        assert response.status_code == 429
        assert "Vous avez publié beaucoup de commentaires en peu de temps." in text(response)
        assert len(comments(app, writeup.id)) == 2
        # Another member is not affected.
        login_as("member")
        assert post(client, writeup, "Autre membre", token=page_token(client, writeup)).status_code == 303


# --- "Utile" ----------------------------------------------------------------------------------


def useful_button(html: str, anchor: str) -> str:
    match = re.search(rf'id="{anchor}".*?<button[^>]*>', html, re.S)
    return match.group(0) if match else ""


def test_useful_on_a_writeup_toggles_without_counting_twice(client, login_as, writeup):
    login_as("member")
    token = page_token(client, writeup)
    url = f"/retours/{writeup.id}/utile"
    response = client.post(url, data={"csrf_token": token, "useful": "1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#utile-retour")
    page = client.get(response.headers["Location"])
    assert "Merci : vous avez indiqué que ce retour vous est utile." in text(page)
    assert 'aria-pressed="true"' in useful_button(page.get_data(as_text=True), "utile-retour")
    assert "1 personne l'a trouvé utile" in text(page)
    again = client.post(url, data={"csrf_token": token, "useful": "1"}, follow_redirects=True)
    assert again.status_code == 200
    already = "Vous aviez déjà indiqué que ce retour vous est utile : il n'est compté qu'une fois."
    assert already in text(again)
    assert "1 personne l'a trouvé utile" in text(again)
    back = client.post(url, data={"csrf_token": token, "useful": "0"}, follow_redirects=True)
    assert "Vous avez retiré votre « utile » sur ce retour." in text(back)
    assert 'aria-pressed="false"' in useful_button(back.get_data(as_text=True), "utile-retour")
    assert re.search(r'id="utile-retour-nombre" data-useful-count><span aria-hidden="true">0</span>',
                     back.get_data(as_text=True))


def test_useful_answers_scripts_in_json(app, client, login_as, writeup, author):
    with app.app_context():
        comment = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                                        "Réponse utile")
        db.session.commit()
        comment_id = comment.id
    login_as("member")
    token = page_token(client, writeup)
    headers = {"Accept": "application/json"}
    data = client.post(f"/commentaires/{comment_id}/utile", data={"csrf_token": token, "useful": "1"},
                       headers=headers).get_json()
    assert data == {"pressed": True, "changed": True, "count": 1, "label": "1 personne l'a trouvé utile",
                    "message": "Merci : vous avez indiqué que ce commentaire vous est utile."}
    data = client.post(f"/commentaires/{comment_id}/utile", data={"csrf_token": token, "useful": "1"},
                       headers=headers).get_json()
    assert data["changed"] is False and data["count"] == 1
    bad = client.post(f"/commentaires/{comment_id}/utile", data={"csrf_token": token, "useful": "2"},
                      headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["message"]


def test_nobody_marks_their_own_contribution_useful(app, client, login_as, writeup):
    login_as("member")
    post(client, writeup, "Mon commentaire")
    [comment] = comments(app, writeup.id)
    token = page_token(client, writeup)
    response = client.post(f"/commentaires/{comment.id}/utile", data={"csrf_token": token, "useful": "1"})
    assert response.status_code == 403
    assert "votre propre contribution" in text(response)
    # Their own comment shows the count, not the button.
    thread = thread_html(client.get(page_url(writeup)))
    assert f'action="/commentaires/{comment.id}/utile"' not in thread


def test_useful_on_a_deleted_comment_is_a_clear_404(app, client, login_as, writeup, author):
    with app.app_context():
        comment = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                                        "Parti")
        services.delete_comment(comment, by=None)
        db.session.commit()
        comment_id = comment.id
    login_as("member")
    response = client.post(f"/commentaires/{comment_id}/utile",
                           data={"csrf_token": page_token(client, writeup), "useful": "1"})
    assert response.status_code == 404
    assert "Ce commentaire a été supprimé ou masqué" in text(response)
