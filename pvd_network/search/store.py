"""Where the index lives: ``<instance>/index/<generation>/``, with a ``CURRENT`` pointer file.

A rebuild writes a new generation beside the live one and swaps the pointer atomically
(``os.replace``); searchers notice the new pointer and reopen. Each generation keeps the
cursor of the change log it has applied in ``cursor.json`` next to its Whoosh files.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from pvd_network.search import segment_files  # noqa: F401 - how Whoosh reads segment files
from pvd_network.search.schema import build_schema

POINTER = "CURRENT"
CURSOR = "cursor.json"
CONCEPTS = "concepts.json"


def _remember_missing_columns() -> None:
    """Whoosh's per-document reader caches the column readers it finds, but not the absence of
    one: for every posting of a field without a length column (``words``, IDs, keywords) it
    asked the file system again, a third of the time of committing a rebuilt index. Remember
    the absence too: a segment's columns never change once it is written."""
    from whoosh.codec import whoosh3

    def _cached_reader(self, fieldname, column):
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader
            return reader

    whoosh3.W3PerDocReader._cached_reader = _cached_reader


_remember_missing_columns()




class IndexUnavailable(RuntimeError):
    """The index is missing or unreadable: search shows a message; `flask search rebuild` fixes it."""


@dataclass
class Generation:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def open(self) -> FileIndex:
        try:
            return whoosh_index.open_dir(str(self.path))
        except Exception as error:  # noqa: BLE001 - any failure means "unusable index"
            raise IndexUnavailable(f"cannot open the search index {self.path}: {error}") from error

    def read_cursor(self) -> int:
        try:
            return int(json.loads((self.path / CURSOR).read_text())["seq"])
        except (OSError, ValueError, KeyError):
            return 0

    def read_concepts(self) -> list[tuple[str, ...]]:
        """The vocabulary expressions this generation marks where they occur (documents.py)."""
        try:
            return [tuple(stems) for stems in json.loads((self.path / CONCEPTS).read_text())]
        except (OSError, ValueError, TypeError):
            return []

    def write_concepts(self, expressions) -> None:
        temporary = self.path / (CONCEPTS + ".tmp")
        temporary.write_text(json.dumps([list(stems) for stems in expressions], ensure_ascii=False))
        os.replace(temporary, self.path / CONCEPTS)

    def write_cursor(self, seq: int) -> None:
        temporary = self.path / (CURSOR + ".tmp")
        temporary.write_text(json.dumps({"seq": seq, "written_at": time.time()}))
        os.replace(temporary, self.path / CURSOR)


def index_root() -> Path:
    return Path(current_app.instance_path) / "index"


def current_generation(root: Path | None = None) -> Generation | None:
    """The live generation, or None when no index was built yet."""
    root = root or index_root()
    try:
        name = (root / POINTER).read_text().strip()
    except OSError:
        return None
    path = root / name
    return Generation(path) if name and path.is_dir() else None


def create_generation(root: Path | None = None, cursor: int = 0) -> Generation:
    """An empty index in a new generation folder (not live until :func:`swap_to`)."""
    root = root or index_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"g{time.time_ns()}"
    path.mkdir()
    whoosh_index.create_in(str(path), build_schema())
    generation = Generation(path)
    generation.write_cursor(cursor)
    return generation


def swap_to(generation: Generation, root: Path | None = None) -> None:
    """Make ``generation`` live atomically, then remove older generations."""
    root = root or index_root()
    temporary = root / (POINTER + ".tmp")
    temporary.write_text(generation.name)
    os.replace(temporary, root / POINTER)
    for other in root.iterdir():
        if other.is_dir() and other.name != generation.name and other.name.startswith("g"):
            # Open searchers keep their file handles; on POSIX the files go once closed.
            shutil.rmtree(other, ignore_errors=True)


def ensure_index(root: Path | None = None) -> Generation:
    """The live generation, creating an empty one (cursor 0) when there is none."""
    generation = current_generation(root)
    if generation is None:
        generation = create_generation(root)
        swap_to(generation, root)
    return generation
