"""Search fixtures: published write-ups in the real index of the test's instance folder."""

from __future__ import annotations

import pytest

from pvd_network.extensions import db
from pvd_network.search import services as search_services
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import PUBLISHED
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _fresh_searcher():
    """Each test has its own instance folder: forget the previous test's searcher."""
    search_services.reset()
    yield
    search_services.reset()


@pytest.fixture
def author(app_ctx):
    return make_user(first_name="Claire", last_name="Martin")


@pytest.fixture
def publish(app_ctx, author):
    """``publish(title, **fields)``: a committed, published write-up (the log drains at the end)."""

    def make(title: str, status: str = PUBLISHED, **fields):
        data = {
            "title": title,
            "summary": fields.pop("summary", ""),
            "commune_insee": fields.pop("commune_insee", "55122"),
            "themes": fields.pop("themes", ["services-publics"]),
            "context": fields.pop("context", "Contexte de la commune."),
            "actions": fields.pop("actions", "Actions menées par l'équipe."),
            **fields,
        }
        writeup = writeup_services.create_writeup(author, data, status=status)
        db.session.commit()
        return writeup

    return make


@pytest.fixture
def drained(app_ctx):
    """Apply the change log to the index now (what the end of a request does)."""
    from pvd_network.search.indexer import drain

    def run():
        return drain()

    return run
