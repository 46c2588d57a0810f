"""Every page type is valid HTML for the Nu validator (vnu.jar from npm), checked in one batch."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One URL per page type, as visitors see them. Each feature adds its pages here.
PAGES = {
    "home": "/",
    "commune": "/communes/55122",
    "accessibility": "/accessibilite",
    "legal-notice": "/mentions-legales",
    "personal-data": "/donnees-personnelles",
    "not-found": "/nulle-part",
    "writeups-listing": "/retours?theme=mobilite&region=44&stage=realise",
    "writeups-listing-useful": "/retours?sort=utiles",  # discussions: tests/discussions/test_html_validity.py
    "themes": "/thematiques",
    "theme": "/thematiques/mobilite?region=44",
    "region": "/territoires/44",
    "department": "/territoires/44/55",
    "search": "/recherche?q=maison&theme=acces-aux-soins",
}


@pytest.fixture(autouse=True)
def _search_results(app):
    """A published write-up, so the search page shows results and facets (the index is
    built when this context ends)."""
    from tests.factories import make_user, make_writeup

    with app.app_context():
        make_writeup(make_user(), title="Une maison de santé pluridisciplinaire")


def validate(files: list[Path]) -> list[dict]:
    """Run vnu once over ``files``; return its error messages."""
    java = shutil.which("java")
    assert java, "Java is needed by the HTML validator: `make test` installs default-jre-headless"
    assert VNU_JAR.exists(), "vnu.jar missing: run `npm ci`"
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(completed.stderr or "{}").get("messages", [])


def test_every_page_type_is_valid_html(client, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = client.get(url, headers={"Accept-Language": "fr"})
        assert response.status_code in (200, 404), f"{url}: {response.status_code}"
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.data)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
