"""Shared data for the account tests."""

from __future__ import annotations

import pytest

STRONG_PASSWORD = "le chat de la mairie dort"


@pytest.fixture
def registration():
    """A complete, valid registration form (without the CSRF token)."""
    return {
        "first_name": "Claire",
        "last_name": "Martin",
        "email": "claire.martin@commercy.example.fr",
        "password": STRONG_PASSWORD,
        "password_confirm": STRONG_PASSWORD,
        "commune": "Commercy (55122)",
        "function": "chef-projet",
        "organisation": "Communauté de communes Commercy – Void – Vaucouleurs",
        "accept_terms": "y",
    }
