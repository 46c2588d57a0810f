"""Benchmark corpus: N published write-ups in French over real small communes, by a few hundred members.

Usage: .venv/bin/python benchmarks/corpus.py [--writeups 20000] [--members 300] [--comments 100000]
       [--instance DIR] [--database-url URL] [--seed 1]
Creates the schema (migrations) and the full Etalab geography when missing, then adds the
write-ups with bulk inserts (one revision and one search change-log row each, as the
services would write them). Reusable: :func:`build_corpus` inside an application context,
:func:`ensure_corpus` to build only what is missing. Corpus rows have external_id "corpus:<n>"
and members the addresses "*@corpus.example.fr".
"""
from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import click  # noqa: E402
from corpus_text import (  # noqa: E402
    FUNDERS,
    PARTNERS,
    THEME_WEIGHTS,
    THEMES,
    Writer,
    check_html,
    comment_text,
)
from sqlalchemy import bindparam, func, insert, select, update  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from pvd_network.auth.models import User  # noqa: E402
from pvd_network.core.changes import SearchChange  # noqa: E402
from pvd_network.core.database import as_utc  # noqa: E402
from pvd_network.core.text import fold  # noqa: E402
from pvd_network.discussions.models import Comment  # noqa: E402
from pvd_network.extensions import db  # noqa: E402
from pvd_network.geo.models import Commune  # noqa: E402
from pvd_network.themes.models import Theme  # noqa: E402
from pvd_network.writeups.models import PUBLISHED, Writeup, WriteupRevision, writeup_themes  # noqa: E402
from pvd_network.writeups.services import slugify  # noqa: E402

PREFIX = "corpus:"
EMAIL_DOMAIN = "corpus.example.fr"
MEMBER_PASSWORD = "corpus-benchmark-2026"  # noqa: S105 - benchmark accounts only
TOWNS = (2000, 20000)  # population range of PVD-like towns
TOWN_COUNT = 1600  # about as many as the programme has
CHUNK = 1000
FIRST_NAMES = [
    "Camille", "Julien", "Sophie", "Thomas", "Nadia", "Karim", "Élodie", "Marc", "Anne", "Laure", "Hugo",
    "Chloé", "Mathieu", "Inès", "Pierre", "Léa", "Nicolas", "Manon", "Yann", "Fatou", "Bruno", "Aurélie",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Le Gall",
]
FUNCTIONS = ["chef-projet"] * 6 + ["elu", "agent", "partenaire"]


@dataclass
class CorpusReport:
    members: int
    writeups: int
    seconds: float
    comments: int = 0


def _towns(rng: random.Random) -> list[Commune]:
    rows = db.session.execute(
        select(Commune.insee, Commune.name, Commune.department_code, Commune.region_code)
        .where(Commune.population.between(*TOWNS))
        .order_by(Commune.insee)
    ).all()
    if not rows:
        raise SystemExit("No communes: import the geography first (flask geo import).")
    return rng.sample(rows, min(TOWN_COUNT, len(rows)))


def _members(count: int, towns: list, rng: random.Random) -> list[tuple[int, str]]:
    """Create the members that are missing; (id, commune INSEE) of each."""
    existing = db.session.execute(
        select(User.id, User.commune_insee).where(User.email.like(f"%@{EMAIL_DOMAIN}")).order_by(User.id)
    ).all()
    missing = count - len(existing)
    if missing > 0:
        password_hash = generate_password_hash(MEMBER_PASSWORD)
        now = datetime.now(UTC)
        rows = []
        for i in range(len(existing), count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            town = rng.choice(towns)
            rows.append({
                "email": f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}.{i}@{EMAIL_DOMAIN}",
                "password_hash": password_hash, "first_name": first, "last_name": last,
                "search_name": fold(f"{first} {last}"), "function": rng.choice(FUNCTIONS),
                "organisation": f"Mairie de {town.name}", "commune_insee": town.insee, "role": "member",
                "status": "active", "confirmed_at": now, "approved_at": now, "terms_accepted_at": now,
                "status_changed_at": now,
            })
        db.session.execute(insert(User), rows)
        existing = db.session.execute(
            select(User.id, User.commune_insee).where(User.email.like(f"%@{EMAIL_DOMAIN}")).order_by(User.id)
        ).all()
    return [(row.id, row.commune_insee) for row in existing[:count]]


