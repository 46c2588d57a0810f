"""`flask demo seed` adds the demonstration members once; the home page counts members."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.users import demo
from tests.helpers import submit


def test_seed_is_idempotent_and_prints_the_demo_passwords(app, runner):
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    assert f"{len(demo.ACCOUNTS)} created, 0 already there" in first.output
    for account in demo.ACCOUNTS:
        assert account[0] in first.output
    assert demo.ADMIN_PASSWORD in first.output and demo.MODERATOR_PASSWORD in first.output
    second = runner.invoke(args=["demo", "seed"])
    assert f"0 created, {len(demo.ACCOUNTS)} already there" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == len(demo.ACCOUNTS)
        roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
        assert roles == {"admin": 1, "moderator": 1, "member": len(demo.ACCOUNTS) - 2}
        commercy = db.session.scalar(select(User).where(User.commune_insee == "55122"))
        assert commercy.display_name == "Claire Martin" and "<strong>" in commercy.bio_html
        communes = db.session.scalar(select(func.count(func.distinct(User.commune_insee))))
        assert communes == len(demo.ACCOUNTS)


def test_demo_accounts_can_sign_in(app, runner, client):
    runner.invoke(args=["demo", "seed"])
    response = submit(
        client, "/connexion", {"email": "anne.lambert@anct.example.fr", "password": demo.ADMIN_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/membres").status_code == 200


def test_home_page_counts_active_members_and_where_they_come_from(app, runner, client):
    def figure(html, key):
        return re.search(rf'id="chiffre-{key}">([^<]*)<', html).group(1)

    html = client.get("/").get_data(as_text=True)
    assert figure(html, "members") == "0"
    runner.invoke(args=["demo", "seed"])
    with app.app_context():
        db.session.add(User(email="pas.confirme@example.org", status="unconfirmed", commune_insee="29019"))
        db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert figure(html, "members") == str(len(demo.ACCOUNTS))
    assert figure(html, "communes_represented") == str(len({a[5] for a in demo.ACCOUNTS}))
    assert figure(html, "regions_represented") == "9"
    assert figure(html, "regions") == "26"  # the reference geography is still shown
