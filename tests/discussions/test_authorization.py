"""Who may do what in discussions: every route, for visitors, members, suspended members,
moderators and admins (a suspended member's old session counts as signed out)."""
from __future__ import annotations

import pytest

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.discussions.conftest import comments, make_detached_writeup, page_url
from tests.factories import make_user
from tests.helpers import page_token

ROLES = ["anonymous", "member", "suspended", "moderator", "admin"]
SIGN_IN = 302  # visitors (and suspended sessions) are sent to the sign-in page

# route -> expected status per role, in ROLES order. The comment belongs to someone else.
MATRIX = {
    ("GET", "page"): (200, 200, 200, 200, 200),
    ("GET", "permalink"): (302, 302, 302, 302, 302),
    ("POST", "post"): (SIGN_IN, 303, SIGN_IN, 303, 303),
    ("POST", "reply"): (SIGN_IN, 303, SIGN_IN, 303, 303),
    ("GET", "reply-form"): (SIGN_IN, 200, SIGN_IN, 200, 200),
    ("GET", "quote-form"): (SIGN_IN, 200, SIGN_IN, 200, 200),
    ("GET", "edit"): (SIGN_IN, 403, SIGN_IN, 403, 403),
    ("POST", "edit"): (SIGN_IN, 403, SIGN_IN, 403, 403),
    ("GET", "delete"): (SIGN_IN, 403, SIGN_IN, 403, 403),
    ("POST", "delete"): (SIGN_IN, 403, SIGN_IN, 403, 403),
    ("POST", "useful-writeup"): (SIGN_IN, 303, SIGN_IN, 303, 303),
    ("POST", "useful-comment"): (SIGN_IN, 303, SIGN_IN, 303, 303),
    ("GET", "suggest"): (401, 200, 401, 200, 200),
}


@pytest.fixture
def setting(app):
    """A published write-up by Claire, with a comment by Nadia."""
    with app.app_context():
        claire = make_user(first_name="Claire", last_name="Martin")
        nadia = make_user(first_name="Nadia", last_name="Benali")
        writeup = make_detached_writeup(claire)
        comment = services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, nadia.id),
                                        "Une question sur le financement.")
        db.session.commit()
        return writeup, comment.id


def urls(writeup, comment_id: int) -> dict[str, str]:
    return {
        "page": page_url(writeup),
        "permalink": f"/commentaires/{comment_id}",
        "post": f"/retours/{writeup.id}/commentaires",
        "reply": f"/retours/{writeup.id}/commentaires",
        "reply-form": f"/commentaires/{comment_id}/repondre",
        "quote-form": f"/commentaires/{comment_id}/citer",
        "edit": f"/commentaires/{comment_id}/modifier",
        "delete": f"/commentaires/{comment_id}/supprimer",
        "useful-writeup": f"/retours/{writeup.id}/utile",
        "useful-comment": f"/commentaires/{comment_id}/utile",
        "suggest": "/api/v1/members/suggest?q=cla",
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, name", list(MATRIX))
def test_authorization_matrix(app, client, login_as, setting, role, method, name):
    writeup, comment_id = setting
    token = page_token(client, "/connexion")
    if role != "anonymous":
        login_as(role)
    url = urls(writeup, comment_id)[name]
    data = {"csrf_token": token, "body": "Mon texte", "useful": "1"}
    if name == "reply":
        data["reply_to"] = str(comment_id)
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    expected = MATRIX[(method, name)][ROLES.index(role)]
    assert response.status_code == expected, (role, method, name, response.status_code)
    if expected == SIGN_IN and name not in ("permalink",):
        assert "/connexion" in response.headers["Location"]
    if name == "suggest" and expected == 401:
        assert response.get_json()["error"]["code"] == 401
    if method == "POST" and name in ("post", "reply"):
        assert len(comments(app, writeup.id)) == (2 if expected == 303 else 1)


def test_the_author_edits_and_deletes_their_own_comment(app, client, login_as, setting):
    writeup, _comment_id = setting
    me = login_as("member")
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        mine = services.post_comment(target, db.session.get(User, me.id), "À moi")
        db.session.commit()
        mine_id = mine.id
    token = page_token(client, page_url(writeup))
    assert client.get(f"/commentaires/{mine_id}/modifier").status_code == 200
    assert client.post(f"/commentaires/{mine_id}/modifier", data={"csrf_token": token, "body": "Corrigé"}
                       ).status_code == 303
    assert client.get(f"/commentaires/{mine_id}/supprimer").status_code == 200
    assert client.post(f"/commentaires/{mine_id}/supprimer", data={"csrf_token": token}).status_code == 303
    # Once deleted: nothing more to edit or delete.
    assert client.get(f"/commentaires/{mine_id}/modifier").status_code == 404
    assert client.post(f"/commentaires/{mine_id}/supprimer", data={"csrf_token": token}).status_code == 404


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 303)])
def test_members_only_writeups(app, client, login_as, role, status):
    with app.app_context():
        writeup = make_detached_writeup(make_user(), visibility="members")
    token = page_token(client, "/connexion")
    if role == "member":
        login_as("member")
    assert client.get(page_url(writeup)).status_code == (302 if role == "anonymous" else 200)
    response = client.post(f"/retours/{writeup.id}/commentaires",
                           data={"csrf_token": token, "body": "Bonjour"})
    assert response.status_code == status


def test_hidden_and_unpublished_writeups_are_404_for_members(app, client, login_as):
    with app.app_context():
        hidden = make_detached_writeup(make_user(), hidden=True)
        draft = make_detached_writeup(make_user(), status="draft")
    token = page_token(client, "/connexion")
    login_as("member")
    for writeup in (hidden, draft):
        for url in (f"/retours/{writeup.id}/commentaires", f"/retours/{writeup.id}/utile"):
            assert client.post(url, data={"csrf_token": token, "body": "x", "useful": "1"}).status_code == 404


def test_moderators_of_the_region_see_hidden_comments_others_do_not(app, client, login_as, setting):
    writeup, comment_id = setting
    with app.app_context():
        from pvd_network.discussions.models import Comment

        services.hide_comment(db.session.get(Comment, comment_id), by=None, reason="Hors sujet")
        db.session.commit()
    login_as("moderator", regions=("53",))  # Bretagne: not Commercy's région
    assert client.get(f"/commentaires/{comment_id}").status_code == 404
    login_as("moderator", regions=("44",))  # Grand Est
    assert client.get(f"/commentaires/{comment_id}").status_code == 302
