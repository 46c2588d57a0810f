"""`flask writeups import|export`: write-ups as JSON Lines (shared/IMPORT_FORMAT.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from pvd_network.extensions import db
from pvd_network.writeups import exchange, importer

writeups_cli = AppGroup("writeups", help="Write-ups: import and export as JSON Lines.")
MAX_ERRORS_SHOWN = 200


def _report_errors(parsed: importer.Parsed) -> None:
    for error in parsed.errors[:MAX_ERRORS_SHOWN]:
        click.echo(f"  {error}", err=True)
    if len(parsed.errors) > MAX_ERRORS_SHOWN:
        click.echo(f"  … and {len(parsed.errors) - MAX_ERRORS_SHOWN} more errors.", err=True)


def _count(steps: list[exchange.Step], action: str) -> int:
    return sum(1 for step in steps if step.action == action)


@writeups_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid lines even when others are invalid.")
@click.option("--author", "author_email", metavar="EMAIL",
              help="Author of the lines without author_email (default: the first administrator).")
def import_command(file: Path, dry_run: bool, skip_invalid: bool, author_email: str | None) -> None:
    """Import (or update, by external_id) published write-ups from a JSON Lines file."""
    parsed = importer.parse(file)
    invalid = parsed.invalid_lines
    click.echo(f"{file}: {parsed.lines} lines, {len(parsed.records)} valid, {len(invalid)} invalid.")
    if invalid:
        _report_errors(parsed)
        if not skip_invalid:
            raise click.ClickException(
                f"Nothing imported: {len(invalid)} invalid lines (fix them, or use --skip-invalid)."
            )
        click.echo(f"Skipping the invalid lines: {', '.join(map(str, invalid[:50]))}"
                   + (" …" if len(invalid) > 50 else "") + ".", err=True)
    if not parsed.records:
        click.echo("Nothing to import.")
        if invalid:
            sys.exit(1)
        return

    steps = exchange.plan(parsed.records)
    writer = exchange.Writer()
    if author_email:
        writer.default_author = exchange.find_author(author_email)
        if writer.default_author is None:
            raise click.ClickException(f"--author: no member with the address {author_email}.")
    elif exchange.needs_default_author(steps):
        writer.default_author = exchange.first_admin()
        if writer.default_author is None:
            lines = [str(s.record.line) for s in steps
                     if s.action == exchange.CREATE and not s.record.author_email]
            raise click.ClickException(
                "No author for the lines without author_email "
                f"({', '.join(lines[:20])}{' …' if len(lines) > 20 else ''}): there is no administrator "
                "account; pass --author EMAIL or create one with `flask users create-admin`."
            )

    created, updated, unchanged = (
        _count(steps, action) for action in (exchange.CREATE, exchange.UPDATE, exchange.UNCHANGED)
    )
    if dry_run:
        click.echo(f"Dry run: {created} would be created, {updated} updated, {unchanged} unchanged. "
                   "Nothing written.")
        return

    try:
        with click.progressbar(steps, label="Importing", show_pos=True) as bar:
            for step in bar:
                writer(step)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(f"{created} created, {updated} updated, {unchanged} unchanged.")


@writeups_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_command(file: Path) -> None:
    """Write the published write-ups to a JSON Lines file (the import format)."""
    total = db.session.scalar(select(func.count()).select_from(exchange.published_for_export().subquery()))
    written = 0
    lines = exchange.export_lines()
    with (
        open(file, "w", encoding="utf-8", newline="\n") as out,
        click.progressbar(lines, length=total, label="Exporting", show_pos=True) as bar,
    ):
        for line in bar:
            out.write(line + "\n")
            written += 1
    click.echo(f"{written} write-ups written to {file}.")
