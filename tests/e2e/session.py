"""Signing in and out through the real forms, for the browser journeys."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD


def sign_in(page, live_server, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in with the sign-in form and wait for the signed-in header."""
    page.goto(live_server("/connexion"))
    page.get_by_label(re.compile("^Adresse électronique")).fill(email)
    page.locator("#password").fill(password)
    page.locator("main form").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name=re.compile("Mon compte")).first).to_be_visible()


def sign_out(page) -> None:
    """Sign out with the header's button and wait for the signed-out header."""
    page.get_by_role("button", name="Se déconnecter").first.click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
