"""`flask demo seed`: realistic demonstration content for `make run`.

This package sits above every feature: each feature that has demo content provides an
idempotent ``seed_demo()`` in its services, listed here explicitly, in dependency order.
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

from pvd_network.extensions import db

demo_cli = AppGroup("demo", help="Demonstration content.")


def seed_steps() -> list[tuple[str, object]]:
    """The seeding steps, in dependency order: (label, callable returning a summary)."""
    from pvd_network.discussions.demo import seed_demo as seed_discussions
    from pvd_network.users.services import seed_demo as seed_members
    from pvd_network.writeups.demo import seed_demo as seed_writeups

    return [
        ("Members", seed_members),
        ("Write-ups", seed_writeups),
        ("Discussions", seed_discussions),
    ]


@demo_cli.command("seed")
def seed_command() -> None:
    """Add the demonstration content that is missing (idempotent)."""
    steps = seed_steps()
    if not steps:
        click.echo("Nothing to seed yet.")
        return
    summaries = []
    with click.progressbar(steps, label="Demo content", item_show_func=lambda s: s and s[0]) as bar:
        for label, step in bar:
            summaries.append((label, step()))
            db.session.commit()
    for label, summary in summaries:
        click.echo(f"- {label}: {summary}")
