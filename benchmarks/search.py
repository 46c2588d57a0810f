"""Benchmark: French full-text search on 20,000 write-ups and 100,000 comments, against SQLite FTS5.

Usage: .venv/bin/python benchmarks/search.py [--writeups 20000] [--instance DIR] [--database-url URL]
       [--clients 8] [--rounds 5] [--requests 800] [--seconds 120] [--publications 20]
Builds (or reuses, with --instance) the corpus of benchmarks/corpus.py, then:
1. `flask search rebuild` (its progress bar and its documents/s; target ≥ 400/s);
2. loads the same documents into SQLite FTS5 (``unicode61 remove_diacritics 2``) and times the
   same queries there: bm25 ranking, ``snippet()`` excerpts, total, and facet counts by GROUP BY
   over the matching rowids — the peer to beat;
3. starts gunicorn (2 workers) on a free port of 127.0.0.1 and times ``GET /api/v1/search``
   (facets and highlights included) at 1 client, then at 8 concurrent clients, with the result
   cache off (every request computed) and on (repeated queries served from it);
4. publishes write-ups through the services in this process and polls the API until each is
   found (publish → searchable);
5. reads the resident memory (VmRSS) of each gunicorn worker with its searcher open.
Prints markdown tables and the verdict on each target. Loopback only; bounded requests and time.
The corpus has 100,000 comments (``--comments``): indexed as documents of their own in both
engines, each carrying its write-up's facets; a query finds write-ups directly or through a
comment, counted once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import ensure_corpus, make_app  # noqa: E402
from pages import BIN, Stats, free_port, get, load, server_env, start_server, stop_server  # noqa: E402

from pvd_network.extensions import db  # noqa: E402

TARGET_RATE = 400  # documents/s for a full rebuild
TARGET_CONCURRENCY_FACTOR = 4  # p95 at 8 clients ≤ 4 × p95 at one client
TARGET_PUBLISH_P95_S = 1.0
TARGET_RSS_MB = 300
PER_PAGE = 20

# (query, facet filters): what chefs de projet type, with and without facets.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("maison de santé", {}),
    ("maison de santé", {"theme": "acces-aux-soins"}),
    ("commerce vacant", {}),
    ("commerces vacants", {"region": "44"}),
    ("friche", {}),
    ("tiers-lieu", {}),
    ("vélo", {}),
    ("vélo", {"year": "2023"}),
    ("OPAH-RU", {}),
    ("mediatheque", {}),
    ("France services", {}),
    ("ORT", {}),
    ("opération de revitalisation de territoire", {}),
    ("revitalisation centre-bourg", {}),
    ("piste cyclable", {}),
    ("réouverture des halles", {}),
    ("rénovation énergétique des écoles", {"stage": "realise"}),
    ('"centre ancien"', {}),
    ("logement -social", {}),
    ("vélo OU covoiturage", {}),
    ("revitalis*", {}),
    ("transport à la demande", {"region": "84"}),
    ("médecin traitant", {}),
    ("conseil municipal des jeunes", {}),
    ("ravalement des façades", {"theme": "patrimoine-cadre-de-vie"}),
    ("conseiller numérique", {}),
    ("budget participatif", {}),
    ("jardin partagé", {}),
    ("boutiques à l'essai", {}),
    ("réseau de chaleur", {}),
    ("mediatheqe", {}),  # typos
    ("comerce vacant", {}),
    ("revitalisaton", {}),
    ("", {}),  # the newest write-ups, with facets
    ("", {"theme": "mobilite", "region": "53"}),
]
WEIGHTS = (3.0, 2.0, 1.0, 1.5, 1.5, 1.0)  # title, summary, body, places, themes, author: the index's boosts


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, in milliseconds (``values`` in seconds)."""
    return Stats("", latencies=list(values)).percentile(p)


# --- 1. Rebuild ------------------------------------------------------------------------------


