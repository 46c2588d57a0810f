"""The application factory and its configuration."""
from __future__ import annotations

import os

from pvd_network import create_app
from pvd_network.config import normalise_database_url


def test_testing_config(app):
    assert app.config["TESTING"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_state_lives_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PVD_SECRET_KEY", raising=False)
    monkeypatch.setenv("PVD_INSTANCE_PATH", str(tmp_path / "one"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "one")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(tmp_path / "one" / "pvd.sqlite3")
    for sub in ("index", "uploads", "mail"):
        assert (tmp_path / "one" / sub).is_dir()
    # The secret key is generated once, private to its owner, and reused afterwards.
    key_file = tmp_path / "one" / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert app.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 48
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]
    # A second instance folder is a second, independent instance.
    monkeypatch.setenv("PVD_INSTANCE_PATH", str(tmp_path / "two"))
    other = create_app()
    assert other.config["SECRET_KEY"] != app.config["SECRET_KEY"]
    assert str(tmp_path / "two") in other.config["SQLALCHEMY_DATABASE_URI"]


def test_environment_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("PVD_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PVD_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("PVD_HTTPS", "1")
    monkeypatch.setenv("PVD_PORT", "5123")
    monkeypatch.setenv("PVD_MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("DATABASE_URL", "postgresql://pvd:secret@127.0.0.1:5433/pvd")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()
    assert app.config["PORT"] == 5123
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://pvd:secret@127.0.0.1:5433/pvd"


def test_database_url_normalisation():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_cli_is_reachable_from_the_repository_root(runner):
    result = runner.invoke(args=["--help"])
    assert result.exit_code == 0
    for command in ("db", "geo", "demo"):
        assert command in result.output
    assert os.path.exists(os.path.join(os.path.dirname(__file__), "..", "wsgi.py"))
