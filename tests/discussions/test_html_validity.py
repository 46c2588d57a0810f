"""Discussion pages are valid HTML (Nu validator): the thread as visitors, members and moderators see
it (replies, quotes, placeholders, pagination), the reply, quote, edit and delete pages, refusals."""
from __future__ import annotations

from pathlib import Path

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.discussions.conftest import make_detached_writeup, page_url, post
from tests.factories import make_user, sign_in
from tests.helpers import page_token
from tests.test_html_validity import validate


def test_discussion_pages_are_valid_html(app, client, login_as, tmp_path):
    with app.app_context():
        claire = make_user(first_name="Claire", last_name="Martin")
        writeup = make_detached_writeup(claire, title="Une maison de santé « pluriprofessionnelle » & <co>")
        target = db.session.get(Writeup, writeup.id)
        author = db.session.get(User, claire.id)
        bruno = db.session.get(User, make_user(first_name="Bruno", last_name="Petit").id)
        asked = "Comment avez-vous **financé** la maison, @Claire Martin ?"
        question = services.post_comment(target, bruno, asked)
        answer = services.post_comment(target, author, "- DETR\n- Région\n\n> Citation\n\n`code`",
                                       parent=question)
        services.post_comment(target, bruno, "Merci !", parent=answer)
        deleted = services.post_comment(target, bruno, "Effacé")
        services.post_comment(target, author, "Réponse à un commentaire effacé", parent=deleted)
        services.delete_comment(deleted, by=bruno)
        hidden = services.post_comment(target, bruno, "Masqué")
        services.post_comment(target, author, "Réponse à un commentaire masqué", parent=hidden)
        services.hide_comment(hidden, by=None, reason="Hors sujet")
        services.edit_comment(question, bruno, asked + " (modifié)")
        for n in range(50):
            services.post_comment(target, bruno, f"Commentaire {n}")
        services.add_reaction(author, comment=question)
        db.session.commit()
        question_id, answer_id, bruno_id = question.id, answer.id, bruno.id
        locked = make_detached_writeup(claire, title="Discussion fermée")
        db.session.get(Writeup, locked.id).discussion_locked_at = db.func.now()
        db.session.commit()
    pages: dict[str, bytes] = {}

    def get(name: str, url: str, status: int = 200) -> None:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        pages[name] = response.data

    get("thread-anonymous", page_url(writeup))
    get("thread-page-2", page_url(writeup, page=2))
    get("locked-anonymous", page_url(locked))
    with app.app_context():
        sign_in(client, db.session.get(User, bruno_id))
    get("thread-member", page_url(writeup))
    get("reply", f"/commentaires/{answer_id}/repondre")
    get("quote", f"/commentaires/{question_id}/citer")
    get("edit", f"/commentaires/{question_id}/modifier")
    get("delete", f"/commentaires/{question_id}/supprimer")
    get("locked-member", page_url(locked))
    token = page_token(client, page_url(writeup))
    pages["empty-comment"] = post(client, writeup, "  ", token=token).data
    pages["locked-comment"] = post(client, locked, "Texte gardé", token=token).data
    pages["too-long-reply"] = post(client, writeup, "x" * 10_001, reply_to=answer_id, token=token).data
    login_as("moderator")
    get("thread-moderator", page_url(writeup))

    files = []
    for name, body in pages.items():
        path = Path(tmp_path) / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
