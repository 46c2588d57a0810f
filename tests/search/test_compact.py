"""The plain-array postings a rebuild writes (compact.py) say exactly what Whoosh's blocks say,
searches find and rank the same with or without them, and deleted documents stay out."""

from __future__ import annotations

import pytest

from pvd_network.search import compact, evaluate, indexer, services
from pvd_network.search.services import search
from pvd_network.search.store import current_generation


@pytest.fixture
def rebuilt(publish, drained, monkeypatch):
    """A few write-ups, rebuilt with every term in the file (not only those of 128 documents)."""
    monkeypatch.setattr(compact, "MIN_POSTINGS", 1)
    made = [
        publish(
            f"Commerces vacants de la grand-rue, étape {n}",
            summary="Des boutiques à l'essai contre la vacance commerciale." * (1 + n % 3),
            actions="Un manager de centre-ville." + " Vélo." * (n % 4),
        )
        for n in range(8)
    ]
    made.append(publish("Centre ancien : ravalement des façades", summary="Le centre ancien revit."))
    drained()
    indexer.rebuild()
    services.reset()
    return made


def _pages(queries):
    found = []
    for page in (search(query) for query in queries):
        hits = [(hit.writeup.id, round(hit.score or 0, 9), hit.highlights) for hit in page.hits]
        found.append((page.total, hits, page.facets))
    return found


QUERIES = ["commerce vacant", '"centre ancien"', "vélo OU façades", "commerce -vélo", "boutiq*", "étape"]


def test_a_rebuild_writes_the_arrays_whoosh_would_read(rebuilt):
    files = list(current_generation().path.glob("*" + compact.SUFFIX))
    assert len(files) == 1
    searcher, _memo = services._open()
    checked = 0
    for leaf, _offset in searcher.reader().leaf_readers():
        arrays = compact.for_leaf(leaf)
        if arrays is None:
            continue
        for field in compact.FIELDS:
            for text, _info in leaf.iter_field(field):
                text = text.decode("utf-8")
                ids, weights = arrays.read(field, text)
                expected_ids, expected_weights, positions = evaluate.compact_source(leaf, field, text)
                assert list(ids) == list(expected_ids) and list(weights) == list(expected_weights)
                stored = arrays.read_positions(field, text)
                if positions is None:
                    assert stored is None
                else:
                    found_ids, starts, flat = stored
                    assert list(found_ids) == list(ids)
                    assert [list(flat[starts[i] : starts[i + 1]]) for i in range(len(ids))] == positions
                checked += 1
    assert checked > 20


def test_searches_are_the_same_without_the_file(rebuilt):
    with_arrays = _pages(QUERIES)
    assert with_arrays[0][0] == 8 and with_arrays[1][0] == 1
    for path in current_generation().path.glob("*" + compact.SUFFIX):
        path.unlink()
    compact._open.clear()
    services.reset()
    assert _pages(QUERIES) == with_arrays


def test_a_file_of_another_segment_is_ignored(rebuilt):
    for path in current_generation().path.glob("*" + compact.SUFFIX):
        path.write_bytes(compact.MAGIC + bytes(40))
    compact._open.clear()
    services.reset()
    searcher, _memo = services._open()
    assert all(compact.for_leaf(leaf) is None for leaf, _offset in searcher.reader().leaf_readers())
    assert search("commerce vacant").total == 8


def test_documents_deleted_after_the_rebuild_are_not_found(rebuilt):
    first = rebuilt[0]
    writer = current_generation().open().writer()
    writer.delete_by_term("key", f"writeup:{first.id}")
    writer.commit(merge=False)  # the deletion lands in the segment with the file
    services.reset()
    searcher, _memo = services._open()
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers() if compact.for_leaf(leaf)]
    assert len(leaves) == 1 and leaves[0].has_deletions()
    ids, _weights, _values = evaluate._read(leaves[0], "title", "commerc", False)
    assert list(ids) == evaluate.whoosh_read(leaves[0], "title", "commerc", False)[0]
    assert len(ids) == 7
    page = search("commerce vacant", per_page=20)
    assert page.total == 7
    assert first.id not in {hit.writeup.id for hit in page.hits}
