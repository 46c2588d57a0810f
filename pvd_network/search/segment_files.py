"""How Whoosh reads the files of a segment: in place, and the postings without mapping them.

Whoosh memory-maps each segment file (``.seg``, a compound of the term index, postings and
columns) and wraps each part it opens in a ``BytesIO`` of the mapped bytes: a private copy of
the whole segment in every worker, on top of the mapped pages. Here the parts are read in place,
and the postings (the biggest part, read a block at a time) with ``pread`` on a descriptor of
their own: they stay in the operating system's page cache, shared by the workers, instead of
being mapped into each one, where every page read once counted in its resident memory.
"""

from __future__ import annotations

import os


class _ViewFile:
    """A read-only file over a memoryview that copies only what is read."""

    def __init__(self, view: memoryview):
        self._view = view
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        start = self._position
        data = self._view[start:] if size is None or size < 0 else self._view[start : start + size]
        self._position = start + len(data)
        return data.tobytes()

    def peek(self, size: int = 0) -> bytes:
        # The unpickler reads ahead through peek(): one call per pickle instead of several.
        return self._view[self._position : self._position + max(size, 4096)].tobytes()

    def readline(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._position + size)
        start = self._position
        while start < end:  # look for the newline a page at a time, not in a copy of the rest
            found = self._view[start : min(end, start + 4096)].tobytes().find(b"\n")
            if found >= 0:
                end = start + found + 1
                break
            start += 4096
        return self.read(end - self._position)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._position, len(self._view))[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._view = memoryview(b"")


def _no_copy_of_mapped_files() -> None:
    """Whoosh memory-maps a segment file, then wraps each part it opens in a ``BytesIO`` of the
    mapped bytes: a private copy of the whole postings, term and column data in every process
    (with the mapped pages, the segment was counted twice in its resident memory). Read the
    mapped bytes in place instead."""
    from whoosh.filedb import structfile

    original = structfile.BufferFile.__init__

    def __init__(self, buf, name=None, onclose=None):
        original(self, b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewFile(buf) if isinstance(buf, memoryview) else structfile.BytesIO(buf)

    structfile.BufferFile.__init__ = __init__


_no_copy_of_mapped_files()


class _Descriptor:
    """A duplicated file descriptor, closed when no file reading through it is left (a segment
    closed while a query still reads it must not see the number reused by another file)."""

    def __init__(self, fd: int):
        self.fd = fd

    def __del__(self):
        os.close(self.fd)


class _PreadFile:
    """A read-only file over ``length`` bytes at ``offset`` of a descriptor, read with pread
    (no mapping, and no position shared with other readers of the descriptor)."""

    def __init__(self, descriptor: _Descriptor, offset: int, length: int):
        self._descriptor = descriptor
        self._offset = offset
        self._length = length
        self._position = 0

    def _at(self, size: int) -> bytes:
        size = self._length - self._position if size is None or size < 0 else size
        size = max(0, min(size, self._length - self._position))
        return os.pread(self._descriptor.fd, size, self._offset + self._position) if size else b""

    def read(self, size: int = -1) -> bytes:
        data = self._at(size)
        self._position += len(data)
        return data

    def peek(self, size: int = 0) -> bytes:
        return self._at(max(size, 4096))  # the unpickler reads ahead: see _ViewFile.peek

    def readline(self, size: int = -1) -> bytes:
        line = b""
        while size is None or size < 0 or len(line) < size:
            chunk = self._at(4096 if size is None or size < 0 else min(4096, size - len(line)))
            if not chunk:
                break
            end = chunk.find(b"\n")
            if end >= 0:
                chunk = chunk[: end + 1]
            line += chunk
            self._position += len(chunk)
            if end >= 0:
                break
        return line

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._position, self._length)[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._descriptor = None


POSTINGS_SUFFIX = ".pst"  # Whoosh's W3 codec: the postings part of a segment


def _postings_read_with_pread() -> None:
    """Whoosh's compound segment files open their postings part through pread (see above)."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.structfile import StructFile

    original_init, original_open = CompoundStorage.__init__, CompoundStorage.open_file

    def __init__(self, dbfile, use_mmap=True, basepos=0):
        fileno = getattr(dbfile, "fileno", None)
        # Duplicated before Whoosh closes the file it has mapped.
        self._descriptor = _Descriptor(os.dup(fileno())) if callable(fileno) else None
        original_init(self, dbfile, use_mmap=use_mmap, basepos=basepos)

    def open_file(self, name, *args, **kwargs):
        descriptor = getattr(self, "_descriptor", None)
        if descriptor is not None and name.endswith(POSTINGS_SUFFIX) and not self.is_closed:
            offset, length = self.range(name)
            return StructFile(_PreadFile(descriptor, offset, length), name=name)
        return original_open(self, name, *args, **kwargs)

    CompoundStorage.__init__ = __init__
    CompoundStorage.open_file = open_file


_postings_read_with_pread()
