"""One write-up in each state that matters for who may see it, for the visibility tests of
every channel (listing, counts, theme and territory pages, commune and profile blocks,
feeds, API)."""
from __future__ import annotations

from tests.factories import make_user, make_writeup

# Title -> how it was made. Only the first is shown to anonymous visitors; members also
# see the second; nobody sees the others in any listing.
PUBLIC = "Retour public de Commercy"
MEMBERS_ONLY = "Retour réservé aux membres"
NEVER_LISTED = {
    "Brouillon jamais publié": {"status": "draft"},
    "Retour soumis en attente": {"status": "submitted"},
    "Retour masqué par un modérateur": {"hidden": True},
    "Retour masqué réservé aux membres": {"hidden": True, "visibility": "members"},
    "Retour renvoyé pour modifications": {"status": "changes_requested"},
    "Retour refusé": {"status": "rejected"},
    "Retour archivé": {"status": "archived"},
}


def make_cases(**common) -> dict:
    """Title -> write-up, all in Commercy (Meuse, Grand Est) with theme "mobilite" by default,
    by one author who is returned under the key "author"."""
    author = common.pop("author", None) or make_user(first_name="Alix", last_name="Autrice")
    defaults = {"commune_insee": "55122", "themes": ["mobilite"], **common}
    cases = {
        PUBLIC: make_writeup(author, title=PUBLIC, **defaults),
        MEMBERS_ONLY: make_writeup(author, title=MEMBERS_ONLY, **{**defaults, "visibility": "members"}),
    }
    for title, options in NEVER_LISTED.items():
        fields = {**defaults, **{k: v for k, v in options.items() if k == "visibility"}}
        extra = {k: v for k, v in options.items() if k != "visibility"}
        cases[title] = make_writeup(author, title=title, **fields, **extra)
    cases["author"] = author
    return cases


def assert_shows(text: str, *, members: bool) -> None:
    """``text`` shows the public write-up, the members-only one when ``members``, nothing else."""
    assert PUBLIC in text
    assert (MEMBERS_ONLY in text) is members, MEMBERS_ONLY
    for title in NEVER_LISTED:
        assert title not in text, title
