"""`flask users ...`: administrators, roles and the list of accounts."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from pvd_network.auth import administration, personal_data
from pvd_network.auth.models import ROLE_ADMIN, ROLES, User
from pvd_network.auth.passwords import password_problem
from pvd_network.auth.services import FieldErrors, find_by_email
from pvd_network.extensions import db

users_cli = AppGroup("users", help="Member accounts: administrators, roles, list.")


def _read_password(from_stdin: bool, email: str) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, email=email)
    if problem:
        raise click.ClickException(problem)
    return password


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--first-name", default="Administrateur", show_default=True)
@click.option("--last-name", default="Réseau PVD", show_default=True)
def create_admin(email: str, password_stdin: bool, first_name: str, last_name: str) -> None:
    """Create an administrator account, confirmed and active at once."""
    password = _read_password(password_stdin, email)
    try:
        user = administration.create_confirmed_account(
            email, password, role=ROLE_ADMIN, first_name=first_name, last_name=last_name
        )
    except FieldErrors as error:
        raise click.ClickException(f"{error} Use `flask users set-role {email} admin`.") from error
    db.session.commit()
    click.echo(f"Administrator #{user.id} {user.email} created.")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(sorted(ROLES)))
@click.option("--region", "regions", multiple=True, metavar="CODE",
              help="Limit a moderator to this région (INSEE code, e.g. 44); repeat for several.")
def set_role(email: str, role: str, regions: tuple[str, ...]) -> None:
    """Give an account a role; moderators may be limited to some régions."""
    user = find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the address {email}.")
    if regions and role != "moderator":
        raise click.ClickException("--region only applies to the moderator role.")
    try:
        administration.set_role(None, user, role, list(regions))
    except (FieldErrors, administration.NotAllowed) as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    scope = ", ".join(r.name for r in user.moderated_regions) or "all régions"
    click.echo(f"{user.email}: {role}" + (f" ({scope})" if role == "moderator" else "") + ".")


@users_cli.command("list")
def list_users() -> None:
    """Every account: id, address, role, status, name."""
    users = db.session.scalars(select(User).order_by(User.id)).all()
    if not users:
        click.echo("No accounts yet.")
        return
    for user in users:
        regions = ",".join(r.code for r in user.moderated_regions)
        role = f"{user.role}[{regions}]" if regions else user.role
        email = user.email or "-"
        click.echo(f"{user.id:>5}  {email:<40}  {role:<16}  {user.status:<12}  {user.display_name}")


@users_cli.command("purge")
def purge() -> None:
    """Erase accounts unused for 3 years and registrations unconfirmed after 7 days (daily cron)."""
    counts = personal_data.purge()
    db.session.commit()
    click.echo(f"{counts['inactive']} inactive and {counts['unconfirmed']} unconfirmed accounts erased.")
