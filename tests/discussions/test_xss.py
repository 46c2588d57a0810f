"""The XSS corpus in comments: bodies, quotes, edits, the reply page, and members' names in mentions."""
from __future__ import annotations

import re

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.discussions.conftest import page_url, thread_html
from tests.factories import make_user

# Our own forms on the page ("utile", the comment form): the sanitiser never lets a member write one.
OUR_FORMS = re.compile(
    r'<form method="post" action="/(?:commentaires|retours)/\d+/(?:utile|commentaires)" '
    r'class="pvd-(?:useful|comment-form)[ "].*?</form>', re.S)


def without_our_forms(html: str) -> str:
    return OUR_FORMS.sub("", html)


def main_html(response) -> str:
    """The <main> element of a page (where member-written content is shown), minus our forms."""
    match = re.search(r"<main\b.*?</main>", response.get_data(as_text=True), re.S)
    assert match
    return without_our_forms(match.group(0))


def test_comment_bodies_quotes_and_edits_stay_inert(app, client, login_as, writeup, author):
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        writer = db.session.get(User, author.id)
        made = []
        for vector in VECTORS:
            top = services.post_comment(target, writer, f"Question : {vector}\n\n{vector}")
            reply = services.post_comment(target, writer, vector, parent=top)
            # A reply to the reply: it quotes it.
            follow_up = services.post_comment(target, writer, f"Suite {vector}", parent=reply)
            services.edit_comment(follow_up, writer, f"Modifié : {vector}")
            made.append((vector, top.id, reply.id))
        db.session.commit()
    login_as("member")
    for page in (1, 2):
        response = client.get(page_url(writeup, page=page))
        assert response.status_code == 200
        assert_inert(without_our_forms(thread_html(response)), f"write-up page {page}")
    for vector, top_id, reply_id in made:
        for url in (f"/commentaires/{reply_id}/repondre", f"/commentaires/{top_id}/citer"):
            response = client.get(url)
            assert response.status_code == 200, (url, vector)
            assert_inert(main_html(response), f"{url} {vector!r}")


def test_member_names_in_mentions_and_threads_stay_inert(app, client, login_as, writeup):
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        for vector in VECTORS:
            # A name made of the vector (first name) after a plausible one (mentionable words).
            odd = db.session.get(User, make_user(first_name="Alix", last_name=vector[:100]).id)
            services.post_comment(target, odd, f"Bonjour @Alix {vector} et @{vector}")
        db.session.commit()
    login_as("member")
    response = client.get(page_url(writeup))
    assert response.status_code == 200
    assert_inert(without_our_forms(thread_html(response)), "names")
    suggestions = client.get("/api/v1/members/suggest?q=alix").get_json()["results"]
    assert len(suggestions) == 8 and all(item["url"].startswith("/membres/") for item in suggestions)


def test_a_mention_never_links_anywhere_but_a_profile(app, client, writeup, author):
    with app.app_context():
        services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, author.id),
                              '@Claire Martin [@Claire Martin](javascript:alert(1)) '
                              '<a href="/x">@Claire Martin</a>')
        db.session.commit()
    thread = thread_html(client.get(page_url(writeup)))
    assert_inert(without_our_forms(thread), "mentions")
    body = re.search(r'data-comment-body>(.*?)</div>', thread, re.S).group(1)
    assert set(re.findall(r'href="([^"]+)"', body)) == {f"/membres/{author.id}"}
