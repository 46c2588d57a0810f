"""The XSS corpus in every member-written field of a write-up: page, history, preview, editor preview."""
from __future__ import annotations

import re

import pytest

from pvd_network.extensions import db
from pvd_network.writeups import services
from pvd_network.writeups.models import Writeup
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import make_user
from tests.helpers import page_token
from tests.writeups.conftest import editor_form, main_html, new_writeup, post_editor

SECTIONS = ("context", "actions", "results", "lessons")


def content(vector: str) -> dict:
    """The vector in every text field a member writes."""
    return {
        # The title must stay between 5 and 200 characters; the vector is what matters.
        "title": f"Titre {vector}"[:200],
        "summary": vector,
        **{section: f"Texte. {vector}\n\n{vector}" for section in SECTIONS},
        "funders": [vector, "Banque des territoires"],
        "partners": [vector],
    }


@pytest.fixture
def owner(app):
    with app.app_context():
        return make_user(first_name="Claire", last_name="Martin")


def test_the_page_and_the_history_stay_inert(app, client, owner):
    """One write-up per vector (one app for all: the messages name the vector that failed)."""
    for vector in VECTORS:
        writeup = new_writeup(app, owner, **content("version initiale"))
        with app.app_context():
            stored = db.session.get(Writeup, writeup.id)
            services.update_writeup(stored, content(vector), editor=None)
            db.session.commit()
            slug = stored.slug
        page = client.get(f"/retours/{writeup.id}-{slug}")
        assert page.status_code == 200, vector
        assert_inert(main_html(page), f"page {vector!r}")
        history = client.get(f"/retours/{writeup.id}-{slug}/historique")
        assert history.status_code == 200, vector
        assert_inert(main_html(history), f"history {vector!r}")


def test_the_preview_endpoint_stays_inert(client, login_as):
    login_as("member")
    token = page_token(client, "/retours/nouveau")
    for vector in VECTORS:
        response = client.post("/retours/apercu", data={"markdown": vector}, headers={"X-CSRFToken": token})
        assert response.status_code == 200
        assert_inert(response.get_json()["html"], f"preview {vector!r}")


def test_the_editor_preview_stays_inert(client, login_as):
    login_as("member")
    for vector in VECTORS:
        fields = {section: vector for section in SECTIONS}
        response = post_editor(client, "/retours/nouveau", editor_form(action="preview", **fields))
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        previews = re.findall(r"data-preview-body[^>]*>(.*?)</div>\s*</div>", html, re.S)
        assert len(previews) == len(SECTIONS)
        for preview in previews:
            assert_inert(preview, f"editor preview {vector!r}")


def test_refused_values_come_back_escaped_in_the_editor(client, login_as):
    login_as("member")
    vector = '"><script>alert(1)</script>'
    response = post_editor(client, "/retours/nouveau", editor_form(title=vector, year="1"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&#34;&gt;&lt;script&gt;" in html or "&quot;&gt;&lt;script&gt;" in html
