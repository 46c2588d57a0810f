"""/admin/vocabulaire: admins list, add, edit and delete synonym groups; nobody else may."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.search.models import Synonym
from pvd_network.search.vocabulary import INITIAL_SYNONYMS
from tests.helpers import field_errors, page_token, submit

ROUTES = [
    ("get", "/admin/vocabulaire"),
    ("get", "/admin/vocabulaire/nouveau"),
    ("post", "/admin/vocabulaire/nouveau"),
    ("get", "/admin/vocabulaire/{id}/modifier"),
    ("post", "/admin/vocabulaire/{id}/modifier"),
    ("post", "/admin/vocabulaire/{id}/supprimer"),
]
NEW_GROUP = {"terms": "PCC\nPetites cités de caractère", "note": "Un label patrimonial."}


@pytest.fixture
def group_id(app):
    with app.app_context():
        group = Synonym(terms="ORT\nopération de revitalisation de territoire", note="")
        db.session.add(group)
        db.session.commit()
        return group.id


def groups(app) -> list[list[str]]:
    with app.app_context():
        return [row.term_list for row in db.session.scalars(select(Synonym).order_by(Synonym.id))]


def textarea(html: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, field_id
    return unescape(match.group(1)).strip()


# --- Authorization matrix -------------------------------------------------------------------


@pytest.mark.parametrize("method, url", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(app, client, group_id, method, url):
    response = getattr(client, method)(url.format(id=group_id))
    if method == "post":  # no CSRF token: refused before anything else
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 302
        assert "/connexion" in response.headers["Location"]
    assert groups(app) == [["ORT", "opération de revitalisation de territoire"]]


@pytest.mark.parametrize("role", ["member", "moderator"])
@pytest.mark.parametrize("method, url", ROUTES)
def test_members_and_moderators_are_refused(app, client, login_as, group_id, role, method, url):
    login_as(role)
    token = page_token(client)
    data = {"csrf_token": token, **NEW_GROUP} if method == "post" else None
    assert getattr(client, method)(url.format(id=group_id), data=data).status_code == 403
    assert groups(app) == [["ORT", "opération de revitalisation de territoire"]]


@pytest.mark.parametrize("method, url", [route for route in ROUTES if route[0] == "get"])
def test_admins_may(client, login_as, group_id, method, url):
    login_as("admin")
    assert client.get(url.format(id=group_id)).status_code == 200


def test_unknown_groups_are_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/vocabulaire/999/modifier").status_code == 404


# --- The pages ----------------------------------------------------------------------------


def test_the_first_visit_seeds_the_initial_groups(app, client, login_as):
    login_as("admin")
    html = unescape(client.get("/admin/vocabulaire").get_data(as_text=True))
    assert html.count('<tr id="groupe-') == len(INITIAL_SYNONYMS)
    assert "opération de revitalisation de territoire" in html
    client.get("/admin/vocabulaire")
    assert len(groups(app)) == len(INITIAL_SYNONYMS)


def test_an_admin_adds_a_group_used_by_search_at_once(app, client, login_as, publish, drained):
    publish("Label Petites cités de caractère obtenu", summary="Après trois ans de travaux.")
    drained()
    login_as("admin")
    response = submit(client, "/admin/vocabulaire/nouveau", NEW_GROUP)
    assert response.status_code == 302
    assert ["PCC", "Petites cités de caractère"] in groups(app)
    assert "Le groupe « PCC » a été ajouté." in unescape(
        client.get("/admin/vocabulaire").get_data(as_text=True)
    )
    with app.app_context():
        from pvd_network.search.services import search

        assert [hit.writeup.title for hit in search("PCC").hits] == [
            "Label Petites cités de caractère obtenu"
        ]


def test_an_admin_edits_and_deletes_a_group(app, client, login_as, group_id):
    login_as("admin")
    form = client.get(f"/admin/vocabulaire/{group_id}/modifier").get_data(as_text=True)
    assert textarea(form, "terms") == "ORT\nopération de revitalisation de territoire"
    response = submit(
        client,
        f"/admin/vocabulaire/{group_id}/modifier",
        {
            "terms": "ORT\n  opération de revitalisation   de territoire \n\nORT\nopérations ORT",
            "note": "Outil",
        },
    )
    assert response.status_code == 302
    assert groups(app) == [["ORT", "opération de revitalisation de territoire", "opérations ORT"]]
    response = submit(client, f"/admin/vocabulaire/{group_id}/supprimer", {}, form_page="/admin/vocabulaire")
    assert response.status_code == 302
    # The group is gone; the next visit of the list sees an empty table and seeds it again.
    with app.app_context():
        assert db.session.get(Synonym, group_id) is None


@pytest.mark.parametrize(
    "terms, note, field, message",
    [
        ("", "", "terms", "Indiquez les expressions du groupe, une par ligne."),
        ("ORT", "", "terms", "Indiquez au moins deux expressions différentes, une par ligne."),
        ("Vélos\nvelo", "", "terms", "Indiquez au moins deux expressions différentes, une par ligne."),
        ("PCC\nde la", "", "terms", "« de la » ne contient que des mots trop courants"),
        ("PCC\n" + "x" * 130, "", "terms", "trop longue : 120 caractères au plus par expression."),
        ("revitalisation\nORT", "", "terms", "« ORT » figure déjà dans le groupe « ORT, opération"),
        ("PCC\nPetites cités de caractère", "n" * 301, "note", "La note tient en 300 caractères au plus."),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_kept(
    app, client, login_as, group_id, terms, note, field, message
):
    login_as("admin")
    response = submit(client, "/admin/vocabulaire/nouveau", {"terms": terms, "note": note})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    errors = field_errors(html, field)
    assert errors and message in errors[0], errors
    assert textarea(html, "terms") == terms.strip()
    assert len(groups(app)) == 1


def test_editing_a_group_may_keep_its_own_expressions(app, client, login_as, group_id):
    login_as("admin")
    response = submit(
        client,
        f"/admin/vocabulaire/{group_id}/modifier",
        {"terms": "ORT\nopération de revitalisation de territoire\nopération de revitalisation", "note": ""},
    )
    assert response.status_code == 302
