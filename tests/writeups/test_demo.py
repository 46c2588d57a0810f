"""`flask demo seed`: the demonstration write-ups (needs the full Etalab geography)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from pvd_network.extensions import db
from pvd_network.geo.services import DEFAULT_DATA_DIR, import_reference
from pvd_network.themes.catalogue import INITIAL_THEMES
from pvd_network.users.demo import ACCOUNTS
from pvd_network.writeups.demo_data import WRITEUPS
from pvd_network.writeups.importer import check_object
from pvd_network.writeups.models import DRAFT, MEMBERS, PUBLISHED, SUBMITTED, Writeup

TEXT_KEYS = ("title", "summary", "context", "actions", "results", "lessons")
FRENCH_WORDS = {"de", "la", "le", "les", "des", "et", "un", "une", "du", "en", "à", "au", "pour"}


@pytest.fixture
def full_geography(app_ctx):
    """The demo towns are not all in the small test extract: load the real data."""
    import_reference(DEFAULT_DATA_DIR)
    db.session.commit()


def demo_writeups() -> list[Writeup]:
    return list(db.session.scalars(select(Writeup).where(Writeup.external_id.like("demo:%"))))


def test_seeding_twice_gives_the_same_writeups(runner, full_geography):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert f"Write-ups: {len(WRITEUPS)} created, 0 already there" in result.output
    first = {w.external_id: w.id for w in demo_writeups()}
    assert len(first) == len(WRITEUPS) >= 25

    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert f"Write-ups: 0 created, {len(WRITEUPS)} already there" in result.output
    db.session.expire_all()
    assert {w.external_id: w.id for w in demo_writeups()} == first
    assert db.session.scalar(select(func.count()).select_from(Writeup)) == len(WRITEUPS)


def test_demo_content_covers_themes_regions_and_life_cycle(runner, full_geography):
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    writeups = demo_writeups()
    published = [w for w in writeups if w.status == PUBLISHED]
    authors = {email for email, *_rest in ACCOUNTS}
    assert all(w.author is not None and w.author.email in authors for w in writeups)

    themes_used = {t.slug for w in published for t in w.themes}
    assert themes_used == {slug for slug, *_rest in INITIAL_THEMES}
    assert len({w.region_code for w in published}) >= 8
    assert all(w.commune.population < 20000 for w in writeups)
    statuses = [w.status for w in writeups]
    assert statuses.count(PUBLISHED) >= 24
    assert statuses.count(DRAFT) >= 1 and statuses.count(SUBMITTED) >= 1
    assert 1 <= sum(w.visibility == MEMBERS for w in published) <= 2
    assert all(w.published_at is not None and w.published_at.year >= 2023 for w in published)
    assert all(w.funders and w.partners and w.budget_eur and w.stage and w.year for w in writeups)


def test_demo_data_follows_the_import_contract_and_is_french():
    for number, item in enumerate(WRITEUPS, start=1):
        line = {key: value for key, value in item.items() if key not in ("n", "author", "status")}
        record, problems = check_object(number, line)
        assert not problems, problems
        assert record is not None
        text = " ".join(item.get(key, "") for key in TEXT_KEYS)
        assert "lorem" not in text.lower() and "ipsum" not in text.lower()
        words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text.lower())
        french = sum(word in FRENCH_WORDS for word in words)
        assert french / len(words) > 0.12, item["title"]
    assert [item["n"] for item in WRITEUPS] == list(range(1, len(WRITEUPS) + 1))
