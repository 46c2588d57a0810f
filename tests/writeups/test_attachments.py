"""Cover images and attachments: type read from the bytes, random names, limits, serving rules."""
from __future__ import annotations

import io
import os

from PIL import Image
from sqlalchemy import select

from pvd_network.core import uploads
from pvd_network.extensions import db
from pvd_network.writeups import files
from pvd_network.writeups.models import Attachment, Writeup
from tests.factories import make_user
from tests.helpers import field_errors
from tests.writeups.conftest import (
    PDF_BYTES,
    editor_form,
    image_bytes,
    new_writeup,
    only_writeup,
    post_editor,
)


def post_new(client, **files_by_field):
    """A complete new write-up, saved as a draft, with these files: field=[(name, bytes), ...]."""
    return post_editor(client, "/retours/nouveau", editor_form(), files=files_by_field)


def stored_files(app, kind: str) -> list[str]:
    folder = os.path.join(app.instance_path, "uploads", kind)
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def attachments_of(app, writeup_id: int) -> list[Attachment]:
    with app.app_context():
        rows = list(db.session.scalars(select(Attachment).where(Attachment.writeup_id == writeup_id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_a_pdf_and_an_image_are_stored_under_random_names(app, client, author):
    response = post_new(client, attachments=[("Bilan 2023.pdf", PDF_BYTES), ("plan.png", image_bytes())])
    assert response.status_code == 302
    writeup = only_writeup(app)
    pdf, png = attachments_of(app, writeup.id)
    assert (pdf.original_name, pdf.content_type) == ("Bilan 2023.pdf", "application/pdf")
    assert pdf.size == len(PDF_BYTES)
    assert (png.original_name, png.content_type) == ("plan.png", "image/png")
    assert stored_files(app, "attachments") == sorted([pdf.stored_name, png.stored_name])
    for item in (pdf, png):
        assert uploads.is_stored_name(item.stored_name)
        assert "Bilan" not in item.stored_name and "plan" not in item.stored_name


def test_the_type_comes_from_the_content_not_the_name(app, client, author):
    post_new(client, attachments=[("photo.png", PDF_BYTES), ("scan", image_bytes("JPEG"))])
    pdf, jpeg = attachments_of(app, only_writeup(app).id)
    assert (pdf.content_type, pdf.original_name) == ("application/pdf", "photo.png.pdf")
    assert (jpeg.content_type, jpeg.original_name) == ("image/jpeg", "scan.jpg")


def test_pdfs_are_downloaded_with_their_original_name(app, client, author):
    post_new(client, attachments=[("Bilan été 2023.pdf", PDF_BYTES)])
    (pdf,) = attachments_of(app, only_writeup(app).id)
    response = client.get(f"/uploads/attachments/{pdf.stored_name}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == PDF_BYTES
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Bilan%20%C3%A9t%C3%A9%202023.pdf" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_images_are_shown_inline_with_their_type(app, client, author):
    post_new(client, attachments=[("plan.webp", image_bytes("WEBP"))])
    (image,) = attachments_of(app, only_writeup(app).id)
    response = client.get(f"/uploads/attachments/{image.stored_name}")
    assert response.mimetype == "image/webp"
    assert response.headers["Content-Disposition"].startswith("inline;")


def test_a_file_of_another_type_is_a_field_error(app, client, author):
    response = post_new(client, attachments=[("rapport.pdf", b"<html><script>alert(1)</script></html>")])
    assert response.status_code == 422
    errors = field_errors(response.data, "attachments")
    assert errors == ["« rapport.pdf » n'est ni un PDF ni une image JPEG, PNG, WebP ou GIF."]
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None
    assert stored_files(app, "attachments") == []


def test_an_svg_is_refused(client, author):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = post_new(client, attachments=[("logo.svg", svg)])
    assert response.status_code == 422
    assert "n'est ni un PDF" in field_errors(response.data, "attachments")[0]


def test_an_empty_file_is_refused(client, author):
    response = post_new(client, attachments=[("vide.pdf", b"")])
    assert response.status_code == 422
    assert field_errors(response.data, "attachments") == ["« vide.pdf » est vide."]


def test_a_file_over_10_mb_is_a_field_error(app, client, author):
    big = b"%PDF-1.4\n" + b"0" * (files.MAX_FILE_BYTES)
    response = post_new(client, attachments=[("gros.pdf", big)])
    assert response.status_code == 422
    assert field_errors(response.data, "attachments") == ["« gros.pdf » dépasse 10 Mo : réduisez sa taille."]
    assert stored_files(app, "attachments") == []


def test_a_request_over_the_limit_gets_the_413_page(app, client, author):
    huge = b"%PDF-1.4\n" + b"0" * (12 * 1024 * 1024)
    response = post_new(client, attachments=[("huge.pdf", huge)])
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Writeup)) is None


def test_no_more_than_ten_attachments(app, client, author):
    writeup = new_writeup(app, author, status="draft")
    with app.app_context():
        stored = db.session.get(Writeup, writeup.id)
        for n in range(files.MAX_ATTACHMENTS):
            files.add_attachment(stored, files.CheckedFile(PDF_BYTES, "application/pdf", "pdf", f"{n}.pdf"))
        db.session.commit()
    response = post_editor(client, f"/retours/{writeup.id}/modifier", editor_form(),
                           files={"attachments": [("un-de-trop.pdf", PDF_BYTES)]})
    assert response.status_code == 422
    assert "au plus 10 pièces jointes" in field_errors(response.data, "attachments")[0]


def test_the_author_removes_an_attachment(app, client, author):
    post_new(client, attachments=[("a.pdf", PDF_BYTES), ("b.pdf", PDF_BYTES)])
    writeup = only_writeup(app)
    first, second = attachments_of(app, writeup.id)
    edit = client.get(f"/retours/{writeup.id}/modifier").get_data(as_text=True)
    assert f'value="{first.id}"' in edit and "a.pdf" in edit
    response = post_editor(client, f"/retours/{writeup.id}/modifier",
                           editor_form(remove_attachments=[str(first.id)]))
    assert response.status_code == 302
    assert [a.id for a in attachments_of(app, writeup.id)] == [second.id]
    assert stored_files(app, "attachments") == [second.stored_name]
    assert client.get(f"/uploads/attachments/{first.stored_name}").status_code == 404


def test_a_refused_edit_keeps_the_files(app, client, author):
    post_new(client, attachments=[("a.pdf", PDF_BYTES)])
    writeup = only_writeup(app)
    (item,) = attachments_of(app, writeup.id)
    response = post_editor(client, f"/retours/{writeup.id}/modifier",
                           editor_form(title="x", remove_attachments=[str(item.id)]))
    assert response.status_code == 422
    assert stored_files(app, "attachments") == [item.stored_name]
    assert "sélectionnez-les à nouveau" not in response.get_data(as_text=True)


def test_files_chosen_on_a_refused_form_must_be_chosen_again(client, author):
    response = post_editor(client, "/retours/nouveau", editor_form(title="x"),
                           files={"attachments": [("a.pdf", PDF_BYTES)]})
    assert response.status_code == 422
    assert "sélectionnez-les à nouveau" in response.get_data(as_text=True)


# --- Cover ----------------------------------------------------------------------------------


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Appareil de test"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 45.0, 50.0)}  # GPS
    return exif.tobytes()


def test_the_cover_is_re_encoded_without_metadata(app, client, author):
    photo = image_bytes("JPEG", size=(3200, 1800), exif=exif_with_gps())
    response = post_new(client, cover=[("photo.jpg", photo)])
    assert response.status_code == 302
    writeup = only_writeup(app)
    assert stored_files(app, "covers") == [writeup.cover]
    assert writeup.cover.endswith(".webp") and uploads.is_stored_name(writeup.cover)
    served = client.get(f"/uploads/covers/{writeup.id}/{writeup.cover}")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.format == "WEBP"
        assert image.size == (1600, 900)  # shrunk to fit, proportions kept
        assert not image.getexif()
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert f'src="/uploads/covers/{writeup.id}/{writeup.cover}"' in page


def test_a_cover_that_is_not_an_image_is_a_field_error(client, author):
    response = post_new(client, cover=[("photo.jpg", PDF_BYTES)])
    assert response.status_code == 422
    assert field_errors(response.data, "cover") == [
        "L'image de couverture doit être une image JPEG, PNG, WebP ou GIF."]


def test_a_cover_is_replaced_then_removed(app, client, author):
    post_new(client, cover=[("a.png", image_bytes())])
    writeup = only_writeup(app)
    old = writeup.cover
    post_editor(client, f"/retours/{writeup.id}/modifier", editor_form(),
                files={"cover": [("b.png", image_bytes(color="blue"))]})
    replaced = only_writeup(app).cover
    assert replaced != old and stored_files(app, "covers") == [replaced]
    assert client.get(f"/uploads/covers/{writeup.id}/{old}").status_code == 404
    post_editor(client, f"/retours/{writeup.id}/modifier", editor_form(remove_cover="y"))
    assert only_writeup(app).cover is None and stored_files(app, "covers") == []


def test_covers_are_served_only_under_their_writeup(app, client, author):
    post_new(client, cover=[("a.png", image_bytes())])
    writeup = only_writeup(app)
    other = new_writeup(app, author)
    assert client.get(f"/uploads/covers/{other.id}/{writeup.cover}").status_code == 404
    assert client.get(f"/uploads/covers/{writeup.id}/..%2Fsecret_key").status_code == 404


# --- Who gets the files ---------------------------------------------------------------------


def attach_pdf(app, writeup) -> Attachment:
    with app.app_context():
        item = files.add_attachment(db.session.get(Writeup, writeup.id),
                                    files.CheckedFile(PDF_BYTES, "application/pdf", "pdf", "bilan.pdf"))
        db.session.commit()
        db.session.refresh(item)
        db.session.expunge(item)
        return item


def test_files_of_a_public_writeup_are_public(app, client):
    with app.app_context():
        owner = make_user()
    item = attach_pdf(app, new_writeup(app, owner))
    response = client.get(f"/uploads/attachments/{item.stored_name}")
    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]


def test_files_of_a_members_only_writeup_need_signing_in(app, client, login_as):
    with app.app_context():
        owner = make_user()
    item = attach_pdf(app, new_writeup(app, owner, visibility="members"))
    response = client.get(f"/uploads/attachments/{item.stored_name}")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login_as("member")
    response = client.get(f"/uploads/attachments/{item.stored_name}")
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]


def test_files_of_a_draft_are_only_for_its_author_and_moderators(app, client, login_as):
    with app.app_context():
        owner = make_user()
    item = attach_pdf(app, new_writeup(app, owner, status="draft"))
    url = f"/uploads/attachments/{item.stored_name}"
    assert client.get(url).status_code == 404
    login_as("member")
    assert client.get(url).status_code == 404
    login_as("moderator")
    assert client.get(url).status_code == 200


def test_unknown_or_malformed_names_are_404(client):
    assert client.get("/uploads/attachments/inconnu-0123456789abcdef.pdf").status_code == 404
    assert client.get("/uploads/attachments/..%2F..%2Fsecret_key").status_code == 404