def rebuild(env: dict[str, str]) -> tuple[int, float]:
    """`flask search rebuild`, its progress bar on stderr; (documents, seconds)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "flask"), "search", "rebuild"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    output, _ = process.communicate()
    elapsed = time.perf_counter() - started
    print(output, file=sys.stderr, end="")
    if process.returncode != 0:
        raise SystemExit("flask search rebuild failed")
    match = re.search(r": (\d+) documents in ([\d.]+) s", output)
    documents = int(match.group(1)) if match else 0
    return documents, float(match.group(2)) if match else elapsed


# --- 2. The SQLite FTS5 peer -------------------------------------------------------------------


FTS_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, places, themes_text, author,
                                    tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE docs (rowid INTEGER PRIMARY KEY, writeup_id INTEGER, visibility TEXT, region TEXT,
                   department TEXT, stage TEXT, year INTEGER, published_at TEXT);
CREATE TABLE doc_themes (rowid INTEGER, theme TEXT);
CREATE INDEX doc_themes_rowid ON doc_themes (rowid, theme);
CREATE INDEX docs_published ON docs (visibility, published_at);
CREATE INDEX docs_writeup ON docs (writeup_id);
"""
COMMENT_ROWIDS = 100_000_000  # comments' rowids: this plus the comment id (write-ups: their id)


def build_fts(app, path: Path) -> tuple[int, float]:
    """The documents of the Whoosh index, from the same rows, in an FTS5 database."""
    from pvd_network.search import documents

    path.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.executescript(FTS_SCHEMA)
    count = 0
    with app.app_context():
        ids = list(documents.all_writeup_ids())
        for start in range(0, len(ids), 500):
            rows = documents.load_writeups(ids[start : start + 500])
            docs = [documents.writeup_document(row) for row in rows.values()]
            connection.executemany(
                "INSERT INTO fts (rowid, title, summary, body, places, themes_text, author) "
                "VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        d["writeup_id"],
                        d["title"],
                        d["summary"],
                        d["body"],
                        d["places"],
                        d["themes_text"],
                        d["author"],
                    )
                    for d in docs
                ],
            )
            connection.executemany(
                "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        d["writeup_id"],
                        d["writeup_id"],
                        d["visibility"],
                        d["region"],
                        d["department"],
                        d["stage"],
                        d["year"],
                        d["published_at"].isoformat(),
                    )
                    for d in docs
                ],
            )
            connection.executemany(
                "INSERT INTO doc_themes VALUES (?, ?)",
                [(d["writeup_id"], slug) for d in docs for slug in d["theme_set"].split(",") if slug],
            )
            count += len(docs)
            db.session.expunge_all()
        comment_ids = list(documents.all_comment_ids())
        facets = {
            writeup_id: row
            for writeup_id, *row in connection.execute(
                "SELECT writeup_id, visibility, region, department, stage, year, published_at FROM docs"
            )
        }
        for start in range(0, len(comment_ids), 2000):
            rows = documents.load_comments(comment_ids[start : start + 2000]).values()
            rows = [row for row in rows if row.writeup_id in facets]
            connection.executemany(
                "INSERT INTO fts (rowid, title, summary, body, places, themes_text, author) "
                "VALUES (?,'','',?,'','',?)",
                [
                    (COMMENT_ROWIDS + c.id, c.body, c.author.display_name if c.author else "")
                    for c in rows
                ],
            )
            connection.executemany(
                "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)",
                [(COMMENT_ROWIDS + c.id, c.writeup_id, *facets[c.writeup_id]) for c in rows],
            )
            count += len(rows)
            db.session.expunge_all()
    connection.commit()
    connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    connection.commit()
    connection.close()
    return count, time.perf_counter() - started


def fts_match(query: str) -> str | None:
    """The FTS5 MATCH expression of a query in the search box's syntax (no stemming there)."""
    parts: list[str] = []
    excluded: list[str] = []
    for token in re.findall(r'"[^"]*"|\S+', query):
        if token in ("OU", "OR"):
            parts.append("OR")
        elif token.startswith("-") and len(token) > 1:
            excluded.append('"' + token[1:].replace('"', "") + '"')
        elif token.endswith("*"):
            parts.append('"' + token[:-1] + '"*')
        elif token.startswith('"'):
            parts.append(token)
        else:
            parts.append('"' + token.replace('"', "") + '"')
    if not parts:
        return None
    expression = " ".join(parts)
    return f"({expression})" + "".join(f" NOT {word}" for word in excluded)


