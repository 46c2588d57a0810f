"""Profiles: what members see, editing one's own, the picture."""

from __future__ import annotations

import io
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.users.avatars import MAX_BYTES, SIZE
from tests.factories import make_user
from tests.helpers import field_errors, input_value, submit


def profile_form(**changes) -> dict:
    data = {
        "first_name": "Claire",
        "last_name": "Martin",
        "function": "chef-projet",
        "organisation": "CC Commercy – Void – Vaucouleurs",
        "commune": "Commercy (55122)",
        "bio": "",
        "locale": "",
    }
    data.update(changes)
    return data


def image_bytes(fmt="JPEG", size=(640, 480), exif=None, color="orange") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def upload(client, data: bytes, name="photo.jpg", **changes):
    return submit(
        client,
        "/compte/profil",
        {**profile_form(**changes), "avatar": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_profile_shows_function_organisation_commune_department_and_region(app, client, login_as):
    login_as("member")
    with app.app_context():
        other = make_user(
            first_name="Thomas",
            last_name="Lefèvre",
            function="elu",
            organisation="Ville d'Issoire",
            commune_insee="63178",
            bio="Adjoint à l'urbanisme.",
            bio_html="<p>Adjoint à l'urbanisme.</p>",
        )
    html = unescape(client.get(f"/membres/{other.id}").get_data(as_text=True))
    assert '<h1 class="fr-mb-1w">Thomas Lefèvre</h1>' in html
    assert "Élu·e · Ville d'Issoire" in html
    assert ">Issoire</a>" in html and "Puy-de-Dôme (63)" in html and "Auvergne-Rhône-Alpes" in html
    assert "<p>Adjoint à l'urbanisme.</p>" in html
    assert 'pvd-avatar--initials" aria-hidden="true">TL<' in html


def test_edit_my_profile_with_markdown_bio(app, client, login_as):
    user = login_as("member")
    page = client.get("/compte/profil")
    assert input_value(page.data, "commune") == "Commercy (55122)"
    bio = "Je coordonne **l'OPAH-RU**.\n\n[Site](https://commercy.fr) <script>alert(1)</script>"
    response = submit(
        client, "/compte/profil", profile_form(first_name="Claire", bio=bio, commune="Issoire", locale="en")
    )
    assert response.status_code == 302 and response.headers["Location"] == f"/membres/{user.id}"
    with app.app_context():
        saved = db.session.get(User, user.id)
        assert saved.bio == bio
        assert (
            "<strong>l'OPAH-RU</strong>" in saved.bio_html or "<strong>l’OPAH-RU</strong>" in saved.bio_html
        )
        assert 'rel="nofollow ugc noopener"' in saved.bio_html and "<script" not in saved.bio_html
        assert saved.commune_insee == "63178" and saved.search_name == "claire martin"
        assert saved.locale == "en"
    # The interface follows the member's language preference.
    assert '<html lang="en"' in client.get(f"/membres/{user.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Indiquez votre prénom."),
        ({"organisation": "x" * 10_000}, "organisation", "Ce champ ne doit pas dépasser 200 caractères."),
        ({"bio": "x" * 10_000}, "bio", "Ce champ ne doit pas dépasser 5000 caractères."),
        ({"commune": "Nulle-Part-sur-Mer"}, "commune", "Aucune commune ne correspond"),
        ({"function": "roi"}, "function", "Choisissez une valeur dans la liste."),
        ({"locale": "tlh"}, "locale", "Choisissez une valeur dans la liste."),
    ],
)
def test_profile_bad_input_is_refused_beside_the_field(client, login_as, changes, field, message):
    login_as("member")
    response = submit(client, "/compte/profil", profile_form(**changes))
    assert response.status_code == 422
    errors = field_errors(response.data, field)
    assert errors and errors[0].startswith(message), errors
    if field != "first_name":
        assert input_value(response.data, "first_name") == "Claire"


