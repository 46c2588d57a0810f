"""`flask notifications ...`: digests, retries of failed emails, saved-search alerts (cron-able)."""
from __future__ import annotations

import contextlib

import click
from flask import current_app
from flask.cli import AppGroup

from pvd_network.notifications import emails, saved_searches
from pvd_network.notifications.models import DAILY, WEEKLY
from pvd_network.search.store import IndexUnavailable

notifications_cli = AppGroup(
    "notifications", help="Notification emails: digests, retries, saved-search alerts."
)

BASE_URL_HELP = "Public address of the site, for the links in mails (default: PVD_BASE_URL or SERVER_NAME)."


def _links(base_url: str | None):
    """A context in which ``url_for(..., _external=True)`` gives the site's public links."""
    if current_app.config.get("SERVER_NAME") and not base_url:
        return contextlib.nullcontext()
    base_url = base_url or current_app.config.get("BASE_URL")
    if not base_url:
        raise click.ClickException(
            "Mails carry absolute links: set PVD_BASE_URL (e.g. https://reseau-pvd.anct.gouv.fr) "
            "or pass --base-url."
        )
    return current_app.test_request_context("/", base_url=base_url)


def _progress(label: str):
    def progress(items):
        with click.progressbar(items, label=label, show_pos=True) as bar:
            yield from bar

    return progress


def _retry() -> None:
    report = emails.send_due()
    click.echo(
        f"Immediate emails: {report.sent} sent, {report.failed} failed, {report.dropped} no longer due."
    )


def _saved_searches() -> None:
    try:
        created = saved_searches.check_all(progress=_progress("Saved searches"))
    except IndexUnavailable as error:
        message = f"Search index unavailable ({error}); run `flask search rebuild`."
        raise click.ClickException(message) from error
    click.echo(f"Saved searches: {created} notification(s) created.")


@notifications_cli.command("send-digests")
@click.option("--period", type=click.Choice([DAILY, WEEKLY]), required=True,
              help="daily: every morning; weekly: once a week.")
@click.option("--base-url", help=BASE_URL_HELP)
@click.option("--skip-saved-searches", is_flag=True, help="Do not check saved searches first.")
def send_digests(period: str, base_url: str | None, skip_saved_searches: bool) -> None:
    """Check saved searches, retry failed emails, then mail each member one digest of the
    notifications waiting for ``period`` (each notification is mailed once)."""
    with _links(base_url):
        if not skip_saved_searches:
            _saved_searches()
        _retry()
        report = emails.send_digests(period, progress=_progress(f"{period.capitalize()} digests"))
    click.echo(
        f"Digests: {report.sent} sent, {report.failed} failed, {report.dropped} notification(s) dropped."
    )


@notifications_cli.command("retry")
@click.option("--base-url", help=BASE_URL_HELP)
def retry(base_url: str | None) -> None:
    """Send again the immediate emails whose sending failed (up to 5 attempts each)."""
    with _links(base_url):
        _retry()


@notifications_cli.command("saved-searches")
@click.option("--base-url", help=BASE_URL_HELP)
def check_saved_searches(base_url: str | None) -> None:
    """Notify members of write-ups published since their saved searches were last checked."""
    with _links(base_url):
        _saved_searches()