def fts_search(connection: sqlite3.Connection, query: str, filters: dict[str, str]) -> dict:
    """Top hits (bm25, snippet), total and facet counts, public write-ups only (anonymous API)."""
    conditions, arguments = ["d.visibility = 'public'"], []
    for name in ("region", "department", "stage"):
        if name in filters:
            conditions.append(f"d.{name} = ?")
            arguments.append(filters[name])
    if "year" in filters:
        conditions.append("d.year = ?")
        arguments.append(int(filters["year"]))
    if "theme" in filters:
        conditions.append("d.rowid IN (SELECT rowid FROM doc_themes WHERE theme = ?)")
        arguments.append(filters["theme"])
    where = " AND ".join(conditions)
    match = fts_match(query)
    connection.execute("DROP TABLE IF EXISTS temp.hits")
    if match is None:
        connection.execute(
            "CREATE TEMP TABLE hits AS SELECT d.rowid FROM docs d "
            f"WHERE d.rowid < {COMMENT_ROWIDS} AND {where}",
            arguments,
        )
        top = connection.execute(
            "SELECT d.writeup_id, NULL, substr(f.summary, 1, 240) "
            f"FROM docs d JOIN fts f ON f.rowid = d.rowid "
            f"WHERE d.rowid < {COMMENT_ROWIDS} AND {where} ORDER BY d.published_at DESC LIMIT {PER_PAGE}",
            arguments,
        ).fetchall()
    else:
        # CROSS JOIN keeps the full-text index as the outer loop (SQLite's planner would
        # otherwise scan docs and probe the full-text table row by row).
        # Write-ups matching themselves or through a comment (which carries their facets), once each.
        connection.execute(
            "CREATE TEMP TABLE hits AS SELECT DISTINCT d.writeup_id AS rowid "
            f"FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND {where}",
            [match, *arguments],
        )
        weights = ", ".join(str(w) for w in WEIGHTS)
        # bm25() cannot sit in an aggregate: rank the matches, then keep each write-up's best.
        top = connection.execute(
            "WITH ranked AS MATERIALIZED ("
            f"SELECT d.writeup_id, bm25(fts, {weights}) AS score, "
            "snippet(fts, -1, '<mark>', '</mark>', ' … ', 24) AS snip "
            "FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid "
            f"WHERE fts MATCH ? AND {where}) "
            f"SELECT writeup_id, min(score) AS best, snip FROM ranked GROUP BY writeup_id "
            f"ORDER BY best LIMIT {PER_PAGE}",
            [match, *arguments],
        ).fetchall()
    total = connection.execute("SELECT count(*) FROM hits").fetchone()[0]
    facets = {
        name: dict(
            connection.execute(
                f"SELECT d.{name}, count(*) FROM hits h CROSS JOIN docs d ON d.rowid = h.rowid "
                f"GROUP BY d.{name}"
            ).fetchall()
        )
        for name in ("region", "department", "stage", "year")
    }
    facets["theme"] = dict(
        connection.execute(
            "SELECT t.theme, count(*) FROM hits h CROSS JOIN doc_themes t ON t.rowid = h.rowid "
            "GROUP BY t.theme"
        ).fetchall()
    )
    return {"total": total, "results": top, "facets": facets}


def time_fts(path: Path, rounds: int, per_query: dict) -> tuple[list[float], dict[str, int]]:
    connection = sqlite3.connect(path)
    totals = {}
    for query, filters in QUERIES:  # warm-up (page cache), and the totals for the record
        totals[query + json.dumps(filters)] = fts_search(connection, query, filters)["total"]
    latencies = []
    for _round in range(rounds):
        for query, filters in QUERIES:
            started = time.perf_counter()
            fts_search(connection, query, filters)
            latencies.append(time.perf_counter() - started)
            per_query.setdefault(query + " " + urlencode(filters), []).append(latencies[-1])
    connection.close()
    return latencies, totals


# --- 3. The API through gunicorn ---------------------------------------------------------------


def api_path(query: str, filters: dict[str, str]) -> str:
    return "/api/v1/search?" + urlencode({"q": query, **filters, "per_page": PER_PAGE}, quote_via=quote)


def wait_for_api(port: int) -> None:
    status, body = get(port, api_path("vélo", {}))
    if status != 200:
        raise SystemExit(f"/api/v1/search answers {status}: {body[:300]!r}")