def test_avatar_is_reencoded_square_webp_without_exif(app, client, login_as):
    user = login_as("member")
    exif = Image.Exif()
    exif[0x010F] = "Appareil de Claire"  # Make
    exif[0x8825] = {2: (48.0, 45.0, 0.0)}  # GPS
    response = upload(client, image_bytes(size=(800, 400), exif=exif.tobytes()))
    assert response.status_code == 302, field_errors(response.data, "avatar")
    with app.app_context():
        name = db.session.get(User, user.id).avatar
    stored = Path(app.instance_path) / "uploads" / "avatars" / name
    with Image.open(stored) as image:
        assert image.format == "WEBP" and image.size == (SIZE, SIZE)
        assert not image.info.get("exif") and not image.getexif()
    assert b"Appareil de Claire" not in stored.read_bytes()
    served = client.get(f"/uploads/avatars/{name}")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert f'src="/uploads/avatars/{name}"' in client.get(f"/membres/{user.id}").get_data(as_text=True)

    # Replacing it removes the old file; removing it shows the initials again.
    upload(client, image_bytes("PNG", color="blue"), name="autre.png")
    with app.app_context():
        second = db.session.get(User, user.id).avatar
    assert second != name and not stored.exists()
    submit(client, "/compte/profil", {**profile_form(), "remove_avatar": "y"})
    with app.app_context():
        assert db.session.get(User, user.id).avatar is None
    assert not (stored.parent / second).exists()


def test_a_file_that_is_not_an_image_is_refused_and_the_form_kept(app, client, login_as):
    user = login_as("member")
    response = upload(client, b"%PDF-1.4 pas une image", name="cv.pdf", organisation="Mairie de Commercy")
    assert response.status_code == 422
    assert field_errors(response.data, "avatar") == ["Le fichier envoyé n'est pas une image lisible."]
    assert input_value(response.data, "organisation") == "Mairie de Commercy"
    with app.app_context():
        assert db.session.get(User, user.id).avatar is None
    assert list((Path(app.instance_path) / "uploads" / "avatars").glob("*")) == []


def test_an_image_over_2_mb_is_refused(client, login_as):
    login_as("member")
    big = image_bytes("PNG") + b"\0" * MAX_BYTES
    response = upload(client, big, name="grande.png")
    assert response.status_code == 422
    assert field_errors(response.data, "avatar") == ["L'image ne doit pas dépasser 2 Mo."]


def test_other_image_formats_are_refused(client, login_as):
    login_as("member")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    response = upload(client, out.getvalue(), name="image.bmp")
    assert response.status_code == 422
    assert field_errors(response.data, "avatar") == ["Envoyez une image au format JPEG, PNG, WebP ou GIF."]


def test_a_truncated_image_is_refused(client, login_as):
    login_as("member")
    response = upload(client, image_bytes()[:200])
    assert response.status_code == 422
    assert field_errors(response.data, "avatar") == ["Le fichier envoyé n'est pas une image lisible."]


@pytest.mark.parametrize("name", ["../secret_key", "x.webp", "..%2Fsecret_key", "a" * 20 + ".webp"])
def test_the_avatar_view_serves_only_stored_files(client, name):
    assert client.get(f"/uploads/avatars/{name}").status_code == 404


def test_profiles_of_accounts_that_are_not_active_are_hidden_from_members(app, client, login_as):
    login_as("member")
    with app.app_context():
        hidden = [make_user(status=s).id for s in ("unconfirmed", "pending", "suspended", "refused")]
    for user_id in hidden:
        assert client.get(f"/membres/{user_id}").status_code == 404
    assert client.get("/membres/999999").status_code == 404


def test_moderators_see_profiles_of_suspended_members(app, client, login_as):
    login_as("moderator")
    with app.app_context():
        suspended = make_user(status="suspended").id
    response = client.get(f"/membres/{suspended}")
    assert response.status_code == 200 and "Suspendu" in response.get_data(as_text=True)


def test_a_form_posted_with_missing_fields_is_refused_not_crashed(client, login_as):
    login_as("member")
    response = submit(client, "/compte/profil", {"bio": "Seulement une présentation."})
    assert response.status_code == 422
    for field in ("first_name", "last_name", "function", "organisation", "commune"):
        assert field_errors(response.data, field), field
