"""The French analyzer, applied alike to documents and queries.

tokenize → lowercase → remove elisions (l', d', qu'…) → fold accents → drop stop words →
plural marks → Snowball French stemmer. Accents are folded *before* stemming so "mobilité" and a typed
"mobilite" reach the same stem ("mobilit"); the stemmer alone gives "mobil" and "mobilit".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language

# Words glued to the next one by an apostrophe (straight or typographic).
ELISIONS = ("l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu")
_ELISION = re.compile(r"^(?:{})['’]".format("|".join(sorted(ELISIONS, key=len, reverse=True))))
# Letters, digits and apostrophes inside words (the elision filter splits them off).
WORD_REGEX = r"\w+(?:['’]\w+)*"


def fold_accents(text: str) -> str:
    """ "Médiathèque" → "Mediatheque"; œ/æ ligatures expanded."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class ElisionFilter(Filter):
    """Remove French elided articles and pronouns: "l'école" → "école", "qu'ils" → "ils"."""

    def __call__(self, tokens):
        for token in tokens:
            text = _ELISION.sub("", token.text)
            if "'" in text or "’" in text:
                # "aujourd'hui" and other inner apostrophes: keep the word whole, without it.
                text = text.replace("'", "").replace("’", "")
            if text:
                token.text = text
                yield token


class AccentFoldingFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_accents(token.text)
            yield token


# Whoosh's French list misses a few of the commonest words ("le", "les"…).
EXTRA_STOP_WORDS = {
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "et",
    "ou",
    "a",
    "au",
    "aux",
    "en",
    "dans",
    "par",
    "pour",
    "sur",
    "ce",
    "ces",
    "cet",
    "cette",
    "qui",
    "que",
    "qu",
}


class PluralFilter(Filter):
    """Drop the plural mark the French stemmer keeps after a vowel: "vélos" → "velo",
    "bureaux" → "bureau" (it removes it elsewhere: "commerces" → "commerc")."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if (
                len(text) > 3
                and text.endswith("s")
                and not text.endswith(("ss", "us", "is"))
                or len(text) > 3
                and text.endswith(("eaux", "eux", "aux"))
            ):
                token.text = text[:-1]
            yield token


FRENCH_STOP_WORDS = frozenset(fold_accents(word) for word in stopwords_for_language("fr")) | EXTRA_STOP_WORDS


@lru_cache(maxsize=1)
def french_analyzer():
    """The analyzer of every full-text field (one instance: Whoosh caches stems per analyzer)."""
    return (
        RegexTokenizer(WORD_REGEX)
        | LowercaseFilter()
        | ElisionFilter()
        | AccentFoldingFilter()
        | StopFilter(stoplist=FRENCH_STOP_WORDS, minsize=1)
        | PluralFilter()
        | StemFilter(lang="fr", cachesize=50_000)
    )


def analyse(text: str) -> list[str]:
    """The terms the analyzer makes of ``text`` (tests and suggestions)."""
    return [token.text for token in french_analyzer()(text)]