def _size(rng: random.Random) -> float:
    """Section size factor: most write-ups are medium, a few are long."""
    return min(3.0, max(0.5, rng.lognormvariate(0, 0.45)))


def _writeup_rows(number: int, rng: random.Random, writer: Writer, towns: dict, town_list: list,
                  members: list, start: datetime, span: float) -> tuple[dict, list[str]]:
    author_id, home = rng.choice(members)
    town = towns.get(home) if rng.random() < 0.8 else None
    town = town or rng.choice(town_list)
    slugs = list(dict.fromkeys(rng.choices(list(THEME_WEIGHTS), weights=list(THEME_WEIGHTS.values()),
                                           k=rng.choice((1, 1, 2, 2, 2, 3)))))
    obj = rng.choice(THEMES[slugs[0]])
    size = _size(rng)
    title = writer.title(obj, town.name)
    context, context_html = writer.context(slugs[0], town.name, size)
    actions, actions_html = writer.actions(slugs[0], obj, size)
    results, results_html = writer.results(slugs[0], size)
    lessons, lessons_html = writer.lessons(size)
    published_at = start + timedelta(seconds=rng.random() * span)
    stage = rng.choice(("idee", "en-cours", "en-cours", "realise", "realise", "realise"))
    row = {
        "slug": slugify(title), "title": title, "summary": writer.summary(obj, town.name),
        "author_id": author_id,
        "commune_insee": town.insee, "department_code": town.department_code, "region_code": town.region_code,
        "context": context, "context_html": context_html, "actions": actions, "actions_html": actions_html,
        "results": results, "results_html": results_html, "lessons": lessons, "lessons_html": lessons_html,
        "budget_eur": int(round(math.exp(rng.uniform(math.log(15000), math.log(8_000_000))), -3)),
        "funders": rng.sample(FUNDERS, rng.randint(1, 4)),
        "partners": rng.sample(PARTNERS, rng.randint(0, 4)),
        "stage": stage, "year": rng.randint(2016, 2025),
        "visibility": "members" if rng.random() < 0.1 else "public",
        "status": PUBLISHED, "moderation_message": "", "published_at": published_at,
        "created_at": published_at - timedelta(days=rng.randint(1, 40)), "updated_at": published_at,
        "external_id": f"{PREFIX}{number}",
    }
    return row, slugs


def _revision_content(row: dict, slugs: list[str]) -> dict:
    keys = ("title", "summary", "budget_eur", "stage", "year", "visibility", "funders", "partners",
            "context", "actions", "results", "lessons", "commune_insee")
    return {**{key: row[key] for key in keys}, "themes": slugs}


