"""Application factory: :func:`create_app` reads as a list of named steps."""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pvd_network.config import (
    CONFIGS,
    PROJECT_ROOT,
    instance_path_from_env,
    load_or_create_secret_key,
    normalise_database_url,
)
from pvd_network.extensions import babel, csrf, db, limiter, login_manager, mail, migrate, talisman

# The Content-Security-Policy: no inline script or style anywhere, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:"],
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Réseau PVD application; ``config`` overrides settings (tests)."""
    config = dict(config or {})
    instance_path = config.pop("INSTANCE_PATH", None) or instance_path_from_env()
    app = Flask(
        "pvd_network",
        instance_path=str(instance_path),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    configure(app, config)
    register_request_handling(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_context(app)
    register_signal_receivers(app)
    register_search(app)
    register_cli(app)
    return app


def configure(app: Flask, overrides: Mapping[str, Any]) -> None:
    """Load the config class, then ``PVD_*`` variables, then explicit overrides."""
    env_name = os.environ.get("PVD_ENV", "production")
    app.config.from_object(CONFIGS.get(env_name, CONFIGS["production"]))
    app.config.from_prefixed_env(prefix="PVD")
    app.config.update(overrides)

    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        url = os.environ.get("DATABASE_URL") or "sqlite:///" + os.path.join(app.instance_path, "pvd.sqlite3")
        app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(Path(app.instance_path))
    https = bool(app.config.get("HTTPS"))
    app.config["SESSION_COOKIE_SECURE"] = https
    app.config["REMEMBER_COOKIE_SECURE"] = https
    for sub in ("index", "uploads", "mail"):
        os.makedirs(os.path.join(app.instance_path, sub), exist_ok=True)
    logging.basicConfig(level=logging.INFO)


def register_request_handling(app: Flask) -> None:
    """Request parameters free of NUL characters (PostgreSQL refuses them in text)."""
    from pvd_network.core import requests

    requests.register(app)


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of :mod:`pvd_network.extensions`."""
    from pvd_network.auth import models as auth_models  # noqa: F401  (tables known to Alembic)
    from pvd_network.auth.services import load_user
    from pvd_network.core import changes, database, transactions  # noqa: F401  (tables, pragmas, hooks)
    from pvd_network.discussions import models as discussion_models  # noqa: F401
    from pvd_network.geo import models as geo_models  # noqa: F401  (tables known to Alembic)
    from pvd_network.moderation import models as moderation_models  # noqa: F401
    from pvd_network.notifications import models as notification_models  # noqa: F401
    from pvd_network.search import models as search_models  # noqa: F401
    from pvd_network.themes import models as theme_models  # noqa: F401
    from pvd_network.writeups import models as writeup_models  # noqa: F401

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(PROJECT_ROOT / "pvd_network" / "translations"),
    )
    mail.init_app(app)
    limiter.init_app(app)
    https = bool(app.config.get("HTTPS"))
    talisman.init_app(
        app,
        force_https=https,
        strict_transport_security=https,
        session_cookie_secure=https,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )


def select_locale() -> str:
    """Language: the visitor's choice (session), the member's preference, Accept-Language, French."""
    languages = list(current_app.config["LANGUAGES"])
    if not has_request_context():  # CLI commands, mails rendered outside a request
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or "fr"


def register_blueprints(app: Flask) -> None:
    """Register every feature's blueprint, explicitly."""
    from pvd_network.api.views import bp as api_bp
    from pvd_network.auth.views import bp as auth_bp
    from pvd_network.catalogue.views import bp as catalogue_bp
    from pvd_network.catalogue.views import themes_bp
    from pvd_network.discussions.views import bp as discussions_bp
    from pvd_network.feeds.views import bp as feeds_bp
    from pvd_network.geo.views import bp as geo_bp
    from pvd_network.main.views import bp as main_bp
    from pvd_network.moderation.views import bp as moderation_bp
    from pvd_network.notifications.views import bp as notifications_bp
    from pvd_network.search.admin import bp as search_admin_bp
    from pvd_network.search.views import bp as search_bp
    from pvd_network.users.views import bp as users_bp
    from pvd_network.writeups.views import bp as writeups_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(geo_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(users_bp)
    app.register_blueprint(catalogue_bp)
    app.register_blueprint(themes_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(writeups_bp)
    app.register_blueprint(discussions_bp)
    app.register_blueprint(search_admin_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(moderation_bp)


def register_errorhandlers(app: Flask) -> None:
    """French error pages (HTML) and JSON errors under ``/api/``."""
    from pvd_network.core.errors import register

    register(app)


def register_template_context(app: Flask) -> None:
    """Jinja filters and globals shared by every template."""
    from pvd_network.auth.permissions import JINJA_PREDICATES
    from pvd_network.core.templating import register

    register(app)
    app.jinja_env.globals.update(JINJA_PREDICATES)


def register_signal_receivers(app: Flask) -> None:
    """Connect the receivers of feature signals (mails sent after the commit)."""
    from pvd_network.auth import mails as auth_mails
    from pvd_network.catalogue import hooks as catalogue_hooks
    from pvd_network.discussions import hooks as discussion_hooks
    from pvd_network.moderation import hooks as moderation_hooks
    from pvd_network.moderation import receivers as moderation_receivers
    from pvd_network.notifications import hooks as notification_hooks
    from pvd_network.notifications import receivers as notification_receivers
    from pvd_network.search import receivers as search_receivers
    from pvd_network.writeups import mails as writeup_mails
    from pvd_network.writeups import personal_data as writeup_personal_data

    auth_mails.connect()
    catalogue_hooks.connect()  # write-ups on commune pages and member profiles
    discussion_hooks.connect()  # "utile" and the comments under a write-up
    notification_hooks.connect()  # follow buttons (before similar write-ups), account links
    search_receivers.connect()  # similar write-ups, saved searches on the account page and in RGPD
    writeup_mails.connect()
    writeup_personal_data.connect()  # write-ups in "Mes données"; drafts go with an erased account
    notification_receivers.connect()  # follows and notifications, in the transaction of the change
    moderation_receivers.connect()  # audit log of decisions taken on write-up and account pages
    moderation_hooks.connect()  # the moderators' panel on write-up pages


def register_search(app: Flask) -> None:
    """Drain the search change log when a request or command that changed content ends."""
    from pvd_network.search import hooks as search_hooks

    search_hooks.register(app)


def register_cli(app: Flask) -> None:
    """Register the ``flask`` sub-commands, explicitly."""
    from pvd_network.demo.cli import demo_cli
    from pvd_network.geo.cli import geo_cli
    from pvd_network.notifications.cli import notifications_cli
    from pvd_network.search.cli import search_cli
    from pvd_network.users.cli import users_cli
    from pvd_network.writeups.cli import writeups_cli

    app.cli.add_command(geo_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(writeups_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(notifications_cli)
