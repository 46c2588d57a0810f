"""The Whoosh schema: analysed text for matching, sortable columns for facets and sorting.

Write-ups and the comments of their discussions are documents of their own (``kind``); a
comment carries its write-up's facets and visibility, so the same filters apply to both.
Long texts are indexed but not stored: excerpts are highlighted from the database rows
of the few hits shown. Facet values live in column-stored fields, read per docnum.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema

from pvd_network.search.analysis import french_analyzer


def build_schema() -> Schema:
    analyzer = french_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),  # "writeup:12", "comment:40"
        # Columns too: a comment's match is credited to its write-up's document (comments.py).
        kind=ID(stored=True, sortable=True),  # "writeup" | "comment"
        writeup_id=NUMERIC(stored=True, bits=32, sortable=True),
        comment_id=NUMERIC(stored=True, bits=32, sortable=True),
        title=TEXT(analyzer=analyzer, field_boost=3.0, phrase=True),
        summary=TEXT(analyzer=analyzer, field_boost=2.0, phrase=True),
        body=TEXT(analyzer=analyzer, phrase=True),
        # Spelling suggestions: the unstemmed words of title, summary and body (documents.py).
        # Whoosh's own spelling=True analyses each text a second time and writes one posting
        # per word and document, all on document 0: it halved the rebuild rate.
        words=KEYWORD(scorable=False),
        # Where the vocabulary's expressions of several words occur (documents.py).
        concepts=KEYWORD(scorable=False),
        places=TEXT(analyzer=analyzer, field_boost=1.5),
        themes_text=TEXT(analyzer=analyzer, field_boost=1.5),
        author=TEXT(analyzer=analyzer),
        # Filters (indexed terms) and facets (columns).
        theme=KEYWORD(commas=True, lowercase=False),
        theme_set=ID(sortable=True),  # "mobilite,numerique": facet counts per docnum
        region=ID(sortable=True),
        department=ID(sortable=True),
        stage=ID(sortable=True),
        year=NUMERIC(sortable=True, bits=32),
        visibility=ID(sortable=True),
        published_at=DATETIME(sortable=True),
    )
