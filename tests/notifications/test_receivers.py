"""Notifications created by the real signal paths: comments, replies, mentions, new write-ups,
moderation decisions; one per member per event, none about one's own action."""

from __future__ import annotations

from pvd_network.auth.models import STATUS_SUSPENDED, User
from pvd_network.discussions import services as discussions
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.moderation import signals as moderation_signals
from pvd_network.notifications import follows
from pvd_network.notifications.models import (
    EMAIL_DUE,
    EMAIL_NONE,
    EMAIL_WEEKLY,
    FOLLOWED_REGION,
    FOLLOWED_THEME,
    MENTION,
    MODERATION,
    NEW_COMMENT,
    REPLY,
)
from pvd_network.themes.models import Theme
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup
from tests.notifications.conftest import kinds_of, notifications_of, post_comment


def _follow(user, target) -> None:
    follows.follow(db.session.get(User, user.id), target)
    db.session.commit()


class TestComments:
    def test_the_author_follows_their_write_up_and_hears_of_a_new_comment(self, links, people, writeup):
        comment = post_comment(writeup, people["antoine"], "Comment avez-vous financé la halle ?")
        [notification] = notifications_of(people["author"])
        assert notification.kind == NEW_COMMENT
        assert notification.comment_id == comment.id and notification.writeup_id == writeup.id
        assert notification.actor_id == people["antoine"].id
        assert kinds_of(people["antoine"]) == []  # never about one's own comment

    def test_followers_except_the_commenter(self, links, people, writeup):
        _follow(people["chloe"], writeup)
        _follow(people["antoine"], writeup)
        post_comment(writeup, people["antoine"], "Une première question.")
        assert kinds_of(people["chloe"]) == [NEW_COMMENT]
        assert kinds_of(people["author"]) == [NEW_COMMENT]
        assert kinds_of(people["antoine"]) == []

    def test_a_reply_tells_the_parent_author_once_even_when_they_follow(self, links, people, writeup):
        _follow(people["antoine"], writeup)
        first = post_comment(writeup, people["antoine"], "Quel budget ?")
        post_comment(writeup, people["author"], "Environ 400 000 €.", parent=first)
        assert kinds_of(people["antoine"]) == [REPLY]

    def test_a_reply_to_a_reply_tells_both_authors(self, links, people, writeup):
        top = post_comment(writeup, people["antoine"], "Quel budget ?")
        reply = post_comment(writeup, people["chloe"], "Je me posais la même question.", parent=top)
        post_comment(writeup, people["author"], "Environ 400 000 €.", parent=reply)
        assert kinds_of(people["chloe"]) == [REPLY]
        assert kinds_of(people["antoine"]) == [REPLY, REPLY]  # Chloé's reply, then Bérénice's

    def test_a_mention_wins_over_following_and_replying(self, links, people, writeup):
        _follow(people["chloe"], writeup)
        top = post_comment(writeup, people["chloe"], "Bravo pour ce projet.")
        post_comment(writeup, people["antoine"], "@Chloé Mentionnée, avez-vous vu la halle ?", parent=top)
        assert kinds_of(people["chloe"]) == [MENTION]
        assert kinds_of(people["author"]) == [NEW_COMMENT, NEW_COMMENT]

    def test_a_new_mention_by_an_edit_is_notified_once(self, links, people, writeup):
        comment = post_comment(writeup, people["antoine"], "Une question pour l'équipe.")
        discussions.edit_comment(
            db.session.get(type(comment), comment.id),
            db.session.get(User, people["antoine"].id),
            "Une question pour @Chloé Mentionnée.",
        )
        db.session.commit()
        assert kinds_of(people["chloe"]) == [MENTION]
        discussions.edit_comment(
            db.session.get(type(comment), comment.id),
            db.session.get(User, people["antoine"].id),
            "Une question pour @Chloé Mentionnée, merci.",
        )
        db.session.commit()
        assert kinds_of(people["chloe"]) == [MENTION]

    def test_suspended_members_are_not_notified(self, links, people, writeup):
        _follow(people["chloe"], writeup)
        chloe = db.session.get(User, people["chloe"].id)
        chloe.status = STATUS_SUSPENDED
        db.session.commit()
        post_comment(writeup, people["antoine"], "Une question.")
        assert kinds_of(people["chloe"]) == []

    def test_nothing_is_kept_when_the_comment_is_rolled_back(self, links, people, writeup):
        discussions.post_comment(
            db.session.get(Writeup, writeup.id), db.session.get(User, people["antoine"].id), "Finalement non."
        )
        db.session.rollback()
        assert kinds_of(people["author"]) == []


