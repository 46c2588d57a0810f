"""WSGI entry point: ``gunicorn wsgi:app`` and ``flask --app wsgi``."""
import gc

from pvd_network import create_app

app = create_app()
# What the application loaded once (modules, routes, templates' code, translations: about
# 130,000 objects) lives as long as the worker: kept out of the cycle collector's full passes,
# which otherwise walked it all (~90 ms here) every few hundred requests.
gc.freeze()
