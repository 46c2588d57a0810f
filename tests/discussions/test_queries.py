"""The write-up page sends about as many SQL queries with 60 comments as with 5 (authors, quotes
and the reader's "utile" are loaded in bulk, never one comment at a time)."""
from __future__ import annotations

import pytest

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.catalogue.test_listing import QueryCounter
from tests.discussions.conftest import make_detached_writeup, page_url, thread_html
from tests.factories import make_user


def discussion(app, top_level: int, reader_id: int | None):
    """A write-up with ``top_level`` comments by distinct members, each answered by another member
    (a reply quoting a reply, a mention), some marked "utile" by the reader."""
    with app.app_context():
        writeup = make_detached_writeup(make_user(first_name="Claire", last_name="Martin"))
        target = db.session.get(Writeup, writeup.id)
        for n in range(top_level):
            asker = db.session.get(User, make_user(first_name="Membre", last_name=f"Numéro{n}").id)
            helper = db.session.get(User, make_user(first_name="Aide", last_name=f"Numéro{n}").id)
            question = services.post_comment(target, asker, f"Question {n} pour @Claire Martin ?")
            answer = services.post_comment(target, helper, f"Réponse {n}", parent=question)
            services.post_comment(target, asker, f"Merci {n}", parent=answer)  # quotes the answer
            if reader_id is not None:
                services.add_reaction(db.session.get(User, reader_id), comment=answer)
        db.session.commit()
        return writeup


@pytest.mark.parametrize("role", [None, "member", "moderator"])
def test_page_queries_do_not_grow_with_the_number_of_comments(app, client, login_as, role):
    app.config["PAGE_CACHE_SIZE"] = 0
    reader = login_as(role) if role else None
    reader_id = reader.id if reader else None
    small = discussion(app, 5, reader_id)
    large = discussion(app, 60, reader_id)
    with app.app_context():
        engine = db.engine
    client.get(page_url(small))  # warm-up: first-request work is not what we measure
    with QueryCounter(engine) as few:
        response = client.get(page_url(small))
    assert thread_html(response).count('class="pvd-comment"') == 15
    with QueryCounter(engine) as many:
        response = client.get(page_url(large))
    # 50 top-level comments on the first page, each with its two replies.
    assert thread_html(response).count('class="pvd-comment"') == 150
    # Bounded whatever the number of comments: a short discussion is read in one query by a
    # visitor; a long one takes its page, a count (a full page does not tell the total) and the
    # replies.
    assert few.count <= many.count <= few.count + 2, (few.count, many.count)
