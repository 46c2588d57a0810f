"""Profile pictures: any common image in, a clean square WebP out (no EXIF, no surprises)."""
from __future__ import annotations

import io
from typing import BinaryIO

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
SIZE = 256
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
KIND = "avatars"
EXTENSION = "webp"


class InvalidImage(ValueError):
    """An upload that is not a usable picture; the message is French."""


def read_limited(stream: BinaryIO) -> bytes:
    """The upload's bytes, refusing more than :data:`MAX_BYTES`."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidImage(_("L'image ne doit pas dépasser 2 Mo."))
    if not data:
        raise InvalidImage(_("Le fichier envoyé est vide."))
    return data


def normalise(data: bytes) -> bytes:
    """Re-encode ``data`` as a square :data:`SIZE` px WebP built from pixels only (metadata dropped)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise InvalidImage(_("Envoyez une image au format JPEG, PNG, WebP ou GIF."))
            width, height = probe.size
            if width * height > MAX_SOURCE_PIXELS:
                raise InvalidImage(_("Cette image est trop grande (plus de 40 millions de pixels)."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            image = ImageOps.exif_transpose(image)  # honour the camera's orientation, then forget it
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            square = ImageOps.fit(image, (SIZE, SIZE), method=Image.Resampling.LANCZOS)
    except InvalidImage:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise InvalidImage(_("Le fichier envoyé n'est pas une image lisible.")) from error
    # A brand-new image holds pixels and nothing else: EXIF, GPS and comments are gone.
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    out = io.BytesIO()
    clean.save(out, format="WEBP", quality=85, method=4)
    return out.getvalue()