def one_client(port: int, rounds: int, per_query: dict | None = None) -> Stats:
    stats = Stats("1 client")
    started = time.perf_counter()
    for _round in range(rounds):
        for query, filters in QUERIES:
            began = time.perf_counter()
            status, _body = get(port, api_path(query, filters))
            stats.latencies.append(time.perf_counter() - began)
            if per_query is not None:
                per_query.setdefault(query + " " + urlencode(filters), []).append(stats.latencies[-1])
            stats.statuses[status] = stats.statuses.get(status, 0) + 1
            stats.errors += status != 200
    stats.seconds = time.perf_counter() - started
    return stats


def api_totals(port: int) -> dict[str, int]:
    totals = {}
    for query, filters in QUERIES:
        status, body = get(port, api_path(query, filters))
        totals[query + json.dumps(filters)] = json.loads(body)["total"] if status == 200 else -1
    return totals


def worker_rss_mb(master: int) -> list[float]:
    """VmRSS of each gunicorn worker (children of the master process), in MB."""
    sizes = []
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
        sizes.append(kilobytes / 1024)
    return sizes


# --- 4. Publish → searchable -------------------------------------------------------------------


def publish_latencies(app, port: int, count: int) -> list[float]:
    """Publish through the services (the end of the application context drains the log, as
    at the end of a request), then poll the API until the new write-up is found."""
    from sqlalchemy import select

    from pvd_network.auth.models import User
    from pvd_network.writeups import services
    from pvd_network.writeups.models import PUBLISHED, Writeup

    latencies, created = [], []
    rng = random.Random(count)
    for _n in range(count):
        # A word found nowhere else, and far from the other probes' words: typo correction
        # must not answer with an earlier probe.
        word = "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(5))
        with app.app_context():
            author = db.session.scalar(select(User).where(User.email.like("%@corpus.example.fr")).limit(1))
            writeup = services.create_writeup(
                author,
                {
                    "title": f"Mesure de publication {word}",
                    "summary": "Une publication du banc d'essai de la recherche.",
                    "commune_insee": author.commune_insee,
                    "themes": ["numerique"],
                    "context": "Contexte.",
                    "actions": "Actions.",
                },
                status=PUBLISHED,
            )
            db.session.commit()
            started = time.perf_counter()
            created.append(writeup.id)
        # The context has ended: its teardown drained the change log into the index.
        deadline = started + 10
        while time.perf_counter() < deadline:
            status, body = get(port, api_path(word, {}))
            if status == 200 and [r["id"] for r in json.loads(body)["results"]] == [created[-1]]:
                break
            time.sleep(0.005)
        latencies.append(time.perf_counter() - started)
    with app.app_context():  # leave the corpus as it was
        for writeup_id in created:
            services.archive(db.session.get(Writeup, writeup_id), by=None)
        db.session.commit()
    return latencies


# --- Main ----------------------------------------------------------------------------------------


