"""Discussion services: comments, replies, edits, deletions, moderation, counters, signals, change log."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from pvd_network.auth.models import User
from pvd_network.core.changes import DELETE, UPSERT, SearchChange
from pvd_network.core.database import utcnow
from pvd_network.discussions import services, signals
from pvd_network.discussions.models import COMMENT_ENTITY, Comment, Reaction
from pvd_network.discussions.services import CommentRefused
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup


@contextmanager
def captured(signal):
    """Every (sender, kwargs) the signal sends while active."""
    sent = []

    def receiver(sender, **kwargs):
        sent.append((sender, kwargs))

    with signal.connected_to(receiver):
        yield sent


def changes(entity: str = COMMENT_ENTITY) -> list[tuple[int, str]]:
    statement = select(SearchChange).where(SearchChange.entity == entity).order_by(SearchChange.seq)
    rows = db.session.scalars(statement)
    return [(row.entity_id, row.kind) for row in rows]


@pytest.fixture
def writeup(app_ctx, author):
    """Services are called directly here: the write-up stays attached to the session."""
    return make_writeup(author, title="Une maison de santé dans l'ancienne gendarmerie")


@pytest.fixture
def member(app_ctx):
    """Bruno Petit, attached to the session (services are called directly)."""
    return db.session.get(User, make_user(first_name="Bruno", last_name="Petit").id)


def test_a_comment_is_stored_rendered_counted_logged_and_signalled(writeup, member, author):
    with captured(signals.comment_posted) as sent:
        comment = services.post_comment(writeup, member,
                                        "Comment avez-vous **financé** le projet, @Claire Martin ?")
    db.session.commit()
    assert comment.body_html == (
        f'<p>Comment avez-vous <strong>financé</strong> le projet, <a href="/membres/{author.id}" '
        'rel="nofollow ugc noopener">@Claire Martin</a> ?</p>'
    )
    assert [user.id for user in comment.mentioned] == [author.id]
    assert db.session.get(Writeup, writeup.id).comment_count == 1
    assert changes() == [(comment.id, UPSERT)]
    assert len(sent) == 1
    sender, kwargs = sent[0]
    assert sender is comment and kwargs["replied_to"] is None
    assert [user.id for user in kwargs["mentioned"]] == [author.id]


def test_a_comment_does_not_change_when_the_writeup_was_updated(writeup, member):
    before = db.session.get(Writeup, writeup.id).updated_at
    services.post_comment(writeup, member, "Merci pour ce retour.")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Writeup, writeup.id).updated_at == before


def test_replying_to_a_reply_keeps_one_level_and_quotes_it(writeup, member, author):
    question = services.post_comment(writeup, member, "Quel a été le coût total ?")
    answer = services.post_comment(writeup, author, "Environ 1,2 million d'euros.", parent=question)
    with captured(signals.comment_posted) as sent:
        follow_up = services.post_comment(writeup, member, "Et la part de la commune ?", parent=answer)
    db.session.commit()
    assert answer.parent_id == question.id and answer.quoted_id is None
    assert follow_up.parent_id == question.id
    assert follow_up.quoted_id == answer.id
    assert sent[0][1]["replied_to"] is answer
    assert db.session.get(Writeup, writeup.id).comment_count == 3


@pytest.mark.parametrize("body, message", [
    ("", "Écrivez votre commentaire"),
    ("   \n\n  ", "Écrivez votre commentaire"),
    ("x" * 10_001, "10 001 caractères"),
])
def test_empty_and_too_long_comments_are_refused(writeup, member, body, message):
    with pytest.raises(CommentRefused) as refused:
        services.post_comment(writeup, member, body)
    assert message in refused.value.message.replace("\u202f", " ").replace("\xa0", " ")
    assert refused.value.status == 422
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_ten_thousand_characters_are_accepted(writeup, member):
    comment = services.post_comment(writeup, member, "é" * 10_000)
    assert len(comment.body) == 10_000


@pytest.mark.parametrize("state", ["draft", "submitted", "hidden", "locked", "archived"])
def test_comments_are_refused_where_the_discussion_is_closed(app_ctx, author, member, state):
    if state == "hidden":
        writeup = make_writeup(author, hidden=True)
    elif state == "locked":
        writeup = make_writeup(author)
        writeup.discussion_locked_at = utcnow()
        db.session.commit()
    else:
        writeup = make_writeup(author, status=state)
    with pytest.raises(CommentRefused) as refused:
        services.post_comment(writeup, member, "Une question ?")
    assert refused.value.status == 403
    assert refused.value.message


@pytest.mark.parametrize("how", ["deleted", "hidden"])
def test_replies_to_deleted_or_hidden_comments_are_refused(writeup, member, author, how):
    question = services.post_comment(writeup, member, "Une question ?")
    if how == "deleted":
        services.delete_comment(question, by=member)
    else:
        services.hide_comment(question, by=None, reason="Hors sujet")
    with pytest.raises(CommentRefused) as refused:
        services.post_comment(writeup, author, "Une réponse.", parent=question)
    assert ("supprimé" if how == "deleted" else "masqué") in refused.value.message


def test_a_reply_must_belong_to_the_same_discussion(writeup, member, author):
    other = make_writeup(author, title="Un autre retour")
    elsewhere = services.post_comment(other, member, "Ailleurs.")
    with pytest.raises(CommentRefused) as refused:
        services.post_comment(writeup, member, "Ici.", parent=elsewhere)
    assert refused.value.status == 400


def test_editing_marks_the_comment_and_signals_only_new_mentions(writeup, member, author):
    nadia = make_user(first_name="Nadia", last_name="Benali")
    comment = services.post_comment(writeup, member, "Bonjour @Claire Martin")
    db.session.commit()
    assert comment.edited_at is None
    with captured(signals.comment_edited) as sent:
        services.edit_comment(comment, member, "Bonjour @Claire Martin et @Nadia Benali")
    db.session.commit()
    assert comment.edited_at is not None
    assert "@Nadia Benali</a>" in comment.body_html
    assert [user.id for user in sent[0][1]["mentioned"]] == [nadia.id]
    assert changes() == [(comment.id, UPSERT), (comment.id, UPSERT)]


def test_editing_with_the_same_text_changes_nothing(writeup, member):
    comment = services.post_comment(writeup, member, "Bonjour")
    with captured(signals.comment_edited) as sent:
        services.edit_comment(comment, member, "Bonjour\r\n")
    assert comment.edited_at is None and sent == []


def test_only_the_author_edits(writeup, member, author):
    comment = services.post_comment(writeup, member, "Bonjour")
    with pytest.raises(CommentRefused) as refused:
        services.edit_comment(comment, author, "Changé")
    assert refused.value.status == 403


def test_deletion_leaves_a_placeholder_and_recounts(writeup, member, author):
    question = services.post_comment(writeup, member, "Une question pour @Claire Martin ?")
    services.post_comment(writeup, author, "Une réponse.", parent=question)
    with captured(signals.comment_deleted) as sent:
        services.delete_comment(question, by=member)
    db.session.commit()
    assert question.deleted_at is not None
    assert question.body == question.body_html == ""
    assert question.mentioned == []
    assert db.session.get(Writeup, writeup.id).comment_count == 1
    assert sent == [(question, {"by": member})]
    assert (question.id, DELETE) in changes()
    with pytest.raises(CommentRefused):
        services.edit_comment(question, member, "Revenu")


def test_hiding_and_unhiding_recount_and_log(writeup, member):
    comment = services.post_comment(writeup, member, "Publicité")
    moderator = make_user(role="moderator")
    services.hide_comment(comment, by=moderator, reason="Publicité")
    db.session.commit()
    assert comment.hidden_at is not None and comment.hidden_by_id == moderator.id
    assert comment.hidden_reason == "Publicité"
    assert db.session.get(Writeup, writeup.id).comment_count == 0
    assert services.visible_comments(writeup) == []
    services.hide_comment(comment, by=moderator, reason="Autre")  # already hidden: unchanged
    assert comment.hidden_reason == "Publicité"
    services.unhide_comment(comment, by=moderator)
    db.session.commit()
    assert comment.hidden_at is None and comment.hidden_reason == ""
    assert db.session.get(Writeup, writeup.id).comment_count == 1
    assert services.visible_comments(writeup) == [comment]
    assert changes() == [(comment.id, UPSERT), (comment.id, DELETE), (comment.id, UPSERT)]


def test_quote_markdown(writeup, member):
    comment = services.post_comment(writeup, member, "Premier point.\n\nSecond *point*.")
    assert services.quote_markdown(comment) == (
        "> **Bruno Petit** a écrit :\n>\n> Premier point.\n>\n> Second *point*.\n\n"
    )


# --- "Utile" --------------------------------------------------------------------------------


def test_reacting_twice_counts_once(writeup, member):
    with captured(signals.reaction_added) as sent:
        assert services.add_reaction(member, writeup=writeup) is True
        assert services.add_reaction(member, writeup=writeup) is False
    db.session.commit()
    assert db.session.get(Writeup, writeup.id).useful_count == 1
    assert db.session.scalar(select(func.count(Reaction.id))) == 1
    assert len(sent) == 1 and sent[0][1]["user"] is member
    assert services.has_reacted(member, writeup=writeup)
    assert services.remove_reaction(member, writeup=writeup) is True
    assert services.remove_reaction(member, writeup=writeup) is False
    db.session.commit()
    assert db.session.get(Writeup, writeup.id).useful_count == 0


def test_comment_reactions_are_counted_on_the_comment(writeup, member, author):
    comment = services.post_comment(writeup, member, "Très utile pour nous.")
    services.add_reaction(author, comment=comment)
    db.session.commit()
    assert comment.useful_count == 1
    assert db.session.get(Writeup, writeup.id).useful_count == 0
    with pytest.raises(ValueError):
        services.add_reaction(author)


def test_a_writeup_reaction_is_logged_for_listings_without_touching_updated_at(writeup, member):
    before = db.session.get(Writeup, writeup.id).updated_at
    logged = len(changes("writeup"))
    services.add_reaction(member, writeup=writeup)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Writeup, writeup.id).updated_at == before
    assert len(changes("writeup")) == logged + 1


def test_concurrent_reactions_keep_the_count_exact(app, writeup):
    members = [make_user(first_name=f"Membre{n}") for n in range(8)]
    writeup_id = writeup.id
    start = threading.Barrier(len(members))
    errors = []

    def react(user_id: int) -> None:
        try:
            with app.app_context():
                user = db.session.get(User, user_id)
                target = db.session.get(Writeup, writeup_id)
                start.wait()
                services.add_reaction(user, writeup=target)
                services.add_reaction(user, writeup=target)  # double click
                db.session.commit()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=react, args=(user.id,)) for user in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.expire_all()
    assert db.session.get(Writeup, writeup_id).useful_count == len(members)
