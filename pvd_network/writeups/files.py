"""Cover images and attachments of write-ups: types read from the bytes, random stored names.

Checking (``read_cover``, ``read_attachment``) happens before anything is saved, so a bad
file becomes a field error and nothing else changes; storing (``set_cover``,
``add_attachment``...) flushes and ties file removals to the transaction's outcome.
"""
from __future__ import annotations

import io
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from pvd_network.core import uploads
from pvd_network.core.transactions import after_commit, after_rollback
from pvd_network.extensions import db
from pvd_network.writeups.models import Attachment, Writeup

COVER_KIND = "covers"
ATTACHMENT_KIND = "attachments"
MAX_FILE_BYTES = 10 * 1024 * 1024  # per file; the whole request is capped by MAX_CONTENT_LENGTH
MAX_ATTACHMENTS = 10
MAX_SOURCE_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
COVER_BOX = (1600, 1200)  # covers are shrunk to fit, never enlarged
COVER_EXTENSION = "webp"
NAME_MAX = 200

# Content type and extension of what we accept, recognised from the first bytes.
PDF = "application/pdf"
IMAGE_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"),
               "WEBP": ("image/webp", "webp"), "GIF": ("image/gif", "gif")}
EXTENSIONS = {PDF: ("pdf",), "image/jpeg": ("jpg", "jpeg"), "image/png": ("png",),
              "image/webp": ("webp",), "image/gif": ("gif",)}
ACCEPT_ATTACHMENTS = ",".join([PDF, *(t for t, _e in IMAGE_TYPES.values())])
ACCEPT_COVER = ",".join(t for t, _e in IMAGE_TYPES.values())
_CONTROL = re.compile(r"[\x00-\x1f\x7f\"\\/]+")


class InvalidUpload(ValueError):
    """A file we refuse; the message is French and goes beside the form field."""


@dataclass
class CheckedFile:
    """An upload whose type was read from its content."""

    data: bytes
    content_type: str
    extension: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_limited(stream: BinaryIO, name: str = "") -> bytes:
    """The upload's bytes, refusing empty files and files over :data:`MAX_FILE_BYTES`."""
    data = stream.read(MAX_FILE_BYTES + 1)
    label = clean_name(name) or _("Le fichier")
    if len(data) > MAX_FILE_BYTES:
        raise InvalidUpload(_("« %(name)s » dépasse 10 Mo : réduisez sa taille.", name=label))
    if not data:
        raise InvalidUpload(_("« %(name)s » est vide.", name=label))
    return data


def _image_format(data: bytes) -> str | None:
    """The Pillow format of a readable JPEG, PNG, WebP or GIF image, else None."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in IMAGE_TYPES:
                return None
            width, height = probe.size
            if width * height > MAX_SOURCE_PIXELS:
                raise InvalidUpload(_("Cette image est trop grande (plus de 40 millions de pixels)."))
            probe.verify()
            return probe.format
    except InvalidUpload:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) read from the bytes, or None for anything we do not accept."""
    if data.startswith(b"%PDF-"):
        return PDF, "pdf"
    image_format = _image_format(data)
    return IMAGE_TYPES[image_format] if image_format else None


def clean_name(name: str | None) -> str:
    """A displayable file name: no folders, no control characters, at most :data:`NAME_MAX`."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _CONTROL.sub("", name).strip(" .")
    if len(name) > NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        keep = NAME_MAX - len(extension) - 1 if dot and len(extension) <= 5 else NAME_MAX
        name = (stem[:keep] + "." + extension) if dot and len(extension) <= 5 else name[:NAME_MAX]
    return name


def read_attachment(stream: BinaryIO, name: str) -> CheckedFile:
    """A PDF or an image (JPEG, PNG, WebP, GIF), recognised from its content, not its name."""
    data = read_limited(stream, name)
    found = sniff(data)
    if found is None:
        raise InvalidUpload(_("« %(name)s » n'est ni un PDF ni une image JPEG, PNG, WebP ou GIF.",
                              name=clean_name(name) or _("Le fichier")))
    content_type, extension = found
    original = clean_name(name) or _("piece-jointe")
    if original.rpartition(".")[2].lower() not in EXTENSIONS[content_type]:
        original = f"{original[:NAME_MAX - 5]}.{extension}"  # the name now tells what the file is
    return CheckedFile(data=data, content_type=content_type, extension=extension, original_name=original)


def read_cover(stream: BinaryIO, name: str = "") -> bytes:
    """The cover picture re-encoded as WebP from its pixels only (EXIF, GPS, comments dropped)."""
    data = read_limited(stream, name)
    if _image_format(data) is None:
        raise InvalidUpload(_("L'image de couverture doit être une image JPEG, PNG, WebP ou GIF."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            image = ImageOps.exif_transpose(image)  # honour the camera's orientation, then forget it
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            image.thumbnail(COVER_BOX, Image.Resampling.LANCZOS)
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise InvalidUpload(_("L'image de couverture n'a pas pu être lue.")) from error
    out = io.BytesIO()
    clean.save(out, format="WEBP", quality=82, method=4)
    return out.getvalue()


# --- Storing (flush, never commit) ---------------------------------------------------------


def _store(kind: str, data: bytes, extension: str) -> str:
    name = uploads.store(kind, data, extension)
    after_rollback(lambda: uploads.remove(kind, name))
    return name


def set_cover(writeup: Writeup, picture: bytes | None) -> None:
    """Replace (or with None remove) the cover; the old file goes once the change is committed."""
    old_name = writeup.cover
    writeup.cover = _store(COVER_KIND, picture, COVER_EXTENSION) if picture is not None else None
    if old_name:
        after_commit(lambda: uploads.remove(COVER_KIND, old_name))
    db.session.flush()


def add_attachment(writeup: Writeup, checked: CheckedFile) -> Attachment:
    """Store a checked file and attach it to ``writeup``."""
    attachment = Attachment(
        writeup=writeup,
        stored_name=_store(ATTACHMENT_KIND, checked.data, checked.extension),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    """Detach and delete a file (the file itself once the change is committed)."""
    stored_name = attachment.stored_name
    writeup = attachment.writeup
    if attachment in writeup.attachments:
        writeup.attachments.remove(attachment)
    db.session.delete(attachment)
    after_commit(lambda: uploads.remove(ATTACHMENT_KIND, stored_name))
    db.session.flush()


def path_of(kind: str, stored_name: str) -> str | None:
    """The file's path when it is one of ours and exists, else None."""
    if not uploads.is_stored_name(stored_name):
        return None
    path = os.path.join(uploads.folder(kind), stored_name)
    return path if os.path.isfile(path) else None


def is_pdf(attachment: Attachment) -> bool:
    return attachment.content_type == PDF


def type_label(attachment: Attachment) -> str:
    """"PDF", "JPEG"... as shown beside an attachment."""
    return "PDF" if is_pdf(attachment) else attachment.content_type.split("/", 1)[-1].upper()