def build_corpus(writeups: int = 20000, members: int = 300, seed: int = 1) -> CorpusReport:
    """Add corpus write-ups up to ``writeups`` (idempotent by count); commits per chunk."""
    started = time.perf_counter()
    rng = random.Random(seed)
    town_list = _towns(rng)
    member_rows = _members(members, town_list, rng)
    towns = {t.insee: t for t in town_list}
    for insee in {home for _id, home in member_rows} - set(towns):
        towns[insee] = db.session.execute(
            select(Commune.insee, Commune.name, Commune.department_code, Commune.region_code)
            .where(Commune.insee == insee)
        ).one()
    theme_ids = dict(db.session.execute(select(Theme.slug, Theme.id)).all())
    missing_themes = set(THEMES) - set(theme_ids)
    if missing_themes:
        raise SystemExit(f"Themes missing from the database: {', '.join(sorted(missing_themes))}")
    done = db.session.scalar(
        select(func.count()).select_from(Writeup).where(Writeup.external_id.like(f"{PREFIX}%"))
    )
    writer = Writer(rng)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 11, 1, tzinfo=UTC) - start).total_seconds()
    numbers = range(done + 1, writeups + 1)
    chunks = [numbers[i : i + CHUNK] for i in range(0, len(numbers), CHUNK)]
    checked = False
    with click.progressbar(chunks, label=f"Write-ups ({len(numbers)})", show_pos=True) as bar:
        for chunk in bar:
            built = [_writeup_rows(n, rng, writer, towns, town_list, member_rows, start, span) for n in chunk]
            if not checked:
                check_html([row for row, _slugs in built[:25]])
                checked = True
            ids = db.session.scalars(
                insert(Writeup).returning(Writeup.id, sort_by_parameter_order=True), [row for row, _ in built]
            ).all()
            db.session.execute(insert(writeup_themes), [
                {"writeup_id": wid, "theme_id": theme_ids[slug]}
                for wid, (_row, slugs) in zip(ids, built, strict=True) for slug in slugs
            ])
            db.session.execute(insert(WriteupRevision), [
                {"writeup_id": wid, "number": 1, "editor_id": None, "created_at": row["published_at"],
                 "content": _revision_content(row, slugs), "note": ""}
                for wid, (row, slugs) in zip(ids, built, strict=True)
            ])
            db.session.execute(insert(SearchChange), [
                {"entity": "writeup", "entity_id": wid, "kind": "upsert"} for wid in ids
            ])
            db.session.commit()
    return CorpusReport(members=len(member_rows), writeups=writeups, seconds=time.perf_counter() - started)


BUSY_WRITEUPS = 10  # the first corpus write-ups: BUSY_COMMENTS comments each (page benchmark)
BUSY_COMMENTS = 200


def build_comments(total: int = 100000, seed: int = 1) -> int:
    """Add comments on corpus write-ups up to ``total`` (idempotent by count): questions and
    answers (a third are replies), most write-ups with a few, some with many, and the first
    :data:`BUSY_WRITEUPS` with :data:`BUSY_COMMENTS` each. One change-log row per comment."""
    rng = random.Random(seed + 1)
    corpus = db.session.execute(
        select(Writeup.id, Writeup.title, Writeup.published_at)
        .where(Writeup.external_id.like(f"{PREFIX}%")).order_by(Writeup.id)
    ).all()
    members = db.session.scalars(select(User.id).where(User.email.like(f"%@{EMAIL_DOMAIN}"))).all()
    done = db.session.scalar(
        select(func.count()).select_from(Comment).join(Writeup, Writeup.id == Comment.writeup_id)
        .where(Writeup.external_id.like(f"{PREFIX}%"))
    )
    missing = total - done
    if missing <= 0 or not corpus:
        return done
    busy_ids = {wid for wid, _slug in busy_writeups()}
    busy = [row for row in corpus if row.id in busy_ids]
    rest = [row for row in corpus if row.id not in busy_ids]
    targets = [row for row in busy for _ in range(BUSY_COMMENTS)] if not done else []
    weights = [min(rng.lognormvariate(0, 1.0), 25.0) for _ in rest]  # a few lively discussions
    targets += rng.choices(rest, weights=weights, k=max(0, missing - len(targets)))
    targets = targets[:missing]
    with click.progressbar(range(0, len(targets), CHUNK * 5), label=f"Comments ({len(targets)})",
                           show_pos=True) as bar:
        for start in bar:
            chunk = targets[start : start + CHUNK * 5]
            rows = []
            for writeup in chunk:
                answer = rng.random() < 0.4
                text, html = comment_text(rng, writeup.title.split(":")[0].lower(), answer)
                created = as_utc(writeup.published_at) + timedelta(hours=rng.randint(1, 24 * 200))
                rows.append({
                    "writeup_id": writeup.id, "author_id": rng.choice(members), "body": text,
                    "body_html": html, "useful_count": 0, "hidden_reason": "",
                    "created_at": created, "updated_at": created,
                })
            ids = db.session.scalars(
                insert(Comment).returning(Comment.id, sort_by_parameter_order=True), rows
            ).all()
            db.session.execute(insert(SearchChange), [
                {"entity": "comment", "entity_id": cid, "kind": "upsert"} for cid in ids
            ])
            db.session.commit()
    _thread_replies(rng)
    counts = db.session.execute(
        select(Comment.writeup_id, func.count()).group_by(Comment.writeup_id)
    ).all()
    for chunk_start in range(0, len(counts), CHUNK):
        db.session.execute(
            update(Writeup.__table__).where(Writeup.__table__.c.id == bindparam("wid"))
            .values(comment_count=bindparam("n")),
            [{"wid": wid, "n": n} for wid, n in counts[chunk_start : chunk_start + CHUNK]],
        )
    db.session.commit()
    return total


