"""Saved-search alerts: `flask notifications saved-searches` asks the real index which new
write-ups match each member's saved search, once per write-up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import follows
from pvd_network.notifications.models import FOLLOWED_REGION, SAVED_SEARCH
from pvd_network.search import services as search_services
from pvd_network.search.models import SavedSearch
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup
from tests.notifications.conftest import notifications_of

COMMAND = ["notifications", "saved-searches", "--base-url", "https://pvd.example.fr"]


@pytest.fixture(autouse=True)
def _fresh_searcher():
    """Each test has its own instance folder and index: forget the previous searcher."""
    search_services.reset()
    yield
    search_services.reset()


@pytest.fixture
def setup(app_ctx):
    author = make_user(first_name="Bérénice", last_name="Auteur")
    member = make_user(first_name="Chloé", last_name="Veille")
    moderator = make_user(role="moderator")
    saved = SavedSearch(user_id=member.id, name="Mobilité", query="navette", filters={"theme": ["mobilite"]})
    db.session.add(saved)
    db.session.commit()
    return {"author": author, "member": member, "moderator": moderator, "saved_id": saved.id}


def publish(setup, title: str, **fields) -> Writeup:
    """A write-up submitted by the author and published by the moderator (first publication)."""
    draft = make_writeup(db.session.get(User, setup["author"].id), status="submitted", title=title, **fields)
    writeup_services.publish(
        db.session.get(Writeup, draft.id), by=db.session.get(User, setup["moderator"].id)
    )
    db.session.commit()
    return draft


def test_new_matching_write_ups_are_notified_once(runner, setup):
    match = publish(
        setup,
        "Une navette électrique vers la gare",
        themes=["mobilite"],
        summary="La navette relie les hameaux.",
    )
    publish(setup, "Une navette pour le marché", themes=["commerce"])  # other theme
    publish(setup, "Des vélos en libre-service", themes=["mobilite"])  # other words
    result = runner.invoke(args=COMMAND)
    assert result.exit_code == 0, result.output
    assert "Saved searches: 1 notification(s) created." in result.output
    [notification] = notifications_of(setup["member"])
    assert (notification.kind, notification.writeup_id, notification.saved_search_id) == (
        SAVED_SEARCH,
        match.id,
        setup["saved_id"],
    )
    assert notification.email_state == "weekly"  # the default for saved searches
    assert db.session.get(SavedSearch, setup["saved_id"]).last_notified_at is not None
    again = runner.invoke(args=COMMAND)
    assert "Saved searches: 0 notification(s) created." in again.output
    assert len(notifications_of(setup["member"])) == 1


def test_write_ups_from_before_the_search_was_saved_are_not_new(runner, setup):
    old = publish(setup, "Une navette déjà ancienne", themes=["mobilite"])
    row = db.session.get(Writeup, old.id)
    row.published_at = utcnow() - timedelta(days=30)
    saved = db.session.get(SavedSearch, setup["saved_id"])
    saved.created_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert "0 notification(s)" in runner.invoke(args=COMMAND).output


def test_a_member_already_told_by_a_followed_region_is_not_told_again(runner, setup):
    follows.follow(db.session.get(User, setup["member"].id), db.session.get(Region, "44"))
    db.session.commit()
    publish(setup, "Une navette électrique vers la gare", themes=["mobilite"])
    assert [n.kind for n in notifications_of(setup["member"])] == [FOLLOWED_REGION]
    assert "0 notification(s)" in runner.invoke(args=COMMAND).output
    assert [n.kind for n in notifications_of(setup["member"])] == [FOLLOWED_REGION]


def test_hidden_and_members_own_write_ups_are_left_out(runner, setup):
    hidden = publish(setup, "Une navette masquée", themes=["mobilite"])
    row = db.session.get(Writeup, hidden.id)
    row.hidden_at = utcnow()
    db.session.commit()
    member = db.session.get(User, setup["member"].id)
    own = make_writeup(member, status="submitted", title="Ma navette", themes=["mobilite"])
    writeup_services.publish(db.session.get(Writeup, own.id), by=db.session.get(User, setup["moderator"].id))
    db.session.commit()
    assert "0 notification(s)" in runner.invoke(args=COMMAND).output


def test_send_digests_checks_saved_searches_first(runner, setup):
    publish(setup, "Une navette électrique vers la gare", themes=["mobilite"])
    result = runner.invoke(
        args=["notifications", "send-digests", "--period", "weekly", "--base-url", "https://pvd.example.fr"]
    )
    assert result.exit_code == 0, result.output
    assert "Saved searches: 1 notification(s) created." in result.output
    assert "Digests: 1 sent" in result.output  # no MAIL_SERVER: written to instance/mail
    assert [n.email_state for n in notifications_of(setup["member"])] == ["sent"]
