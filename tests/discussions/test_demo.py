"""`flask demo seed`: demonstration discussions under the demo write-ups (full Etalab geography)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pvd_network.discussions.demo import THREADS
from pvd_network.discussions.models import Comment, Reaction
from pvd_network.extensions import db
from pvd_network.geo.services import DEFAULT_DATA_DIR, import_reference
from pvd_network.writeups.models import Writeup


@pytest.fixture
def full_geography(app_ctx):
    import_reference(DEFAULT_DATA_DIR)
    db.session.commit()


def test_seeding_adds_discussions_once(runner, full_geography):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    expected = sum(len(thread["comments"]) for thread in THREADS.values())
    assert f"Discussions: {len(THREADS)} created ({expected} comments," in result.output
    assert db.session.scalar(select(func.count(Comment.id))) == expected

    # Questions, answers by the write-up's author, replies quoting replies, mentions, "utile".
    first = db.session.scalar(select(Writeup).where(Writeup.external_id == "demo:1"))
    comments = list(db.session.scalars(select(Comment).where(Comment.writeup_id == first.id)
                                       .order_by(Comment.created_at)))
    assert comments[0].body.startswith("Comment avez-vous financé")
    assert comments[1].author_id == first.author_id and comments[1].parent_id == comments[0].id
    assert any(c.quoted_id is not None for c in comments)
    assert any('href="/membres/' in c.body_html for c in comments)
    assert all(c.created_at > first.published_at for c in comments)
    assert first.comment_count == len(comments) and first.useful_count == 4
    assert comments[1].useful_count == 3
    reactions = db.session.scalar(select(func.count(Reaction.id)))
    assert reactions > len(THREADS)

    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0, again.output
    assert f"Discussions: 0 created (0 comments, 0 « utile »), {len(THREADS)} already there" in again.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Comment.id))) == expected
    assert db.session.scalar(select(func.count(Reaction.id))) == reactions
