"""`flask geo ...`: load the reference geography."""
from __future__ import annotations

import time
from pathlib import Path

import click
from flask.cli import AppGroup

from pvd_network.extensions import db
from pvd_network.geo import services

geo_cli = AppGroup("geo", help="Reference geography (régions, départements, communes).")


@geo_cli.command("import")
@click.option(
    "--data-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with regions.json, departements.json and communes.json "
    "(default: the pinned @etalab/decoupage-administratif package).",
)
def import_command(data_dir: Path | None) -> None:
    """Load or update régions, départements and communes (idempotent)."""
    started = time.monotonic()
    directory = data_dir or services.data_dir()
    if not (directory / "communes.json").exists():
        raise click.ClickException(
            f"No communes.json in {directory}: run `npm ci` (make run does) or pass --data-dir."
        )

    def progress(chunks):
        with click.progressbar(chunks, label="Communes", show_pos=True) as bar:
            yield from bar

    report = services.import_reference(directory, progress=progress)
    db.session.commit()
    click.echo(
        f"{report.regions} régions, {report.departments} départements, "
        f"{report.communes_total} communes ({report.communes_added} added, "
        f"{report.communes_updated} updated, {report.communes_removed} removed) "
        f"in {time.monotonic() - started:.1f} s."
    )
