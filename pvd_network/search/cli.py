"""`flask search ...`: keep the index in step with the database."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from pvd_network.search import indexer

search_cli = AppGroup("search", help="Full-text search index (Whoosh).")


def _progress(batches):
    with click.progressbar(batches, label="Indexing", show_pos=True, show_percent=True) as bar:
        yield from bar


@search_cli.command("sync")
def sync_command() -> None:
    """Apply the changes waiting in the log (builds the index when there is none, rebuilds
    it when it was built by an earlier version with another schema)."""
    if not indexer.schema_is_current():
        click.echo("The index was built with an earlier schema: rebuilding it.")
        indexer.rebuild(progress=_progress)
    report = indexer.drain()
    if report.locked_out:
        click.echo("Another process is updating the index; it will apply the waiting changes.")
    click.echo(f"{report.applied} change(s) applied; cursor at {report.cursor}.")


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Build a fresh index from the database beside the live one, then swap it in."""
    started = time.monotonic()
    generation = indexer.rebuild(progress=_progress)
    status = indexer.index_status()
    elapsed = time.monotonic() - started
    click.echo(
        f"Index {generation.name}: {status['documents']} documents in {elapsed:.1f} s "
        f"({status['documents'] / max(elapsed, 1e-6):.0f}/s); cursor {status['cursor']}."
    )


@search_cli.command("check")
@click.option("--repair", is_flag=True, help="Fix the differences found.")
def check_command(repair: bool) -> None:
    """Compare the database and the index; report (and repair) differences."""
    result = indexer.check(repair=repair)
    if result["missing"] is None:
        click.echo("No index yet." + (" Rebuilt." if repair else " Run `flask search rebuild`."))
        return
    click.echo(
        f"{len(result['missing'])} missing from the index, {len(result['extra'])} that should not be there."
    )
    for key in result["missing"][:20]:
        click.echo(f"  missing: {key}")
    for key in result["extra"][:20]:
        click.echo(f"  extra:   {key}")
    if result["repaired"]:
        click.echo("Repaired.")
    elif result["missing"] or result["extra"]:
        raise SystemExit(1)


@search_cli.command("status")
def status_command() -> None:
    """Documents, cursor and changes waiting."""
    status = indexer.index_status()
    click.echo(f"Generation: {status['generation'] or '(none)'}")
    click.echo(f"Documents: {status['documents']}")
    click.echo(f"Cursor: {status['cursor']} (latest change: {status['latest']})")
    click.echo(f"Changes waiting: {status['waiting']}")


synonyms_cli = AppGroup("synonyms", help="The territorial vocabulary (synonym and acronym groups).")
search_cli.add_command(synonyms_cli)


@synonyms_cli.command("seed")
def seed_synonyms_command() -> None:
    """Add the programme's initial synonym groups that are missing (idempotent)."""
    from pvd_network.extensions import db
    from pvd_network.search.vocabulary import seed_synonyms

    added = seed_synonyms()
    db.session.commit()
    click.echo(f"{added} synonym group(s) added.")
