"""RGPD: a member's comments and "utile" are in "Mes données"; comments stay once the account is erased."""
from __future__ import annotations

import json

from pvd_network.auth.models import User
from pvd_network.auth.personal_data import erase
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.discussions.conftest import page_url, thread_html
from tests.factories import make_user


def test_my_comments_and_useful_are_in_my_data(app, client, login_as, writeup):
    me = login_as("member", first_name="Bruno", last_name="Petit")
    with app.app_context():
        target = db.session.get(Writeup, writeup.id)
        author = db.session.get(User, me.id)
        question = services.post_comment(target, author, "Comment avez-vous **financé** le projet ?")
        gone = services.post_comment(target, author, "Texte retiré")
        services.delete_comment(gone, by=author)
        services.add_reaction(author, writeup=target)
        db.session.commit()
        question_id, gone_id = question.id, gone.id
    data = json.loads(client.get("/compte/mes-donnees").data)
    section = data["comments"]
    assert [(c["id"], c["body"]) for c in section["comments"]] == [
        (question_id, "Comment avez-vous **financé** le projet ?"), (gone_id, "")]
    assert section["comments"][1]["deleted_at"] is not None
    assert section["useful"] == [{"writeup_id": writeup.id, "comment_id": None,
                                  "created_at": section["useful"][0]["created_at"]}]


def test_comments_stay_signed_former_member_when_the_account_is_erased(app, client, writeup):
    with app.app_context():
        member = db.session.get(User, make_user(first_name="Bruno", last_name="Petit").id)
        services.post_comment(db.session.get(Writeup, writeup.id), member, "Une question utile à tous.")
        db.session.commit()
        erase(db.session.get(User, member.id))
        db.session.commit()
    thread = thread_html(client.get(page_url(writeup)))
    assert "Une question utile à tous." in thread
    assert "Ancien membre" in thread and "Bruno" not in thread
