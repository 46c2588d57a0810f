"""The audit log page: filters by moderator, action and dates, pagination, région scope, CSV export
safe from spreadsheet formulas; nothing in the interface changes it."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.moderation.audit import record, safe_cell
from pvd_network.moderation.models import ModerationAction
from tests.moderation.conftest import as_user, decide, new_writeup, text


def seed(app, cast) -> None:
    """Audit lines by two moderators in two régions, one automatic, one a month old."""
    with app.app_context():
        from pvd_network.auth.models import User

        marc = db.session.get(User, cast.moderator.id)
        brigitte = db.session.get(User, cast.other_moderator.id)
        record("hide", "writeup", 1, by=marc, region_code="44", before="published", after="published:hidden",
               reason="=HYPERLINK(\"http://evil.example\";\"clic\")")
        record("warn", "user", 2, by=marc, region_code="44", reason="Restez courtois.")
        record("auto_hide", "comment", 3, by=None, region_code="44", reason="Masqué automatiquement.")
        record("reject", "writeup", 4, by=brigitte, region_code="53", reason="Hors sujet breton.")
        old = record("lock", "writeup", 5, by=marc, region_code="44", reason="Vieux verrou.")
        old.created_at = utcnow() - timedelta(days=40)
        db.session.commit()


def test_journal_filters_and_scope(app, client, cast):
    seed(app, cast)
    as_user(client, cast.admin)
    body = text(client.get("/moderation/journal"))
    assert "5 actions." in body
    assert "Hors sujet breton." in body and "Automatique" in body

    body = text(client.get(f"/moderation/journal?moderateur={cast.moderator.id}"))
    assert "3 actions." in body and "Hors sujet breton." not in body
    body = text(client.get("/moderation/journal?moderateur=auto"))
    assert "1 action." in body and "Masqué automatiquement." in body
    body = text(client.get("/moderation/journal?action=warn"))
    assert "1 action." in body and "Restez courtois." in body
    today = utcnow().date()
    body = text(client.get(f"/moderation/journal?du={(today - timedelta(days=7)).isoformat()}"))
    assert "4 actions." in body and "Vieux verrou." not in body
    body = text(client.get(f"/moderation/journal?au={(today - timedelta(days=30)).strftime('%d/%m/%Y')}"))
    assert "1 action." in body and "Vieux verrou." in body

    # A Grand Est moderator sees the Grand Est lines only.
    as_user(client, cast.moderator)
    body = text(client.get("/moderation/journal"))
    assert "4 actions." in body and "Hors sujet breton." not in body


def test_bad_filters_are_explained_and_ignored(app, client, cast):
    seed(app, cast)
    as_user(client, cast.admin)
    response = client.get("/moderation/journal?moderateur=abc&action=tout-casser&du=32/13/2024&au=hier")
    assert response.status_code == 400
    body = text(response)
    assert "Choisissez un membre de l'équipe dans la liste." in body
    assert "Choisissez une action dans la liste." in body
    assert body.count("Saisissez une date valide") == 2
    assert "5 actions." in body
    response = client.get("/moderation/journal?du=2025-03-10&au=2025-03-01")
    assert "La date de fin doit suivre la date de début." in text(response)
    assert client.get("/moderation/journal?page=abc").status_code == 200
    assert client.get("/moderation/journal.csv?du=nimporte").status_code == 400


def test_journal_is_paginated(app, client, cast):
    with app.app_context():
        for n in range(55):
            record("warn", "user", n, by=None, region_code="44", reason=f"Ligne {n}")
        db.session.commit()
    as_user(client, cast.admin)
    first = text(client.get("/moderation/journal"))
    assert "55 actions." in first and "Ligne 54" in first and "Ligne 4 " not in first
    second = text(client.get("/moderation/journal?page=2"))
    assert "Ligne 4 " in second and "Ligne 54" not in second


def test_csv_export(app, client, cast):
    seed(app, cast)
    as_user(client, cast.moderator)
    response = client.get(f"/moderation/journal.csv?moderateur={cast.moderator.id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="journal-moderation-')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["date", "moderateur", "action", "cible", "identifiant", "region", "statut_avant",
                       "statut_apres", "motif"]
    assert len(rows) == 4
    hide = next(row for row in rows if row[2] == "Masquage")
    assert hide[1] == "Marc Dubois" and hide[3] == "Retour d'expérience"
    # A formula in a reason is neutralised: the cell starts with an apostrophe.
    assert hide[8] == "'=HYPERLINK(\"http://evil.example\";\"clic\")"


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+33 6 12") == "'+33 6 12"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Motif normal") == "Motif normal"
    assert safe_cell(None) == ""


def test_nothing_edits_or_deletes_the_journal(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    as_user(client, cast.moderator)
    decide(client, f"/moderation/retours/{writeup_id}", "publish", "Très bien.")
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)("/moderation/journal").status_code == 405
    assert client.post("/moderation/journal").status_code in (400, 405)  # CSRF refuses it first, or 405
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(ModerationAction)) == 1
    rules = [rule for rule in app.url_map.iter_rules() if "journal" in rule.rule]
    assert {method for rule in rules for method in rule.methods} <= {"GET", "HEAD", "OPTIONS"}
