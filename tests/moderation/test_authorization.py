"""Authorization matrix: every moderation route for anonymous visitors, members, suspended members,
a moderator of another région, the moderator of the région, and an admin.

Answers: "login" (sent to the sign-in page), a status code, or "done" (a redirect elsewhere: the
action went through). The items are in Grand Est; the other moderator moderates Bretagne. Each
role runs on a fresh database, so the decisions posted by one never hide an item from another.
"""
from __future__ import annotations

import pytest

from pvd_network.extensions import db
from pvd_network.moderation.models import ModerationAction, Report
from tests.factories import make_user, make_writeup
from tests.helpers import csrf_token
from tests.moderation.conftest import as_user, new_comment

ROLES = ("anonymous", "member", "suspended", "other_moderator", "moderator", "admin")
LOGIN, DONE = "login", "done"

STAFF_PAGE = (LOGIN, 403, LOGIN, 200, 200, 200)
ITEM_PAGE = (LOGIN, 403, LOGIN, 403, 200, 200)
DECISION = (LOGIN, 403, LOGIN, 403, DONE, DONE)
MEMBERS_ONLY_PAGE = (LOGIN, 200, LOGIN, 200, 200, 200)
MEMBERS_ONLY_ACTION = (LOGIN, DONE, LOGIN, DONE, DONE, DONE)

MATRIX = [
    ("GET", "/moderation", STAFF_PAGE, None),
    ("GET", "/moderation/inscriptions", STAFF_PAGE, None),
    ("GET", "/moderation/signalements", STAFF_PAGE, None),
    ("GET", "/moderation/journal", STAFF_PAGE, None),
    ("GET", "/moderation/journal.csv", STAFF_PAGE, None),
    ("GET", "/moderation/tableau-de-bord", STAFF_PAGE, None),
    ("GET", "/moderation/retours/{writeup}", ITEM_PAGE, None),
    ("GET", "/moderation/commentaires/{comment}", ITEM_PAGE, None),
    ("GET", "/moderation/membres/{member}", ITEM_PAGE, None),
    ("GET", "/retours/{writeup}/signaler", MEMBERS_ONLY_PAGE, None),
    ("GET", "/commentaires/{comment}/signaler", MEMBERS_ONLY_PAGE, None),
    ("POST", "/moderation/retours/{writeup}/decision", DECISION,
     {"action": "lock", "state": "published|0", "reason": "Test."}),
    ("POST", "/moderation/commentaires/{comment}/decision", DECISION,
     {"action": "hide", "state": "visible|0", "reason": "Test."}),
    ("POST", "/moderation/membres/{member}/decision", DECISION,
     {"action": "warn", "state": "active", "reason": "Test."}),
    ("POST", "/moderation/inscriptions/{pending}/decision", DECISION,
     {"action": "approve", "state": "pending", "reason": "Test."}),
    ("POST", "/retours/{reported}/signaler", MEMBERS_ONLY_ACTION, {"reason": "spam"}),
    ("POST", "/commentaires/{reported_comment}/signaler", MEMBERS_ONLY_ACTION, {"reason": "spam"}),
]


def test_every_moderation_route_is_in_the_matrix(app):
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("moderation.")}
    covered = {path.replace("{writeup}", "<int:writeup_id>").replace("{reported}", "<int:writeup_id>")
               .replace("{comment}", "<int:comment_id>").replace("{reported_comment}", "<int:comment_id>")
               .replace("{member}", "<int:user_id>").replace("{pending}", "<int:user_id>")
               for _method, path, _answers, _data in MATRIX}
    assert routes == covered


@pytest.fixture
def targets(app):
    """Items in Grand Est (Commercy), a member of Grand Est, an account waiting for validation."""
    with app.app_context():
        author = make_user(first_name="Claire", last_name="Martin")
        writeup = make_writeup(author)
        reported = make_writeup(author, title="Un autre retour publié")
        member = make_user(first_name="Léa", last_name="Membre")
        pending = make_user(first_name="Paul", last_name="Attente", status="pending")
        ids = {"writeup": writeup.id, "reported": reported.id, "member": member.id, "pending": pending.id}
    ids["comment"] = new_comment(app, ids["writeup"], member)
    ids["reported_comment"] = new_comment(app, ids["writeup"], member, "Un autre commentaire.")
    return ids


def sign_in_as(app, client, login_as, role: str):
    if role == "anonymous":
        return None
    if role == "other_moderator":
        return login_as("moderator", regions=("53",), commune_insee="29019")
    if role == "moderator":
        return login_as("moderator", regions=("44",))
    return login_as(role)


def token_for(client, role: str) -> str:
    page = "/connexion" if role in ("anonymous", "suspended") else "/compte"
    return csrf_token(client.get(page).data)


@pytest.mark.parametrize("role", ROLES)
def test_matrix(app, client, login_as, targets, role):
    sign_in_as(app, client, login_as, role)
    index = ROLES.index(role)
    problems = []
    for method, template, answers, data in MATRIX:
        url = template.format(**targets)
        expected = answers[index]
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token_for(client, role), **data})
        location = response.headers.get("Location", "")
        if expected == LOGIN:
            ok = response.status_code == 302 and "/connexion" in location
        elif expected == DONE:
            ok = response.status_code == 302 and "/connexion" not in location
        else:
            ok = response.status_code == expected
        if not ok:
            problems.append(f"{method} {url}: expected {expected}, got {response.status_code} {location}")
    assert not problems, "\n".join(problems)
    with app.app_context():
        decisions = db.session.scalar(db.select(db.func.count()).select_from(ModerationAction))
        reports = db.session.scalar(db.select(db.func.count()).select_from(Report))
    allowed = DECISION[index] == DONE
    assert decisions == (4 if allowed else 0)  # nothing changed for those refused
    assert reports == (2 if MEMBERS_ONLY_ACTION[index] == DONE else 0)


def test_a_moderator_suspended_meanwhile_loses_access_at_once(app, client):
    """The session of a suspended account no longer loads: staff pages send it to sign in."""
    with app.app_context():
        moderator = make_user(role="moderator", regions=("44",))
    as_user(client, moderator)
    assert client.get("/moderation").status_code == 200
    with app.app_context():
        from pvd_network.auth.models import User

        db.session.get(User, moderator.id).status = "suspended"
        db.session.commit()
    response = client.get("/moderation")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
