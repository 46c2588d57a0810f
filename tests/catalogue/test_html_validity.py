"""Browsing pages are valid HTML (Nu validator) with real cards, pagination and forms with errors."""
from __future__ import annotations

from pathlib import Path

from pvd_network.extensions import db
from pvd_network.themes.services import archive_theme, get_by_slug
from tests.factories import make_user, make_writeup
from tests.helpers import submit
from tests.test_html_validity import validate


def test_browsing_pages_are_valid_html(app, client, login_as, tmp_path):
    with app.app_context():
        author = make_user(first_name="Alix", last_name="Autrice")
        author_id = author.id
        for n in range(22):
            make_writeup(author, title=f"Retour {n} : « guillemets » & <chevrons>",
                         themes=["mobilite", "numerique"], commune_insee=["55122", "10387"][n % 2],
                         stage=["idee", "en-cours", "realise", None][n % 4])
        archive_theme(get_by_slug("numerique"))
        db.session.commit()
    pages: dict[str, bytes] = {}

    def get(name: str, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[name] = response.data

    for name, url in {
        "listing": "/retours",
        "listing-page-2": "/retours?page=2&theme=mobilite",
        "listing-empty": "/retours?stage=idee&region=53",
        "themes": "/thematiques",
        "theme": "/thematiques/mobilite",
        "theme-archived": "/thematiques/numerique",
        "region": "/territoires/44",
        "department": "/territoires/44/55",
        "commune": "/communes/55122",
        "commune-page-2": "/communes/55122?page-retours=2",
    }.items():
        get(name, url)
    login_as("admin")
    get("profile", f"/membres/{author_id}")
    get("admin-themes", "/admin/thematiques")
    get("admin-theme-new", "/admin/thematiques/nouvelle")
    get("admin-theme-edit", "/admin/thematiques/mobilite/modifier")
    pages["admin-theme-errors"] = submit(
        client, "/admin/thematiques/nouvelle", {"slug": "Mobilité", "name": "", "pictogram": "map/compass"}
    ).data

    files = []
    for name, body in pages.items():
        path = Path(tmp_path) / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
