"""Text normalisation used for accent- and case-insensitive matching."""
from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’\-_.,/()]+")


def fold(text: str) -> str:
    """Lowercase, strip accents and collapse separators: "Saint-Étienne" -> "saint etienne"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae").replace("Œ", "oe").replace("Æ", "ae")
    return _SEPARATORS.sub(" ", stripped.lower()).strip()
