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


@lru_cache(maxsize=100_000)
def _fold_non_ascii(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_accents(text: str) -> str:
    """ "Médiathèque" → "Mediatheque"; œ/æ ligatures expanded."""
    # Most words are plain ASCII: nothing to fold (the analyzer calls this for every token).
    return text if text.isascii() else _fold_non_ascii(text)


def unelide(text: str) -> str:
    """ "l'école" → "école"; "aujourd'hui" → "aujourdhui" (inner apostrophes dropped)."""
    text = _ELISION.sub("", text)
    if "'" in text or "’" in text:
        # "aujourd'hui" and other inner apostrophes: keep the word whole, without it.
        text = text.replace("'", "").replace("’", "")
    return text


class ElisionFilter(Filter):
    """Remove French elided articles and pronouns: "l'école" → "école", "qu'ils" → "ils"."""

    def __call__(self, tokens):
        for token in tokens:
            text = unelide(token.text)
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


def singular(text: str) -> str:
    if (
        len(text) > 3
        and text.endswith("s")
        and not text.endswith(("ss", "us", "is"))
        or len(text) > 3
        and text.endswith(("eaux", "eux", "aux"))
    ):
        return text[:-1]
    return text


class PluralFilter(Filter):
    """Drop the plural mark the French stemmer keeps after a vowel: "vélos" → "velo",
    "bureaux" → "bureau" (it removes it elsewhere: "commerces" → "commerc")."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = singular(token.text)
            yield token


FRENCH_STOP_WORDS = frozenset(fold_accents(word) for word in stopwords_for_language("fr")) | EXTRA_STOP_WORDS


# --- The same analysis, memoised per word --------------------------------------------------
# Indexing runs the analyzer over every word of every write-up: five filters, each a Python
# generator step per word, were a third of the rebuild time. Words repeat: the two filters
# below do the same work once per distinct word and remember it (bounded caches, left out of
# the schema pickled into the index). test_analysis checks they match the filters above.

_CACHE_LIMIT = 200_000


class NormaliseFilter(Filter):
    """LowercaseFilter | ElisionFilter | AccentFoldingFilter | StopFilter(renumber) | PluralFilter,
    in one step per token, memoised."""

    def __init__(self, stoplist=FRENCH_STOP_WORDS):
        self.stoplist = frozenset(stoplist)
        self._cache: dict[str, tuple[str, bool] | None] = {}

    def __getstate__(self):
        return {"stoplist": self.stoplist}

    def __setstate__(self, state):
        self.__init__(state["stoplist"])

    def __eq__(self, other):
        return type(other) is type(self) and other.stoplist == self.stoplist

    def _normalise(self, raw: str) -> tuple[str, bool] | None:
        """(text, is a stop word), or None when nothing is left of the token."""
        text = unelide(raw.lower())
        if not text:
            return None
        text = fold_accents(text)
        stop = text in self.stoplist  # minsize=1: every token is long enough
        return singular(text), stop

    def __call__(self, tokens):
        cache = self._cache
        pos = None
        for token in tokens:
            raw = token.text
            try:
                entry = cache[raw]
            except KeyError:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                entry = cache[raw] = self._normalise(raw)
            if entry is None:
                continue
            text, stop = entry
            if not stop:
                # StopFilter(renumber=True): positions count the words kept.
                if token.positions:
                    if pos is None:
                        pos = token.pos
                    else:
                        pos += 1
                        token.pos = pos
                token.text = text
                token.stopped = False
                yield token
            elif not token.removestops:
                token.text = text
                token.stopped = True
                yield token


class MemoisedStemFilter(Filter):
    """StemFilter(lang="fr") with a plain dict as its cache."""

    is_morph = True

    def __init__(self):
        from whoosh.lang import stemmer_for_language

        self._stem = stemmer_for_language("fr")
        self._cache: dict[str, str] = {}

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self.__init__()

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, tokens):
        cache = self._cache
        for token in tokens:
            if not token.stopped:
                text = token.text
                try:
                    token.text = cache[text]
                except KeyError:
                    if len(cache) >= _CACHE_LIMIT:
                        cache.clear()
                    token.text = cache[text] = self._stem(text)
            yield token


@lru_cache(maxsize=1)
def french_analyzer():
    """The analyzer of every full-text field (one instance, whose filters remember words)."""
    return RegexTokenizer(WORD_REGEX) | NormaliseFilter() | MemoisedStemFilter()


def reference_analyzer():
    """The same analysis as a chain of one-job filters: what :func:`french_analyzer` must equal."""
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