def row(name: str, stats: Stats) -> str:
    return (
        f"| {name} | {stats.requests} | {stats.errors} | {stats.percentile(50):.1f} "
        f"| {stats.percentile(95):.1f} | {stats.percentile(99):.1f} | {stats.requests / stats.seconds:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writeups", type=int, default=20000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument("--instance", type=Path, help="Instance folder to build or reuse.")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="Passes over the queries at one client.")
    parser.add_argument("--requests", type=int, default=800, help="Requests at most, concurrent clients.")
    parser.add_argument("--seconds", type=float, default=120, help="Seconds at most, concurrent clients.")
    parser.add_argument("--publications", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-rebuild", action="store_true", help="Reuse the index of an earlier run.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        instance = (args.instance or Path(tmp)).resolve()
        instance.mkdir(parents=True, exist_ok=True)
        report = ensure_corpus(instance, args.database_url, args.writeups, args.members, args.seed,
                               args.comments)
        print(f"Corpus ready: {report.writeups} write-ups ({report.seconds:.1f} s).", file=sys.stderr)
        app = make_app(instance, args.database_url)
        env = server_env(instance, args.database_url)
        env["PVD_RATELIMIT_ENABLED"] = "false"  # one client address sends everything here
        if args.no_rebuild:  # iterating on the query side: keep the index built by an earlier run
            documents, seconds = 0, float("nan")
        else:
            documents, seconds = rebuild(env)
        fts_count, fts_seconds = build_fts(app, instance / "fts5.sqlite3")
        fts_per_query: dict[str, list[float]] = {}
        api_per_query: dict[str, list[float]] = {}
        fts_latencies, fts_totals = time_fts(instance / "fts5.sqlite3", args.rounds, fts_per_query)

        results: list[tuple[str, Stats]] = []
        memory: list[float] = []
        totals: dict[str, int] = {}
        publish: list[float] = []
        for cache in ("off", "on"):
            env["PVD_SEARCH_RESULT_CACHE_SIZE"] = "0" if cache == "off" else "256"
            port = free_port()
            server = start_server(env, port, instance / "gunicorn.log", args.workers)
            try:
                wait_for_api(port)
                totals = api_totals(port)  # also opens each worker's searcher
                stats = one_client(port, args.rounds, api_per_query if cache == "off" else None)
                results.append((f"API, 1 client, result cache {cache}", stats))
                paths = [api_path(q, f) for q, f in QUERIES]
                stats = load(port, "", paths, args.clients, args.requests, args.seconds)
                results.append((f"API, {args.clients} clients, result cache {cache}", stats))
                if cache == "off":
                    memory = worker_rss_mb(server.pid)
                    publish = publish_latencies(app, port, args.publications)
            finally:
                stop_server(server)

    backend = (args.database_url or "sqlite").split(":", 1)[0]
    print(
        f"\nCorpus: {report.writeups} write-ups and {report.comments} comments ({backend}), "
        f"{fts_count} documents in each engine; {len(QUERIES)} queries."
    )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} (2 cores).\n")
    print("| setting | requests | errors | p50 ms | p95 ms | p99 ms | req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    fts = Stats("fts5", latencies=fts_latencies, seconds=sum(fts_latencies))
    print(row("SQLite FTS5, in process (baseline)", fts))
    for name, stats in results:
        print(row(name, stats))
    print("\n| measure | value | target |")
    print("|---|---:|---:|")
    rate = documents / seconds
    print(
        f"| full rebuild (`flask search rebuild`) | {documents} docs in {seconds:.1f} s = {rate:.0f} docs/s "
        f"| ≥ {TARGET_RATE} docs/s |"
    )
    print(f"| FTS5 load (same documents) | {fts_count} docs in {fts_seconds:.1f} s | — |")
    print(
        f"| publish → searchable ({len(publish)} publications) | p50 {percentile(publish, 50):.0f} ms, "
        f"p95 {percentile(publish, 95):.0f} ms | p95 ≤ {TARGET_PUBLISH_P95_S * 1000:.0f} ms |"
    )
    print(
        f"| resident memory per worker (VmRSS) | {', '.join(f'{m:.0f} MB' for m in memory)} "
        f"| ≤ {TARGET_RSS_MB} MB |"
    )

    one, many = results[0][1], results[1][1]
    verdicts = {
        "API p95 at 1 client ≤ FTS5 p95": one.percentile(95) <= fts.percentile(95),
        "8 clients: no error": many.errors == 0,
        f"8 clients: p95 ≤ {TARGET_CONCURRENCY_FACTOR}× 1-client p95": many.percentile(95)
        <= TARGET_CONCURRENCY_FACTOR * one.percentile(95),
        "rebuild ≥ 400 docs/s": rate >= TARGET_RATE,
        "publish → searchable p95 ≤ 1 s": percentile(publish, 95) <= TARGET_PUBLISH_P95_S * 1000,
        "memory ≤ 300 MB per worker": bool(memory) and max(memory) <= TARGET_RSS_MB,
    }
    print("\nSlowest queries (median of the rounds, ms; API with the result cache off):\n")
    print("| query | API | FTS5 |")
    print("|---|---:|---:|")
    slowest = sorted(api_per_query, key=lambda q: -statistics.median(api_per_query[q]))[:10]
    for name in slowest:
        api_ms = statistics.median(api_per_query[name]) * 1000
        fts_ms = statistics.median(fts_per_query.get(name, [float("nan")])) * 1000
        print(f"| `{name.strip()}` | {api_ms:.0f} | {fts_ms:.1f} |")
    print("\nTargets (result cache off):")
    for name, met in verdicts.items():
        print(f"- {name}: {'met' if met else 'NOT met'}")
    differing = [key for key in totals if key in fts_totals and totals[key] != fts_totals[key]]
    print(
        f"\nTotals differ from FTS5 on {len(differing)} of {len(QUERIES)} queries "
        "(stemming, synonyms and typo correction are Whoosh's; FTS5 matches tokens as typed)."
    )


if __name__ == "__main__":
    main()
