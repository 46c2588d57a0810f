"""`flask writeups import|export`: the JSON Lines contract of shared/IMPORT_FORMAT.md."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, func, select

from pvd_network.core.changes import SearchChange
from pvd_network.extensions import db
from pvd_network.writeups import services
from pvd_network.writeups.models import MEMBERS, PUBLISHED, Writeup, WriteupRevision
from tests.factories import make_user


def line(**overrides) -> dict:
    """A valid line of the import format; ``key=None`` removes the key."""
    data = {
        "title": "Une maison de santé pluriprofessionnelle en centre-bourg",
        "summary": "Dix professionnels de santé réunis dans l'ancienne perception.",
        "commune_insee": "55122",
        "themes": ["acces-aux-soins"],
        "context": "Trois médecins partaient à la retraite.",
        "actions": "1. Étude de besoins\n2. Travaux",
        "external_id": "test:1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def write(path, *lines) -> str:
    """Write ``lines`` (dicts as JSON, strings as they are) to ``path``."""
    text = "\n".join(
        item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def count(model=Writeup) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def admin(app_ctx):
    return make_user(email="admin@anct.example.fr", role="admin", first_name="Anne", last_name="Lambert")


@pytest.fixture
def member(app_ctx):
    return make_user(email="claire.martin@commercy.example.fr", first_name="Claire", last_name="Martin")


def run(runner, *args):
    return runner.invoke(args=["writeups", *map(str, args)])


# --- Round trip ---------------------------------------------------------------------------


def test_export_wipe_import_export_gives_identical_lines(runner, tmp_path, admin, member):
    full = services.create_writeup(member, {
        "title": "Boutiques à l'essai rue Raymond-Poincaré",
        "summary": "Quatre cellules vacantes rouvertes en deux ans.",
        "commune_insee": "55029",
        "themes": ["commerce-centre-ville", "economie-emploi"],
        "context": "## Avant\n\nUn linéaire commercial vacant à **30 %**.",
        "actions": "- Bail précaire\n- Loyer progressif",
        "results": "Trois commerces sur quatre toujours ouverts.",
        "lessons": "Associer la CCI dès le départ.",
        "budget_eur": 85000,
        "funders": ["Banque des territoires", "Région Grand Est"],
        "partners": ["CCI Meuse Haute-Marne"],
        "stage": "realise",
        "year": 2021,
        "visibility": MEMBERS,
    }, status=PUBLISHED)
    full.external_id = "ville-bar-le-duc:boutiques"
    services.create_writeup(admin, {
        "title": "Un conseil citoyen pour le cœur de ville",
        "summary": "Douze habitants tirés au sort.",
        "commune_insee": "55122",
        "themes": ["participation-citoyenne"],
        "context": "Peu de monde aux réunions publiques.",
        "actions": "Tirage au sort sur les listes électorales.",
    }, status=PUBLISHED)
    services.create_writeup(member, {  # a draft is not exported
        "title": "Brouillon pas encore publié", "summary": "…", "commune_insee": "55122",
        "themes": ["mobilite"], "context": "x", "actions": "y",
    })
    db.session.commit()

    first = tmp_path / "first.jsonl"
    result = run(runner, "export", first)
    assert result.exit_code == 0, result.output
    assert "2 write-ups written" in result.output
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    records = [json.loads(text) for text in lines]
    assert records[0]["external_id"] == "ville-bar-le-duc:boutiques"
    assert records[0]["visibility"] == "members" and records[0]["budget_eur"] == 85000
    assert records[1]["external_id"].startswith("reseau-pvd:")
    assert "Boutiques à l'essai" in lines[0]  # UTF-8, not \u escapes

    db.session.execute(delete(Writeup))
    db.session.commit()
    assert count() == 0

    result = run(runner, "import", first)
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 unchanged" in result.output
    second = tmp_path / "second.jsonl"
    assert run(runner, "export", second).exit_code == 0
    assert second.read_text(encoding="utf-8").splitlines() == lines

    # Importing one's own export again changes nothing.
    result = run(runner, "import", second)
    assert "0 created, 0 updated, 2 unchanged" in result.output


# --- Invalid lines ------------------------------------------------------------------------

INVALID = [
    # (line, key expected in the report)
    (line(title="Abc"), "title"),
    (line(title="x" * 201), "title"),
    (line(summary="é" * 601), "summary"),
    (line(summary="Un <b>chapô</b> en HTML"), "summary"),
    (line(commune_insee="99999"), "commune_insee"),
    (line(commune_insee=55122), "commune_insee"),
    (line(themes=[]), "themes"),
    (line(themes=["mobilite", "numerique", "culture-tourisme", "logement-habitat"]), "themes"),
    (line(themes=["jardinage"]), "themes"),
    (line(themes="mobilite"), "themes"),
    (line(context=None), "context"),
    (line(actions=12), "actions"),
    (line(results=["non"]), "results"),
    (line(budget_eur=-5), "budget_eur"),
    (line(budget_eur="12000"), "budget_eur"),
    (line(budget_eur=1200.5), "budget_eur"),
    (line(funders="Anah"), "funders"),
    (line(partners=["CCI", 3]), "partners"),
    (line(stage="termine"), "stage"),
    (line(year="2021"), "year"),
    (line(author_email="personne@example.org"), "author_email"),
    (line(published_at="2023-13-01"), "published_at"),
    (line(published_at="01/02/2023"), "published_at"),
    (line(visibility="private"), "visibility"),
    (line(external_id=42), "external_id"),
    (line(auteur="Claire"), "auteur"),
]


def test_invalid_lines_are_reported_and_nothing_is_imported(runner, tmp_path, admin):
    valid = [line(external_id="ok:1"), line(external_id="ok:2", title="Un deuxième retour valide")]
    bad = [{**item, "external_id": f"bad:{n}"} if key != "external_id" else item
           for n, (item, key) in enumerate(INVALID)]
    path = write(tmp_path / "bad.jsonl", valid[0], *bad, "{pas du json", "[1, 2]", valid[1],
                 line(external_id="ok:1", title="Le même identifiant externe"))
    result = run(runner, "import", path)
    assert result.exit_code != 0
    assert count() == 0
    for number, (_item, key) in enumerate(INVALID, start=2):
        assert f"line {number}, {key}:" in result.output, (number, key, result.output)
        assert result.output.count(f"line {number},") == 1, (number, result.output)  # one problem each
    malformed = len(INVALID) + 2
    assert f"line {malformed}: malformed JSON" in result.output
    assert f"line {malformed + 1}: expected a JSON object" in result.output
    assert f"line {malformed + 3}, external_id: already used on line 1" in result.output
    assert "line 1," not in result.output and f"line {malformed + 2}," not in result.output
    assert "Nothing imported" in result.output

    result = run(runner, "import", "--skip-invalid", path)
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output
    assert sorted(db.session.scalars(select(Writeup.external_id))) == ["ok:1", "ok:2"]


def test_dry_run_validates_and_writes_nothing(runner, tmp_path, admin):
    path = write(tmp_path / "ok.jsonl", line(external_id="a"), line(external_id="b"))
    result = run(runner, "import", "--dry-run", path)
    assert result.exit_code == 0, result.output
    assert "2 would be created" in result.output and "Nothing written" in result.output
    assert count() == 0 and count(SearchChange) == 0

    bad = write(tmp_path / "bad.jsonl", line(external_id="a"), line(stage="fini"))
    result = run(runner, "import", "--dry-run", bad)
    assert result.exit_code != 0
    assert "line 2, stage:" in result.output
    assert count() == 0


# --- Idempotency --------------------------------------------------------------------------


def test_reimport_updates_by_external_id(runner, tmp_path, admin):
    first = write(tmp_path / "v1.jsonl", line(external_id="x:1", budget_eur=1000),
                  line(external_id="x:2", title="Un autre retour d'expérience"))
    assert "2 created, 0 updated, 0 unchanged" in run(runner, "import", first).output
    result = run(runner, "import", first)
    assert "0 created, 0 updated, 2 unchanged" in result.output
    assert count() == 2 and count(WriteupRevision) == 2
    changes = count(SearchChange)

    second = write(tmp_path / "v2.jsonl", line(external_id="x:1", title="Un titre corrigé après relecture"),
                   line(external_id="x:2", title="Un autre retour d'expérience"),
                   line(external_id="x:3", title="Un troisième, nouveau"))
    result = run(runner, "import", second)
    assert result.exit_code == 0, result.output
    assert "1 created, 1 updated, 1 unchanged" in result.output
    assert count() == 3
    writeup = db.session.scalar(select(Writeup).where(Writeup.external_id == "x:1"))
    db.session.refresh(writeup)
    assert writeup.title == "Un titre corrigé après relecture"
    assert writeup.budget_eur is None  # the line no longer has it: the file is the truth
    assert [r.number for r in writeup.revisions] == [1, 2]
    assert count(SearchChange) > changes


def test_imported_writeups_are_published_with_the_given_date(runner, tmp_path, admin):
    path = write(tmp_path / "ok.jsonl", line(published_at="2022-03-15", visibility="members",
                                             funders=["ADEME", " "], stage="en-cours", year=2022))
    assert run(runner, "import", path).exit_code == 0
    writeup = db.session.scalar(select(Writeup))
    assert writeup.status == PUBLISHED
    assert writeup.published_at.date().isoformat() == "2022-03-15"
    assert writeup.visibility == MEMBERS and writeup.funders == ["ADEME"]
    assert writeup.region_code == "44" and writeup.slug.startswith("une-maison-de-sante")
    assert [t.slug for t in writeup.themes] == ["acces-aux-soins"]


# --- Authors ------------------------------------------------------------------------------


def authors_by_external_id() -> dict[str, str]:
    return {w.external_id: w.author.email for w in db.session.scalars(select(Writeup))}


def test_author_is_author_email_then_option_then_first_admin(runner, tmp_path, admin, member):
    make_user(email="second.admin@anct.example.fr", role="admin")
    other = make_user(email="nadia.benali@tulle.example.fr", commune_insee="19272")
    path = write(tmp_path / "a.jsonl", line(external_id="own", author_email=member.email.upper()),
                 line(external_id="none"))
    assert run(runner, "import", "--author", other.email, path).exit_code == 0
    assert authors_by_external_id() == {"own": member.email, "none": other.email}

    path = write(tmp_path / "b.jsonl", line(external_id="admin"))
    assert run(runner, "import", path).exit_code == 0
    assert authors_by_external_id()["admin"] == admin.email


def test_unknown_author_option_or_no_admin_is_a_clear_error(runner, tmp_path, member):
    path = write(tmp_path / "a.jsonl", line(external_id="own", author_email=member.email),
                 line(external_id="none"))
    result = run(runner, "import", "--author", "inconnu@example.org", path)
    assert result.exit_code != 0
    assert "--author: no member with the address inconnu@example.org" in result.output

    result = run(runner, "import", path)
    assert result.exit_code != 0
    assert "there is no administrator account" in result.output and "(2)" in result.output
    assert count() == 0

    # Every line naming its author needs no administrator.
    path = write(tmp_path / "b.jsonl", line(external_id="own", author_email=member.email))
    assert run(runner, "import", path).exit_code == 0
    assert count() == 1


# --- Bad files ----------------------------------------------------------------------------


def test_malformed_json_line(runner, tmp_path, admin):
    path = write(tmp_path / "m.jsonl", line(external_id="a"), '{"title": "Sans fin", ', line(external_id="b"))
    result = run(runner, "import", path)
    assert result.exit_code != 0
    assert "line 2: malformed JSON" in result.output
    assert count() == 0


def test_empty_file_imports_nothing(runner, tmp_path, admin):
    for name, text in (("empty.jsonl", ""), ("blank.jsonl", "\n  \n\n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run(runner, "import", path)
        assert result.exit_code == 0, result.output
        assert "0 lines" in result.output and "Nothing to import" in result.output
    assert count() == 0


def test_non_utf8_file_is_refused_with_the_line(runner, tmp_path, admin):
    path = tmp_path / "latin1.jsonl"
    good = json.dumps(line(external_id="a"), ensure_ascii=False).encode("utf-8")
    bad = json.dumps(line(external_id="b"), ensure_ascii=False).encode("latin-1")
    path.write_bytes(good + b"\n" + bad + b"\n")
    result = run(runner, "import", path)
    assert result.exit_code != 0
    assert "line 2: not UTF-8" in result.output
    assert count() == 0


def test_export_leaves_out_hidden_writeups(runner, tmp_path, admin):
    path = write(tmp_path / "a.jsonl", line(external_id="a"), line(external_id="b"))
    run(runner, "import", path)
    hidden = db.session.scalar(select(Writeup).where(Writeup.external_id == "b"))
    hidden.hidden_at = hidden.published_at
    db.session.commit()
    out = tmp_path / "out.jsonl"
    assert run(runner, "export", out).exit_code == 0
    assert [json.loads(text)["external_id"] for text in out.read_text().splitlines()] == ["a"]
