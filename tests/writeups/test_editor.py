"""The editor: drafts, submission, every bad input with its French message, the preview."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.writeups.models import DRAFT, MEMBERS, PUBLISHED, SUBMITTED, Writeup, WriteupRevision
from tests.data.xss_corpus import assert_inert
from tests.factories import make_user
from tests.helpers import field_errors, input_value, page_token
from tests.writeups.conftest import editor_form, new_writeup, only_writeup, post_editor


def textarea_value(html: str, field_id: str) -> str:
    match = re.search(rf'<textarea[^>]*\bid="{field_id}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {field_id}"
    from html import unescape

    return unescape(match.group(1)).strip("\r\n")


def checked_values(html: str, name: str) -> set[str]:
    tags = re.findall(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    return {re.search(r'value="([^"]*)"', t).group(1) for t in tags if " checked" in t}


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/retours/nouveau")
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


def test_the_new_form_starts_with_my_commune_and_the_active_themes(client, author):
    html = client.get("/retours/nouveau").get_data(as_text=True)
    assert input_value(html, "commune") == "Commercy (55122)"
    assert html.count('name="themes"') == 12
    assert "Enregistrer le brouillon" in html and "Soumettre à la relecture" in html
    assert 'data-preview-url="/retours/apercu"' in html
    assert "/static/js/editor.js" in html and 'type="module"' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_a_draft_needs_only_a_title_and_a_commune(app, client, author):
    draft = {"title": "Un tiers-lieu dans la gare", "commune": "Commercy (55122)", "visibility": "public"}
    response = post_editor(client, "/retours/nouveau", draft)
    writeup = only_writeup(app)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/retours/{writeup.id}/modifier")
    assert writeup.status == DRAFT and writeup.author_id == author.id
    assert writeup.slug == "un-tiers-lieu-dans-la-gare"
    follow = client.get(response.headers["Location"])
    assert "Votre brouillon est enregistré." in follow.get_data(as_text=True)


def test_a_complete_draft_is_stored_with_its_sanitised_sections(app, client, author):
    response = post_editor(client, "/retours/nouveau", editor_form())
    assert response.status_code == 302
    with app.app_context():
        writeup = db.session.scalar(select(Writeup))
        assert writeup.budget_eur == 120_000
        assert writeup.funders == ["Banque des territoires", "Région Grand Est", "Département de la Meuse"]
        assert writeup.partners == ["CCI Meuse Haute-Marne"]
        assert [t.slug for t in writeup.themes] == ["commerce-centre-ville", "economie-emploi"]
        assert writeup.year == 2022 and writeup.stage == "realise"
        assert writeup.results_html == "<p>Trois boutiques <strong>ouvertes</strong> en deux ans.</p>"
        assert "<ol>" in writeup.actions_html
        assert writeup.commune_insee == "55122" and writeup.region_code == "44"


def test_submitting_sends_a_complete_writeup_to_review(app, client, author):
    response = post_editor(client, "/retours/nouveau", editor_form(action="submit"))
    writeup = only_writeup(app)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/retours/{writeup.id}-{writeup.slug}"
    assert writeup.status == SUBMITTED and writeup.submitted_at is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "soumis à la relecture" in page and "En attente de relecture" in page


def test_another_commune_can_be_chosen_by_name(app, client, author):
    post_editor(client, "/retours/nouveau", editor_form(commune="Bar-le-Duc"))
    assert only_writeup(app).commune_insee == "55029"


def test_members_only_visibility_is_kept(app, client, author):
    post_editor(client, "/retours/nouveau", editor_form(visibility="members"))
    assert only_writeup(app).visibility == MEMBERS


def test_budget_accepts_french_spellings(app, client, author):
    post_editor(client, "/retours/nouveau", editor_form(budget_eur="1\u202f250\u00a0000 €"))
    assert only_writeup(app).budget_eur == 1_250_000


# --- Bad input: a French message beside the field, the values kept, 422 ------------------------


def refused(client, changes: dict, field: str, url: str = "/retours/nouveau") -> tuple[str, list[str]]:
    response = post_editor(client, url, editor_form(**changes))
    assert response.status_code == 422, response.status_code
    html = response.get_data(as_text=True)
    errors = field_errors(html, field)
    assert errors, f"no error beside {field}"
    return html, errors


BAD_INPUT = [
    ({"title": ""}, "title", "Donnez un titre"),
    ({"title": "Abc"}, "title", "entre 5 et 200 caractères"),
    ({"title": "x" * 201}, "title", "entre 5 et 200 caractères"),
    ({"summary": "é" * 601}, "summary", "600 caractères"),
    ({"commune": ""}, "commune", "Indiquez la commune concernée"),
    ({"commune": "Nulle-Part-sur-Mer"}, "commune", "Aucune commune ne correspond"),
    ({"commune": "Commercy (99999)"}, "commune", "Aucune commune ne porte le code Insee"),
    ({"themes": ["mobilite", "numerique", "services-publics", "nature-en-ville"]}, "themes", "au plus 3"),
    ({"themes": ["pas-un-theme"]}, "themes", "choi"),
    ({"context": "x" * 20_001}, "context", "20000 caractères"),
    ({"budget_eur": "-5"}, "budget_eur", "nombre entier"),
    ({"budget_eur": "12,50"}, "budget_eur", "nombre entier"),
    ({"budget_eur": "beaucoup"}, "budget_eur", "nombre entier"),
    ({"budget_eur": "3000000000"}, "budget_eur", "2 milliards"),
    ({"funders": "\n".join(f"Financeur {n}" for n in range(31))}, "funders", "au plus 30"),
    ({"partners": "x" * 201}, "partners", "200 caractères"),
    ({"stage": "bientot"}, "stage", "choi"),
    ({"year": "1850"}, "year", "entre 2000 et"),
    ({"year": "2022,5"}, "year", "nombre entier"),
    ({"visibility": "secret"}, "visibility", "choi"),
    ({"visibility": None}, "visibility", "Choisissez qui peut lire"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT,
                         ids=[f"{case[1]}-{n}" for n, case in enumerate(BAD_INPUT)])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(app, client, author, changes, field,
                                                                    message):
    html, errors = refused(client, changes, field)
    assert any(message.lower() in error.lower() for error in errors), errors
    assert "Le formulaire contient des erreurs" in html
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None


@pytest.mark.parametrize("missing", ["summary", "context", "actions"])
def test_submission_needs_summary_context_and_actions(app, client, author, missing):
    html, errors = refused(client, {missing: "", "action": "submit"}, missing)
    assert "avant de soumettre" in errors[0]
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None


def test_submission_needs_a_theme_but_a_draft_does_not(app, client, author):
    refused(client, {"themes": None, "action": "submit"}, "themes")
    response = post_editor(client, "/retours/nouveau", editor_form(themes=None))
    assert response.status_code == 302
    assert only_writeup(app).status == DRAFT


def test_refused_values_are_kept_in_the_form(client, author):
    html, _errors = refused(client, {"year": "1850", "commune": "Bar-le-Duc (55029)"}, "year")
    assert input_value(html, "title") == editor_form()["title"]
    assert input_value(html, "commune") == "Bar-le-Duc (55029)"
    assert input_value(html, "year") == "1850"
    assert input_value(html, "budget_eur") == "120 000"
    assert textarea_value(html, "actions").replace("\r\n", "\n") == editor_form()["actions"]
    assert "Département de la Meuse" in textarea_value(html, "funders")
    assert checked_values(html, "themes") == {"commerce-centre-ville", "economie-emploi"}
    assert checked_values(html, "stage") == {"realise"}
    # The page stays marked as unsaved for the leave-page warning.
    assert "data-unsaved" in html


def test_a_missing_csrf_token_is_refused_without_saving(app, client, author):
    response = client.post("/retours/nouveau", data=editor_form(), content_type="multipart/form-data")
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None


# --- Editing --------------------------------------------------------------------------------


def test_the_edit_form_shows_the_stored_writeup(app, client, author):
    writeup = new_writeup(app, author, status="draft", budget_eur=45000, funders=["Anah", "ADEME"], year=2021)
    html = client.get(f"/retours/{writeup.id}/modifier").get_data(as_text=True)
    assert input_value(html, "title") == writeup.title
    assert input_value(html, "commune") == "Commercy (55122)"
    assert input_value(html, "budget_eur") == "45000"
    assert textarea_value(html, "funders") == "Anah\nADEME"
    assert checked_values(html, "themes") == {"acces-aux-soins"}


def test_editing_a_draft_keeps_it_a_draft_without_revision(app, client, author):
    writeup = new_writeup(app, author, status="draft")
    changes = editor_form(title="Un nouveau titre clair")
    response = post_editor(client, f"/retours/{writeup.id}/modifier", changes)
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Writeup, writeup.id)
        assert stored.title == "Un nouveau titre clair" and stored.status == DRAFT
        assert stored.slug == "un-nouveau-titre-clair"
        assert db.session.scalar(select(WriteupRevision)) is None


def test_a_writeup_sent_back_for_changes_can_be_submitted_again(app, client, author):
    writeup = new_writeup(app, author, status="changes_requested")
    html = client.get(f"/retours/{writeup.id}/modifier").get_data(as_text=True)
    assert "Précisez le budget." in html
    response = post_editor(client, f"/retours/{writeup.id}/modifier", editor_form(action="submit"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Writeup, writeup.id).status == SUBMITTED


def test_editing_a_published_writeup_publishes_a_new_revision(app, client, author):
    writeup = new_writeup(app, author)
    html = client.get(f"/retours/{writeup.id}/modifier").get_data(as_text=True)
    assert "Publier les modifications" in html and "Soumettre à la relecture" not in html
    response = post_editor(client, f"/retours/{writeup.id}/modifier",
                           editor_form(note="Ajout des résultats 2024"))
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(Writeup, writeup.id)
        assert stored.status == PUBLISHED
        assert [(r.number, r.note, r.editor_id) for r in stored.revisions][-1] == (
            2, "Ajout des résultats 2024", author.id)


def test_someone_elses_writeup_cannot_be_edited(app, client, login_as):
    with app.app_context():
        owner = make_user()
    published = new_writeup(app, owner)
    draft = new_writeup(app, owner, status="draft")
    login_as("member")
    assert client.get(f"/retours/{published.id}/modifier").status_code == 403
    assert post_editor(client, f"/retours/{published.id}/modifier", editor_form()).status_code == 403
    assert client.get(f"/retours/{draft.id}/modifier").status_code == 404
    with app.app_context():
        assert db.session.get(Writeup, published.id).title == published.title


def test_an_unknown_writeup_is_404(client, author):
    assert client.get("/retours/999999/modifier").status_code == 404


# --- Preview ---------------------------------------------------------------------------------


def test_the_preview_button_renders_the_sections_without_saving(app, client, author):
    response = post_editor(client, "/retours/nouveau", editor_form(
        action="preview", context="Du **gras** et <script>alert(1)</script>", title="x"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    preview = re.search(r'id="context-apercu".*?data-preview-body[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "<strong>gras</strong>" in preview
    assert "<script>" not in preview
    assert "L'aperçu de chaque partie est à jour" in html
    assert field_errors(html, "title") == []  # a preview judges nothing
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None


def test_the_preview_endpoint_returns_sanitised_html(client, author):
    token = page_token(client, "/retours/nouveau")
    source = "## Titre\n\n[lien](javascript:alert(1)) *ok* <img src=x onerror=alert(1)>"
    response = client.post("/retours/apercu", data={"markdown": source}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<h2>Titre</h2>" in html and "<em>ok</em>" in html
    assert "href" not in html and "<img" not in html
    assert_inert(html, "preview")


def test_the_preview_endpoint_accepts_json_too(client, author):
    token = page_token(client, "/retours/nouveau")
    response = client.post("/retours/apercu", json={"markdown": "*a*"}, headers={"X-CSRFToken": token})
    assert response.get_json() == {"html": "<p><em>a</em></p>"}


def test_the_preview_endpoint_is_csrf_protected(client, author):
    response = client.post("/retours/apercu", data={"markdown": "*a*"})
    assert response.status_code == 400


def test_the_preview_endpoint_refuses_bad_requests(client, author):
    token = page_token(client, "/retours/nouveau")
    headers = {"X-CSRFToken": token}
    assert client.post("/retours/apercu", data={}, headers=headers).status_code == 400
    assert client.post("/retours/apercu", json={"markdown": 12}, headers=headers).status_code == 400
    too_long = client.post("/retours/apercu", data={"markdown": "x" * 20_001}, headers=headers)
    assert too_long.status_code == 413 and "error" in too_long.get_json()


def test_the_preview_endpoint_is_for_members(client):
    response = client.post("/retours/apercu", data={"markdown": "*a*"})
    assert response.status_code in (302, 400)  # no session, no token: never a rendering
