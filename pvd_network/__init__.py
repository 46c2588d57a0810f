"""Réseau PVD: the community platform of the "Petites villes de demain" project leads."""
from pvd_network.app import create_app

__all__ = ["create_app"]