class TestNewWriteups:
    def _publish(self, author, by, **fields) -> Writeup:
        draft = make_writeup(db.session.get(User, author.id), status="submitted", **fields)
        writeup_services.publish(db.session.get(Writeup, draft.id), by=db.session.get(User, by.id))
        db.session.commit()
        return draft

    def test_followers_of_a_theme_or_region_hear_once_of_a_first_publication(self, links, people):
        moderator = make_user(role="moderator")
        theme = db.session.scalar(db.select(Theme).where(Theme.slug == "acces-aux-soins"))
        _follow(people["antoine"], theme)
        _follow(people["chloe"], db.session.get(Region, "44"))
        _follow(people["chloe"], theme)
        both = make_user(first_name="Région", last_name="Seulement")
        _follow(both, db.session.get(Region, "44"))
        writeup = self._publish(people["author"], moderator, themes=["acces-aux-soins"])
        assert kinds_of(people["antoine"]) == [FOLLOWED_THEME]
        assert kinds_of(people["chloe"]) == [FOLLOWED_THEME]  # theme and région: one notification
        assert kinds_of(both) == [FOLLOWED_REGION]
        [notification] = notifications_of(both)
        assert notification.writeup_id == writeup.id and notification.message == "Grand Est"
        assert notification.email_state == EMAIL_WEEKLY  # the default for new write-ups

    def test_the_author_is_not_told_of_their_own_write_up_and_follows_it(self, links, people):
        moderator = make_user(role="moderator")
        _follow(people["author"], db.session.get(Region, "44"))
        writeup = self._publish(people["author"], moderator)
        assert FOLLOWED_REGION not in kinds_of(people["author"])  # (the decision itself may be told)
        assert follows.is_following(db.session.get(User, people["author"].id), writeup)

    def test_a_new_publication_after_archiving_is_not_new(self, links, people):
        moderator = make_user(role="moderator")
        _follow(people["antoine"], db.session.get(Region, "44"))
        writeup = self._publish(people["author"], moderator)
        writeup_services.archive(db.session.get(Writeup, writeup.id), by=None)
        writeup_services.publish(db.session.get(Writeup, writeup.id), by=db.session.get(User, moderator.id))
        db.session.commit()
        assert kinds_of(people["antoine"]) == [FOLLOWED_REGION]

    def test_an_author_follows_on_submission(self, people):
        draft = make_writeup(db.session.get(User, people["author"].id), status="draft")
        assert not follows.is_following(db.session.get(User, people["author"].id), draft)
        writeup_services.submit(db.session.get(Writeup, draft.id))
        db.session.commit()
        assert follows.is_following(db.session.get(User, people["author"].id), draft)


class TestModeration:
    def test_a_decision_is_notified_and_mailed_unless_already_mailed(self, links, people, writeup):
        author = db.session.get(User, people["author"].id)
        moderator = make_user(role="moderator")
        moderation_signals.decided.send(
            db.session.get(Writeup, writeup.id),
            action="hide",
            by=db.session.get(User, moderator.id),
            reason="Données personnelles.",
            recipient=author,
            emailed=True,
        )
        moderation_signals.decided.send(
            db.session.get(Writeup, writeup.id),
            action="unhide",
            by=db.session.get(User, moderator.id),
            reason="",
            recipient=author,
            emailed=False,
        )
        db.session.commit()
        first, second = notifications_of(author)
        assert (first.kind, second.kind) == (MODERATION, MODERATION)
        assert (
            first.message
            == "Votre contenu a été masqué par l'équipe de modération. Motif : Données personnelles."
        )
        assert first.email_state == EMAIL_NONE  # a mail already told them
        assert second.email_state != EMAIL_NONE

    def test_nobody_is_told_of_their_own_decision(self, links, people, writeup):
        author = db.session.get(User, people["author"].id)
        moderation_signals.decided.send(
            db.session.get(Writeup, writeup.id),
            action="lock",
            by=author,
            reason="",
            recipient=author,
            emailed=False,
        )
        db.session.commit()
        assert notifications_of(author) == []


def test_immediate_mail_stays_due_without_links(app_ctx, people, writeup):
    """A command without the site's address leaves the immediate mail due for `retry`."""
    post_comment(writeup, people["antoine"], "Une question hors requête.")
    [notification] = notifications_of(people["author"])
    assert notification.email_state == EMAIL_DUE and notification.email_attempts == 0
