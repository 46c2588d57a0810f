"""Theme administration: who may do it, adding, renaming, archiving; slugs never change."""
from __future__ import annotations

from html import unescape

import pytest

from pvd_network.extensions import db
from pvd_network.themes import services
from pvd_network.themes.models import Theme
from tests.helpers import field_errors, page_token, submit

ROUTES = [
    ("get", "/admin/thematiques"),
    ("get", "/admin/thematiques/nouvelle"),
    ("post", "/admin/thematiques/nouvelle"),
    ("get", "/admin/thematiques/mobilite/modifier"),
    ("post", "/admin/thematiques/mobilite/modifier"),
    ("post", "/admin/thematiques/mobilite/archiver"),
    ("post", "/admin/thematiques/mobilite/reactiver"),
]
NEW_THEME = {"slug": "eau-assainissement", "name": "Eau et assainissement",
             "description": "Réseaux, stations d'épuration et économies d'eau.",
             "pictogram": "environment/leaf"}


def theme(app, slug: str) -> Theme | None:
    with app.app_context():
        found = services.get_by_slug(slug)
        if found is not None:
            db.session.expunge(found)
        return found


# --- Authorization matrix -------------------------------------------------------------------


@pytest.mark.parametrize("method, url", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, url):
    response = getattr(client, method)(url)
    if method == "post":  # no CSRF token: refused before anything else
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 302
        assert "/connexion" in response.headers["Location"] or "login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["member", "moderator"])
@pytest.mark.parametrize("method, url", ROUTES)
def test_members_and_moderators_are_refused(client, login_as, role, method, url):
    login_as(role)
    token = page_token(client)
    data = {"csrf_token": token, **NEW_THEME} if method == "post" else None
    response = getattr(client, method)(url, data=data)
    assert response.status_code == 403


@pytest.mark.parametrize("method, url", ROUTES)
def test_a_suspended_member_is_signed_out(app, client, login_as, method, url):
    login_as("suspended")
    response = getattr(client, method)(url)
    assert response.status_code in (302, 400)
    assert theme(app, "eau-assainissement") is None
    assert not theme(app, "mobilite").is_archived


def test_admins_see_every_theme_with_their_actions(app, client, login_as):
    with app.app_context():
        services.archive_theme(services.get_by_slug("numerique"))
        db.session.commit()
    login_as("admin")
    response = client.get("/admin/thematiques")
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert html.count('<tr id="thematique-') == 12
    assert 'action="/admin/thematiques/numerique/reactiver"' in html
    assert 'action="/admin/thematiques/mobilite/archiver"' in html
    # The theme index links the admin page for admins only.
    assert "Gérer les thématiques" in unescape(client.get("/thematiques").get_data(as_text=True))


def test_the_admin_link_is_hidden_from_members(client, login_as):
    login_as("member")
    assert "Gérer les thématiques" not in unescape(client.get("/thematiques").get_data(as_text=True))


# --- Adding ---------------------------------------------------------------------------------


def test_an_admin_adds_a_theme(app, client, login_as):
    login_as("admin")
    response = submit(client, "/admin/thematiques/nouvelle", NEW_THEME)
    assert response.status_code == 302
    added = theme(app, "eau-assainissement")
    assert added.name == "Eau et assainissement"
    assert added.pictogram == "environment/leaf"
    assert added.position == 13
    assert client.get("/thematiques/eau-assainissement").status_code == 200
    assert 'href="/thematiques/eau-assainissement"' in client.get("/thematiques").get_data(as_text=True)


@pytest.mark.parametrize(
    "slug, message",
    [
        ("mobilite", "Une thématique utilise déjà cet identifiant."),
        ("Eau", "L'identifiant doit compter de 3 à 60 caractères"),
        ("eau assainissement", "L'identifiant doit compter"),
        ("éau", "L'identifiant doit compter"),
        ("-eau", "L'identifiant doit compter"),
        ("eau--assainissement", "L'identifiant doit compter"),
        ("ea", "L'identifiant doit compter"),
        ("", "Indiquez un identifiant."),
    ],
)
def test_invalid_slugs_are_refused_beside_the_field(app, client, login_as, slug, message):
    login_as("admin")
    response = submit(client, "/admin/thematiques/nouvelle", {**NEW_THEME, "slug": slug})
    assert response.status_code == 422
    assert any(error.startswith(message) for error in field_errors(response.data, "slug")), \
        field_errors(response.data, "slug")
    # Values are kept.
    assert 'value="Eau et assainissement"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Theme).count() == 12


