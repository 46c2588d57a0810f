"""Password policy and hashing."""
from __future__ import annotations

from functools import cache

from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_DISTINCT_CHARACTERS = 5
# Frequent choices that pass the length rule; a short list, compared case-insensitively.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012", "1234567890123", "azertyuiop12", "azertyuiopqs", "qwertyuiop12",
        "motdepasse123", "motdepasse1234", "motdepasse!!", "password1234", "password123!",
        "passwordpassword", "motdepassemotdepasse", "bonjour123456", "soleil123456",
        "petitesvillesdedemain", "reseaupvd2024", "reseaupvd2025", "reseaupvd2026",
        "administrateur", "azerty123456", "000000000000", "111111111111",
    }
)


def password_problem(password: str, *, email: str = "", names: tuple[str, ...] = ()) -> str | None:
    """Why ``password`` is refused (a French sentence), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Le mot de passe doit contenir au moins %(n)d caractères.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Le mot de passe ne doit pas dépasser %(n)d caractères.", n=MAX_LENGTH)
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < MIN_DISTINCT_CHARACTERS:
        return _(
            "Ce mot de passe est trop courant ou trop simple : choisissez-en un plus difficile à deviner."
        )
    local_part = email.split("@", 1)[0].lower()
    personal = [p.lower() for p in (local_part, *names) if len(p) >= 4]
    if any(p in lowered for p in personal):
        return _("Le mot de passe ne doit pas contenir votre nom ni votre adresse électronique.")
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; spends the same time when there is no hash to check."""
    if not password_hash:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(password_hash, password)


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not the password of anyone")
