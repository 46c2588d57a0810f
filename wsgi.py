"""WSGI entry point: ``gunicorn wsgi:app`` and ``flask --app wsgi``."""
from pvd_network import create_app

app = create_app()