def _thread_replies(rng: random.Random) -> None:
    """Make about half of the comments after the first of each discussion replies to an earlier
    top-level comment (threads are one level deep)."""
    rows = db.session.execute(
        select(Comment.id, Comment.writeup_id).where(Comment.parent_id.is_(None))
        .order_by(Comment.writeup_id, Comment.id)
    ).all()
    replies, tops, current = [], [], None
    for comment_id, writeup_id in rows:
        if writeup_id != current:
            current, tops = writeup_id, []
        if tops and rng.random() < 0.5:
            replies.append({"cid": comment_id, "parent": rng.choice(tops)})
        else:
            tops.append(comment_id)
    for start in range(0, len(replies), CHUNK):
        db.session.execute(
            update(Comment.__table__).where(Comment.__table__.c.id == bindparam("cid"))
            .values(parent_id=bindparam("parent")),
            replies[start : start + CHUNK],
        )


def busy_writeups() -> list[tuple[int, str]]:
    """(id, slug) of the corpus write-ups with :data:`BUSY_COMMENTS` comments (the first public ones)."""
    return [tuple(row) for row in db.session.execute(
        select(Writeup.id, Writeup.slug)
        .where(Writeup.external_id.like(f"{PREFIX}%"), Writeup.visibility == "public")
        .order_by(Writeup.id).limit(BUSY_WRITEUPS)
    )]


def corpus_ids() -> list[tuple[int, str]]:
    """(id, slug) of every corpus write-up, for load scripts."""
    return [tuple(row) for row in db.session.execute(
        select(Writeup.id, Writeup.slug).where(Writeup.external_id.like(f"{PREFIX}%")).order_by(Writeup.id)
    )]


def prepare_database(progress: bool = True) -> None:
    """Schema by the migrations, then the full geography if it is not there yet."""
    from flask_migrate import upgrade

    from pvd_network.geo.services import import_reference

    upgrade()
    if db.session.scalar(select(func.count()).select_from(Commune)) < 30000:
        import_reference()
        db.session.commit()


def make_app(instance: Path, database_url: str | None):
    from pvd_network import create_app

    url = database_url or f"sqlite:///{instance}/pvd.sqlite3"
    return create_app({"INSTANCE_PATH": instance, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})


def ensure_corpus(instance: Path, database_url: str | None, writeups: int, members: int,
                  seed: int = 1, comments: int = 0) -> CorpusReport:
    """Prepare the database in ``instance`` and build the corpus write-ups (and comments) missing."""
    app = make_app(instance, database_url)
    with app.app_context():
        prepare_database()
        report = build_corpus(writeups=writeups, members=members, seed=seed)
        started = time.perf_counter()
        report.comments = build_comments(comments, seed) if comments else 0
        report.seconds += time.perf_counter() - started
        db.engine.dispose()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writeups", type=int, default=20000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--instance", type=Path, help="Instance folder to fill (default: a temporary one).")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        instance = (args.instance or Path(tmp)).resolve()
        instance.mkdir(parents=True, exist_ok=True)
        report = ensure_corpus(instance, args.database_url, args.writeups, args.members, args.seed,
                               args.comments)
    backend = (args.database_url or "sqlite").split(":", 1)[0]
    print(f"| corpus ({backend}) | members | write-ups | comments | seconds |")
    print("|---|---:|---:|---:|---:|")
    print(f"| build | {report.members} | {report.writeups} | {report.comments} | {report.seconds:.1f} |")


if __name__ == "__main__":
    main()
