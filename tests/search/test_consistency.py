"""The index follows the database through the change log, whatever happens."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select, text

from pvd_network.core.changes import SearchChange
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.search import indexer, services
from pvd_network.search.store import IndexUnavailable, current_generation
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import MEMBERS, SUBMITTED
from tests.conftest import PROJECT_ROOT


def found(query: str, viewer=None) -> list[str]:
    return [hit.writeup.title for hit in services.search(query, viewer=viewer).hits]


def test_every_content_change_appends_to_the_log_in_its_transaction(app_ctx, publish, author):
    writeup = publish("Covoiturage solidaire", status=SUBMITTED)
    kinds = db.session.execute(select(SearchChange.entity, SearchChange.entity_id)).all()
    assert ("writeup", writeup.id) in kinds
    before = db.session.scalar(select(SearchChange.seq).order_by(SearchChange.seq.desc()).limit(1))
    writeup_services.publish(writeup, by=None)
    db.session.rollback()  # the publication is abandoned: so is its log row
    after = db.session.scalar(select(SearchChange.seq).order_by(SearchChange.seq.desc()).limit(1))
    assert after == before


def test_the_end_of_an_application_context_drains_the_log(app, author):
    with app.app_context():
        writeup_services.create_writeup(
            db.session.merge(author),
            {
                "title": "Navette électrique gratuite",
                "commune_insee": "55122",
                "themes": ["mobilite"],
                "context": "C",
                "actions": "A",
            },
            status="published",
        )
        db.session.commit()
    with app.app_context():
        assert found("navette") == ["Navette électrique gratuite"]


def test_unpublish_hide_and_visibility(app_ctx, publish, drained, author):
    kept = publish("Jardins partagés du quartier de la gare")
    hidden = publish("Jardins familiaux en bord de Meuse")
    members = publish("Jardin pédagogique de l'école", visibility=MEMBERS)
    drained()
    assert len(found("jardin")) == 2
    assert len(found("jardin", viewer=author)) == 3
    hidden.hidden_at = utcnow()
    from pvd_network.core.changes import DELETE, record_change

    record_change("writeup", hidden.id, DELETE)
    writeup_services.archive(members, by=author)
    db.session.commit()
    drained()
    assert found("jardin", viewer=author) == [kept.title]


def test_cursor_stops_at_a_recent_gap_and_steps_over_an_old_one(app_ctx, publish, drained):
    publish("Premier retour")
    drained()
    generation = current_generation()
    cursor = generation.read_cursor()
    # A transaction holding cursor+1 has not committed yet; cursor+2 is visible already.
    db.session.add(SearchChange(seq=cursor + 2, entity="writeup", entity_id=999, kind="upsert"))
    db.session.commit()
    report = indexer.drain()
    assert report.applied == 1
    assert generation.read_cursor() == cursor  # never past the gap
    # The missing number shows up (the slow transaction commits): the cursor moves on.
    db.session.add(SearchChange(seq=cursor + 1, entity="writeup", entity_id=998, kind="upsert"))
    db.session.commit()
    indexer.drain()
    assert generation.read_cursor() == cursor + 2
    # A gap whose next change is older than the grace period is a rolled-back transaction.
    db.session.add(
        SearchChange(
            seq=cursor + 4,
            entity="writeup",
            entity_id=997,
            kind="upsert",
            created_at=utcnow() - timedelta(minutes=5),
        )
    )
    db.session.commit()
    indexer.drain()
    assert generation.read_cursor() == cursor + 4


def test_out_of_order_commits_never_make_the_cursor_skip_a_change(app, app_ctx, publish, drained, author):
    """Two real transactions: the one holding the lower sequence number commits last."""
    publish("Amorce")
    drained()
    slow = db.engine.connect()
    fast = db.engine.connect()
    try:
        slow_tx = slow.begin()
        if db.engine.dialect.name == "postgresql":
            # PostgreSQL hands out sequence numbers at insert time: slow takes n, fast n+1.
            slow.execute(
                text(
                    "INSERT INTO search_changes (entity, entity_id, kind, created_at) "
                    "VALUES ('writeup', 501, 'upsert', now())"
                )
            )
            with fast.begin():
                fast.execute(
                    text(
                        "INSERT INTO search_changes (entity, entity_id, kind, created_at) "
                        "VALUES ('writeup', 502, 'upsert', now())"
                    )
                )
            cursor_before = current_generation().read_cursor()
            indexer.drain()
            assert current_generation().read_cursor() == cursor_before  # the gap holds it back
            slow_tx.commit()
        else:
            # SQLite serialises writers: the second one can only write after the first commits,
            # so sequence numbers always become visible in order.
            slow.execute(
                text(
                    "INSERT INTO search_changes (entity, entity_id, kind, created_at) "
                    "VALUES ('writeup', 501, 'upsert', CURRENT_TIMESTAMP)"
                )
            )
            slow_tx.commit()
            with fast.begin():
                fast.execute(
                    text(
                        "INSERT INTO search_changes (entity, entity_id, kind, created_at) "
                        "VALUES ('writeup', 502, 'upsert', CURRENT_TIMESTAMP)"
                    )
                )
        indexer.drain()
        latest = db.session.scalar(select(SearchChange.seq).order_by(SearchChange.seq.desc()).limit(1))
        assert current_generation().read_cursor() == latest
    finally:
        slow.close()
        fast.close()


def test_two_processes_publishing_concurrently_lose_no_update(app, app_ctx, author, publish, drained):
    publish("Amorce")
    drained()
    command = [
        sys.executable,
        "-m",
        "tests.search.publisher",
        app.instance_path,
        app.config["SQLALCHEMY_DATABASE_URI"],
        str(author.id),
    ]
    processes = [
        subprocess.Popen([*command, prefix, "15"], cwd=PROJECT_ROOT) for prefix in ("Alpha", "Bravo")
    ]
    assert [p.wait(timeout=180) for p in processes] == [0, 0]
    indexer.drain()
    services.reset()
    assert services.search("alpha").total == 15
    assert services.search("bravo").total == 15
    assert indexer.check()["missing"] == []


def test_rebuild_swaps_in_a_new_generation_while_search_keeps_serving(app_ctx, publish, drained):
    publish("Halle gourmande rénovée")
    drained()
    old = current_generation()
    assert found("halle") == ["Halle gourmande rénovée"]
    new = indexer.rebuild()
    assert new.name != old.name and current_generation().name == new.name
    assert not old.path.exists()
    assert found("halle") == ["Halle gourmande rénovée"]  # the cached searcher noticed the swap


def test_status_and_check_repair(app_ctx, publish, drained):
    market = publish("Marché de producteurs locaux")
    publish("Épicerie solidaire")
    drained()
    status = indexer.index_status()
    assert status["documents"] == 2 and status["waiting"] == 0
    index = current_generation().open()
    with index.writer() as writer:
        writer.delete_by_term("key", f"writeup:{market.id}")
        writer.add_document(
            key="writeup:424242",
            kind="writeup",
            writeup_id=424242,
            title="fantôme",
            region="44",
            department="55",
            visibility="public",
            theme_set="",
            stage="",
            year=0,
        )
    result = indexer.check()
    assert len(result["missing"]) == 1 and result["extra"] == ["writeup:424242"]
    indexer.check(repair=True)
    assert indexer.check()["missing"] == [] and indexer.check()["extra"] == []


def test_cli_commands(app, runner, app_ctx, publish, drained):
    publish("Tiers-lieu numérique")
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    assert "Changes waiting: 0" in runner.invoke(args=["search", "status"]).output
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert "0 missing" in runner.invoke(args=["search", "check"]).output


def test_missing_or_corrupt_index_raises_index_unavailable(app_ctx, publish, drained):
    publish("Maison France services")
    drained()
    generation = current_generation()
    for toc in generation.path.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    services.reset()
    try:
        services.search("maison")
    except IndexUnavailable:
        pass
    else:
        raise AssertionError("a corrupt index must raise IndexUnavailable")
    indexer.rebuild()
    services.reset()
    assert found("maison") == ["Maison France services"]


def test_theme_and_author_renames_reach_the_index(app_ctx, publish, drained, author):
    from pvd_network.auth.services import set_names
    from pvd_network.themes.services import get_by_slug, update_theme

    publish("Navette entre les hameaux", themes=["mobilite"])
    drained()
    assert found("auteur:martin") == ["Navette entre les hameaux"]
    theme = get_by_slug("mobilite")
    update_theme(theme, "Déplacements du quotidien", theme.description, theme.pictogram)
    from pvd_network.auth.models import User

    set_names(db.session.get(User, author.id), "Claire", "Rousseau")  # factories hand out detached rows
    db.session.commit()
    drained()
    assert found("quotidien") == ["Navette entre les hameaux"]
    assert found("auteur:rousseau") == ["Navette entre les hameaux"]
    assert found("auteur:martin") == []
