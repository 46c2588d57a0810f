"""Plain-array postings of the frequent terms of a segment, written beside Whoosh's files.

Whoosh keeps each block of 128 postings as a compressed pickle of (document numbers, weights,
positions): a common word (17,000 postings once comments are indexed) cost about 0.6 µs a
posting to read, most of the time of a search. A rebuild therefore also writes, for the segment
it made, the document numbers (uint32), weights and positions of every term of the text fields
found in at least :data:`MIN_POSTINGS` documents (``<segment id>.postings``), and evaluate.py
reads them with a few ``pread`` calls. This is derived data of the index, written
once, not a cache of queries; the operating system's page cache holds it, not each worker.

Rarer terms still come from Whoosh, and so does every segment without
a file: written later by a drain (small), or made by a merge. A file whose header does not
match its segment (document count) is ignored. Deleted documents are filtered by the caller.
"""

from __future__ import annotations

import os
import pickle
import threading
from array import array
from collections import OrderedDict
from pathlib import Path

MAGIC = b"PVDPOST2"
SUFFIX = ".postings"
MIN_POSTINGS = 128  # shorter lists are read quickly enough through Whoosh
FIELDS = ("title", "summary", "body", "places", "themes_text", "author", "concepts")
_HEADER = 24  # magic, table offset, document count
_OPEN_AT_MOST = 16


def path_for(folder: str | Path, segment_id: str) -> Path:
    return Path(folder) / (segment_id + SUFFIX)


def write_segment(leaf, folder: str | Path, read) -> Path | None:
    """Write the file of one segment reader ``leaf``; ``read(leaf, field, text)`` gives its
    (document numbers, weights, positions of each or None). Nothing for a segment with
    deletions (filtered at read time, but a fresh segment has none)."""
    if leaf.has_deletions():
        return None
    table: dict[str, dict[str, tuple[int, int, str]]] = {}
    path = path_for(folder, leaf.segment().segment_id())
    temporary = path.with_suffix(SUFFIX + ".tmp")
    with open(temporary, "wb") as out:
        out.write(bytes(_HEADER))
        position = _HEADER
        for field in FIELDS:
            if field not in leaf.schema:
                continue
            for text, info in leaf.iter_field(field):
                if info.doc_frequency() < MIN_POSTINGS:
                    continue
                text = text.decode("utf-8") if isinstance(text, bytes) else text  # as queries ask
                ids, weights, positions = read(leaf, field, text)
                single = array("f", weights)
                kind = "f" if single.tolist() == list(weights) else "d"  # float32 when exact
                data = array("I", ids).tobytes() + (single if kind == "f" else array("d", weights)).tobytes()
                total = -1
                if positions is not None:  # where each posting's positions start, then all of them
                    starts = array("I", [0])
                    flat = array("I")
                    for found in positions:
                        flat.extend(found)
                        starts.append(len(flat))
                    data += starts.tobytes() + flat.tobytes()
                    total = len(flat)
                table.setdefault(field, {})[text] = (position, len(ids), kind, total)
                out.write(data)
                position += len(data)
        out.write(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        out.seek(0)
        out.write(MAGIC + position.to_bytes(8, "little") + leaf.doc_count_all().to_bytes(8, "little"))
    os.replace(temporary, path)
    return path


class SegmentPostings:
    """The open file of one segment: its table in memory, the arrays read on demand."""

    def __init__(self, path: Path, doc_count: int):
        self._fd = os.open(path, os.O_RDONLY)
        try:
            header = os.pread(self._fd, _HEADER, 0)
            table_at = int.from_bytes(header[8:16], "little")
            if header[:8] != MAGIC or int.from_bytes(header[16:24], "little") != doc_count:
                raise ValueError(f"{path} does not describe this segment")
            size = os.fstat(self._fd).st_size
            self._table = pickle.loads(os.pread(self._fd, size - table_at, table_at))  # noqa: S301 - ours
        except BaseException:
            os.close(self._fd)
            raise

    def read(self, field: str, text: str) -> tuple[array, array] | None:
        """(document numbers, weights) of a frequent term; None if the file does not hold it."""
        found = self._table.get(field, {}).get(text)
        if found is None:
            return None
        position, count, kind, _total = found
        ids = array("I")
        ids.frombytes(os.pread(self._fd, 4 * count, position))
        weights = array(kind)
        weights.frombytes(os.pread(self._fd, weights.itemsize * count, position + 4 * count))
        return ids, weights

    def read_positions(self, field: str, text: str) -> tuple[array, array, array] | None:
        """(document numbers, where each one's positions start (one more than documents), all
        positions) of a frequent term of a field with positions; None if the file has none."""
        found = self._table.get(field, {}).get(text)
        if found is None or found[3] < 0:
            return None
        position, count, kind, total = found
        ids, starts, positions = array("I"), array("I"), array("I")
        ids.frombytes(os.pread(self._fd, 4 * count, position))
        at = position + 4 * count + array(kind).itemsize * count
        starts.frombytes(os.pread(self._fd, 4 * (count + 1), at))
        positions.frombytes(os.pread(self._fd, 4 * total, at + 4 * (count + 1)))
        return ids, starts, positions

    def close(self) -> None:
        os.close(self._fd)


_open: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _folder(leaf) -> str | None:
    """The index folder of a segment reader (its storage, or the one under a compound file)."""
    storage = getattr(leaf, "_storage", None)
    return getattr(storage, "folder", None) or getattr(getattr(storage, "b", None), "folder", None)


def for_leaf(leaf) -> SegmentPostings | None:
    """The file of a segment reader's segment, if it has a valid one (kept open per process)."""
    folder = _folder(leaf)
    segment = getattr(leaf, "_segment", None)
    if folder is None or segment is None:
        return None
    key = (folder, segment.segment_id(), leaf.doc_count_all())
    with _lock:
        if key in _open:
            _open.move_to_end(key)
            return _open[key]
        path = path_for(folder, key[1])
        try:
            found = SegmentPostings(path, key[2]) if path.exists() else None
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            found = None
        _open[key] = found
        while len(_open) > _OPEN_AT_MOST:  # generations swapped away: their files go
            _key, dropped = _open.popitem(last=False)
            if dropped is not None:
                dropped.close()
        return found


def write_index(index, read) -> list[Path]:
    """The files of every segment of ``index`` (a rebuild's single big segment, in practice)."""
    written = []
    with index.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            folder = _folder(leaf)
            path = write_segment(leaf, folder, read) if folder is not None else None
            if path is not None:
                written.append(path)
                with _lock:  # a reader of this process may have found no file before
                    for key in [key for key in _open if key[:2] == (folder, leaf.segment().segment_id())]:
                        dropped = _open.pop(key)
                        if dropped is not None:
                            dropped.close()
    return written
