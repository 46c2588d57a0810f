"""Cover images and attachments, served only to those who may see their write-up."""
from __future__ import annotations

from flask import abort, send_file
from sqlalchemy import select

from pvd_network.core import uploads
from pvd_network.extensions import db
from pvd_network.writeups import files
from pvd_network.writeups.models import PUBLIC, PUBLISHED, Attachment, Writeup
from pvd_network.writeups.views import bp, get_or_404, viewable_or_abort

MAX_AGE = 7 * 24 * 3600  # stored names are random and never reused


def _send(path: str, writeup: Writeup, mimetype: str, download_name: str, as_attachment: bool):
    response = send_file(path, mimetype=mimetype, download_name=download_name, as_attachment=as_attachment,
                         conditional=True, max_age=MAX_AGE)
    if not (writeup.status == PUBLISHED and writeup.visibility == PUBLIC and writeup.hidden_at is None):
        response.cache_control.public = False
        response.cache_control.private = True  # members-only or unpublished: no shared caches
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/uploads/attachments/<name>")
def attachment(name: str):
    """An attachment: PDFs are downloaded (original file name), images shown."""
    if not uploads.is_stored_name(name):
        abort(404)
    item = db.session.scalar(select(Attachment).where(Attachment.stored_name == name))
    if item is None:
        abort(404)
    viewable_or_abort(item.writeup)
    path = files.path_of(files.ATTACHMENT_KIND, name)
    if path is None:
        abort(404)
    return _send(path, item.writeup, item.content_type, item.original_name, as_attachment=files.is_pdf(item))


@bp.get("/uploads/covers/<int:writeup_id>/<name>")
def cover(writeup_id: int, name: str):
    """A write-up's cover picture (re-encoded WebP)."""
    writeup = viewable_or_abort(get_or_404(writeup_id))
    path = files.path_of(files.COVER_KIND, name) if writeup.cover == name else None
    if path is None:
        abort(404)
    return _send(path, writeup, "image/webp", f"couverture-{writeup.id}.webp", as_attachment=False)