def test_an_unknown_pictogram_is_refused(client, login_as):
    login_as("admin")
    response = submit(client, "/admin/thematiques/nouvelle", {**NEW_THEME, "pictogram": "../../etc/passwd"})
    assert response.status_code == 422
    assert field_errors(response.data, "pictogram")


# --- Renaming, archiving --------------------------------------------------------------------


def test_an_admin_renames_a_theme_and_its_slug_stays(app, client, login_as):
    login_as("admin")
    url = "/admin/thematiques/mobilite/modifier"
    page = client.get(url)
    assert 'value="Mobilité"' in page.get_data(as_text=True)
    assert 'name="slug"' not in page.get_data(as_text=True)
    response = submit(client, url, {"name": "Mobilités du quotidien",
                                    "description": "Se déplacer sans voiture.",
                                    "pictogram": "map/compass", "slug": "autre-chose"})
    assert response.status_code == 302
    renamed = theme(app, "mobilite")
    assert (renamed.name, renamed.description) == ("Mobilités du quotidien", "Se déplacer sans voiture.")
    assert theme(app, "autre-chose") is None
    assert "<h1>Mobilités du quotidien</h1>" in client.get("/thematiques/mobilite").get_data(as_text=True)


def test_renaming_refuses_an_empty_name(client, login_as):
    login_as("admin")
    response = submit(client, "/admin/thematiques/mobilite/modifier",
                      {"name": "", "description": "", "pictogram": "map/compass"})
    assert response.status_code == 422
    assert field_errors(response.data, "name") == ["Indiquez un nom."]


def test_archive_and_unarchive(app, client, login_as):
    login_as("admin")
    response = submit(client, "/admin/thematiques/mobilite/archiver", form_page="/admin/thematiques")
    assert response.status_code == 302
    assert theme(app, "mobilite").is_archived
    assert 'value="mobilite"' not in client.get("/retours").get_data(as_text=True)
    assert client.get("/thematiques/mobilite").status_code == 200
    submit(client, "/admin/thematiques/mobilite/reactiver", form_page="/admin/thematiques")
    assert not theme(app, "mobilite").is_archived


def test_actions_without_a_csrf_token_are_refused(app, client, login_as):
    login_as("admin")
    assert client.post("/admin/thematiques/mobilite/archiver").status_code == 400
    assert not theme(app, "mobilite").is_archived


@pytest.mark.parametrize(
    "url", ["/admin/thematiques/inconnue/modifier", "/admin/thematiques/" + "x" * 100 + "/modifier"]
)
def test_unknown_theme_admin_is_404(client, login_as, url):
    login_as("admin")
    assert client.get(url).status_code == 404


# --- Services -------------------------------------------------------------------------------


def test_services_record_search_changes_and_keep_slugs(app_ctx):
    from pvd_network.core.changes import SearchChange

    added = services.add_theme("eau-assainissement", "Eau", "", "environment/leaf")
    services.update_theme(added, "Eau et assainissement", "Réseaux.", "environment/leaf")
    services.archive_theme(added)
    services.archive_theme(added)  # twice: no second change
    services.unarchive_theme(added)
    db.session.commit()
    assert added.slug == "eau-assainissement"
    kinds = [(c.entity, c.entity_id) for c in db.session.query(SearchChange).filter_by(entity="theme")]
    assert kinds == [("theme", added.id)] * 4
    with pytest.raises(services.ThemeError) as error:
        services.add_theme("eau-assainissement", "Doublon", "", "environment/leaf")
    assert set(error.value.errors) == {"slug"}


def test_available_pictograms_are_the_installed_dsfr_ones(app_ctx):
    names = services.available_pictograms()
    assert "health/doctor" in names and "environment/leaf" in names
    assert all("/" in name for name in names)


def test_every_problem_is_shown_at_once(client, login_as):
    login_as("admin")
    response = submit(client, "/admin/thematiques/nouvelle",
                      {"slug": "Mauvais Slug", "name": "", "pictogram": "map/compass"})
    assert response.status_code == 422
    assert field_errors(response.data, "name") == ["Indiquez un nom."]
    assert field_errors(response.data, "slug")[0].startswith("L'identifiant doit compter")


def test_the_new_theme_form_offers_the_default_pictogram(client, login_as):
    login_as("admin")
    html = client.get("/admin/thematiques/nouvelle").get_data(as_text=True)
    assert '<option selected value="document/document">' in html
