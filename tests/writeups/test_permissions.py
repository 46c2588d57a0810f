"""Who may do what with write-ups: the authorisation matrix over every route, and the predicates."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pvd_network.auth import permissions
from pvd_network.extensions import db
from pvd_network.writeups import files
from pvd_network.writeups.models import Writeup
from tests.factories import make_login_as, make_user, sign_in
from tests.helpers import csrf_token
from tests.writeups.conftest import PDF_BYTES, editor_form, new_writeup

ROLES = ("anonymous", "member", "author", "suspended", "moderator_elsewhere", "moderator", "admin")
LOGIN, OK = "login", "ok"


def make_world(app) -> SimpleNamespace:
    """An author's write-ups in Commercy (Grand Est, 44): draft (with a file), published,
    members-only, submitted."""
    with app.app_context():
        owner = make_user(first_name="Claire", last_name="Martin")
    world = SimpleNamespace(owner=owner)
    world.draft = new_writeup(app, owner, status="draft")
    world.public = new_writeup(app, owner)
    world.members = new_writeup(app, owner, visibility="members")
    world.submitted = new_writeup(app, owner, status="submitted")
    with app.app_context():
        item = files.add_attachment(db.session.get(Writeup, world.draft.id),
                                    files.CheckedFile(PDF_BYTES, "application/pdf", "pdf", "bilan.pdf"))
        db.session.commit()
        world.draft_file = item.stored_name
    return world


def become(role: str, app, client, world) -> None:
    if role == "anonymous":
        return
    login_as = make_login_as(app, client)
    if role == "author":
        sign_in(client, world.owner)
    elif role == "moderator_elsewhere":
        login_as("moderator", regions=("53",))  # Bretagne only
    else:
        login_as(role)


def token(client) -> str:
    for page in ("/mes-retours", "/connexion"):
        response = client.get(page)
        if response.status_code == 200:
            return csrf_token(response.data)
    raise AssertionError("no page with a form")


def page(w) -> str:
    return f"/retours/{w.id}-{w.slug}"


# (name, method, path builder, data builder, expected outcome per role, in ROLES order)
MATRIX = [
    ("new", "GET", lambda w: "/retours/nouveau", None,
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("create", "POST", lambda w: "/retours/nouveau", lambda: editor_form(),
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("edit draft", "GET", lambda w: f"/retours/{w.draft.id}/modifier", None,
     (LOGIN, 404, OK, LOGIN, 404, 403, 403)),
    ("edit published", "GET", lambda w: f"/retours/{w.public.id}/modifier", None,
     (LOGIN, 403, OK, LOGIN, 403, 403, 403)),
    ("save published", "POST", lambda w: f"/retours/{w.public.id}/modifier", lambda: editor_form(),
     (LOGIN, 403, OK, LOGIN, 403, 403, 403)),
    ("draft page", "GET", lambda w: page(w.draft), None,
     (404, 404, OK, 404, 404, OK, OK)),
    ("submitted page", "GET", lambda w: page(w.submitted), None,
     (404, 404, OK, 404, 404, OK, OK)),
    ("public page", "GET", lambda w: page(w.public), None,
     (OK, OK, OK, OK, OK, OK, OK)),
    ("members-only page", "GET", lambda w: page(w.members), None,
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("draft history", "GET", lambda w: page(w.draft) + "/historique", None,
     (404, 404, OK, 404, 404, OK, OK)),
    ("members-only history", "GET", lambda w: page(w.members) + "/historique", None,
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("submit", "POST", lambda w: f"/retours/{w.draft.id}/soumettre", None,
     (LOGIN, 404, OK, LOGIN, 404, 403, 403)),
    ("archive", "POST", lambda w: f"/retours/{w.public.id}/archiver", None,
     (LOGIN, 403, OK, LOGIN, 403, OK, OK)),
    ("publish", "POST", lambda w: f"/retours/{w.submitted.id}/publier", None,
     (LOGIN, 404, 403, LOGIN, 404, OK, OK)),
    ("request changes", "POST", lambda w: f"/retours/{w.submitted.id}/demander-des-modifications",
     lambda: {"modifications-message": "Précisez le budget."},
     (LOGIN, 404, 403, LOGIN, 404, OK, OK)),
    ("reject", "POST", lambda w: f"/retours/{w.submitted.id}/refuser",
     lambda: {"refus-reason": "Hors sujet."},
     (LOGIN, 404, 403, LOGIN, 404, OK, OK)),
    ("mine", "GET", lambda w: "/mes-retours", None,
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("preview", "POST", lambda w: "/retours/apercu", lambda: {"markdown": "*a*"},
     (LOGIN, OK, OK, LOGIN, OK, OK, OK)),
    ("draft attachment", "GET", lambda w: f"/uploads/attachments/{w.draft_file}", None,
     (404, 404, OK, 404, 404, OK, OK)),
]

@pytest.mark.parametrize(("name", "method", "path", "data", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_authorisation_matrix(app, name, method, path, data, expected):
    """Each role on a fresh client; fresh write-ups after each allowed change, so that one role's
    success changes nothing for the next."""
    world = None
    for role, outcome in zip(ROLES, expected, strict=True):
        world = world or make_world(app)
        client = app.test_client()
        become(role, app, client, world)
        url = path(world)
        if method == "GET":
            response = client.get(url)
        else:
            payload = {"csrf_token": token(client), **(data() if data else {})}
            response = client.post(url, data=payload, content_type="multipart/form-data")
        location = response.headers.get("Location", "")
        seen = (role, response.status_code, location)
        if outcome == LOGIN:
            assert response.status_code == 302 and location.startswith("/connexion"), seen
        elif outcome == OK:
            assert response.status_code in (200, 302) and not location.startswith("/connexion"), seen
        else:
            assert response.status_code == outcome, seen
        if method == "POST" and outcome == OK:
            world = None


# --- The predicates, on duck-typed objects (auth never imports writeups) ----------------------


def member(id=1, role="member", status="active", regions=()):
    return SimpleNamespace(id=id, role=role, status=status, is_authenticated=True,
                           moderated_regions=[SimpleNamespace(code=code) for code in regions])


ANONYMOUS = SimpleNamespace(is_authenticated=False)


def writeup(author_id=1, status="published", visibility="public", hidden=False, region="44"):
    return SimpleNamespace(author_id=author_id, status=status, visibility=visibility,
                           hidden_at=object() if hidden else None, region_code=region)


def test_creating_needs_an_active_account():
    assert permissions.can_create_writeup(member())
    assert not permissions.can_create_writeup(member(status="suspended"))
    assert not permissions.can_create_writeup(ANONYMOUS)


@pytest.mark.parametrize(("status", "editable"), [
    ("draft", True), ("submitted", True), ("changes_requested", True), ("published", True),
    ("rejected", False), ("archived", False),
])
def test_only_the_author_edits_while_the_status_allows_it(status, editable):
    assert permissions.can_edit_writeup(member(id=1), writeup(author_id=1, status=status)) is editable
    assert not permissions.can_edit_writeup(member(id=2), writeup(author_id=1, status=status))
    assert not permissions.can_edit_writeup(member(id=3, role="admin"), writeup(author_id=1, status=status))


def test_a_writeup_without_author_is_nobodys():
    assert not permissions.is_writeup_author(member(id=1), writeup(author_id=None))


def test_viewing_follows_status_visibility_and_scope():
    public, private = writeup(), writeup(visibility="members")
    draft, hidden = writeup(status="draft"), writeup(hidden=True)
    assert permissions.can_view_writeup(ANONYMOUS, public)
    assert not permissions.can_view_writeup(ANONYMOUS, private)
    assert permissions.can_view_writeup(member(id=9), private)
    for unseen in (draft, hidden):
        assert not permissions.can_view_writeup(member(id=9), unseen)
        assert permissions.can_view_writeup(member(id=1), unseen)  # the author
        assert permissions.can_view_writeup(member(id=9, role="moderator", regions=("44",)), unseen)
        assert not permissions.can_view_writeup(member(id=9, role="moderator", regions=("53",)), unseen)
        assert permissions.can_view_writeup(member(id=9, role="admin", regions=("53",)), unseen)


def test_moderating_follows_the_region_scope():
    assert permissions.can_moderate_writeup(member(role="moderator"), writeup())  # unscoped
    assert permissions.can_moderate_writeup(member(role="moderator", regions=("44", "53")), writeup())
    assert not permissions.can_moderate_writeup(member(role="moderator", regions=("53",)), writeup())
    assert not permissions.can_moderate_writeup(member(role="moderator", status="suspended"), writeup())
    assert not permissions.can_moderate_writeup(member(), writeup())


@pytest.mark.parametrize(("status", "archivable"), [
    ("draft", True), ("published", True), ("changes_requested", True), ("rejected", True),
    ("submitted", False), ("archived", False),
])
def test_archiving(status, archivable):
    assert permissions.can_archive_writeup(member(id=1), writeup(status=status)) is archivable
    moderator = member(id=5, role="moderator")
    assert permissions.can_archive_writeup(moderator, writeup(status=status)) is archivable
    assert not permissions.can_archive_writeup(member(id=5), writeup(status=status))


def test_submitting_is_for_the_author_of_a_draft_or_a_writeup_sent_back():
    assert permissions.can_submit_writeup(member(id=1), writeup(status="draft"))
    assert permissions.can_submit_writeup(member(id=1), writeup(status="changes_requested"))
    assert not permissions.can_submit_writeup(member(id=1), writeup(status="submitted"))
    assert not permissions.can_submit_writeup(member(id=2), writeup(status="draft"))


def test_templates_ask_the_same_questions(app):
    for name in ("can_create_writeup", "can_edit_writeup", "can_view_writeup", "can_moderate_writeup",
                 "can_archive_writeup", "can_submit_writeup", "is_writeup_author"):
        assert app.jinja_env.globals[name] is getattr(permissions, name)
