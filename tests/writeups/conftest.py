"""Shared helpers of the write-up tests: a complete editor form, files, and reading pages."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.factories import make_writeup
from tests.helpers import page_token


def editor_form(**changes) -> dict:
    """A complete, valid editor submission (without the CSRF token)."""
    data = {
        "title": "Une boutique à l'essai rue Raymond-Poincaré",
        "summary": "La commune loue un local vacant à prix réduit pendant un an à un commerçant.",
        "commune": "Commercy (55122)",
        "themes": ["commerce-centre-ville", "economie-emploi"],
        "context": "Douze cellules vides dans la rue principale.",
        "actions": "1. Achat du local\n2. Appel à candidatures\n3. Accompagnement par la CCI",
        "results": "Trois boutiques **ouvertes** en deux ans.",
        "lessons": "Choisir des baux souples.",
        "budget_eur": "120 000",
        "funders": "Banque des territoires, Région Grand Est\nDépartement de la Meuse",
        "partners": "CCI Meuse Haute-Marne",
        "stage": "realise",
        "year": "2022",
        "visibility": "public",
        "action": "save",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_editor(client, url: str, data: dict, files: dict | None = None, token: str | None = None):
    """POST the editor (multipart, like the browser), with a valid CSRF token."""
    payload = {"csrf_token": token or page_token(client, "/mes-retours"), **data}
    for name, items in (files or {}).items():
        payload[name] = [(io.BytesIO(content), filename) for filename, content in items]
    return client.post(url, data=payload, content_type="multipart/form-data")


def image_bytes(fmt: str = "PNG", size=(64, 48), color="orange", exif=None) -> bytes:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, fmt, **kwargs)
    return out.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def main_html(response) -> str:
    """The <main> element of a page: where member-written content is shown."""
    text = response.get_data(as_text=True)
    match = re.search(r"<main\b.*?</main>", text, re.S)
    assert match, "no <main> in the page"
    return match.group(0)


def new_writeup(app, author=None, **fields) -> Writeup:
    """:func:`tests.factories.make_writeup`, loaded and detached: readable outside the app context."""
    with app.app_context():
        writeup = make_writeup(author, **fields)
        db.session.refresh(writeup)
        _ = (writeup.themes, writeup.attachments, writeup.commune, writeup.author)
        db.session.expunge(writeup)
        return writeup


def only_writeup(app) -> Writeup:
    with app.app_context():
        writeups = list(db.session.scalars(db.select(Writeup)))
        assert len(writeups) == 1, writeups
        writeup = writeups[0]
        db.session.expunge(writeup)
        return writeup


@pytest.fixture
def author(login_as):
    """A member of Commercy, signed in."""
    return login_as("member", first_name="Claire", last_name="Martin")
