"""Benchmark: the write-up page and the filtered listing under load, on a 20,000 write-up corpus.

Usage: .venv/bin/python benchmarks/pages.py [--writeups 20000] [--instance DIR] [--database-url URL]
       [--clients 8] [--requests 3000] [--seconds 60] [--only TEXT]
Builds (or reuses, with --instance) the corpus of benchmarks/corpus.py, brings the search index
up to date as `make run` does, starts the real server (gunicorn, 2 workers) on a free port of
127.0.0.1, warms up, then sends anonymous GET requests from concurrent client threads (one
connection per request, as gunicorn's sync workers close them): random public write-ups at
/retours/<id>-<slug>, the write-ups with 200 comments, and /retours?theme=…&region=…&page=…
over real filter combinations; then the "similar write-ups" fragment the write-up page's
script loads after it (other write-ups than the page run's, so never already known).
Prints a table per page: requests, errors, p50/p95/p99 latency, requests per second and the
machine's load average when the page's run ended (other work on the machine skews results).
Target (issue 4): p95 ≤ 50 ms for each page.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import BUSY_COMMENTS, PREFIX, busy_writeups, ensure_corpus, make_app  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from pvd_network.extensions import db  # noqa: E402
from pvd_network.themes.models import Theme  # noqa: E402
from pvd_network.writeups.models import PUBLIC, PUBLISHED, Writeup, writeup_themes  # noqa: E402

LISTING_PER_PAGE = 18  # pvd_network/catalogue/views/listing.py
TARGET_P95_MS = 50
WARMUP_REQUESTS = 100
BIN = Path(sys.executable).parent


@dataclass
class Stats:
    page: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    load_average: float = 0.0  # of the machine (1 min) when the page's run ended: others' work skews it

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile, in milliseconds."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000

    @property
    def requests(self) -> int:
        return len(self.latencies)


# --- What to request ----------------------------------------------------------------------


def writeup_paths(app, rng: random.Random) -> list[str]:
    """Canonical URLs of the public corpus write-ups (members-only ones would be 404 here)."""
    with app.app_context():
        rows = db.session.execute(
            select(Writeup.id, Writeup.slug).where(
                Writeup.external_id.like(f"{PREFIX}%"), Writeup.status == PUBLISHED,
                Writeup.visibility == PUBLIC, Writeup.hidden_at.is_(None),
            )
        ).all()
    rng.shuffle(rows)
    return [f"/retours/{wid}-{slug}" for wid, slug in rows]


def listing_paths(app, rng: random.Random, count: int) -> list[str]:
    """Filtered listing URLs, theme × région weighted by how many write-ups they hold;
    half of them on the first page, the rest on a random later page that exists."""
    with app.app_context():
        combos = db.session.execute(
            select(Theme.slug, Writeup.region_code, func.count())
            .select_from(Writeup)
            .join(writeup_themes, writeup_themes.c.writeup_id == Writeup.id)
            .join(Theme, Theme.id == writeup_themes.c.theme_id)
            .where(Writeup.status == PUBLISHED, Writeup.visibility == PUBLIC, Writeup.hidden_at.is_(None))
            .group_by(Theme.slug, Writeup.region_code)
        ).all()
    weights = [n for _slug, _region, n in combos]
    paths = []
    for slug, region, n in rng.choices(combos, weights=weights, k=count):
        pages = max(1, math.ceil(n / LISTING_PER_PAGE))
        page = 1 if rng.random() < 0.5 or pages == 1 else rng.randint(2, pages)
        paths.append(f"/retours?theme={slug}&region={region}" + (f"&page={page}" if page > 1 else ""))
    return paths


# --- The server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(instance: Path, database_url: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({"PVD_INSTANCE_PATH": str(instance), "FLASK_APP": "wsgi", "PVD_ENV": "production"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def sync_search(env: dict[str, str]) -> float:
    """`flask search sync`, as `make run` does before serving (skipped if there is no such command)."""
    started = time.perf_counter()
    result = subprocess.run([str(BIN / "flask"), "search", "sync"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0 and "No such command" not in result.stderr:
        print(result.stdout, result.stderr, file=sys.stderr)
        raise SystemExit("flask search sync failed")
    return time.perf_counter() - started


def start_server(env: dict[str, str], port: int, log: Path, workers: int) -> subprocess.Popen:
    command = [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            status, _ = get(port, "/")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- The clients --------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(port: int, page: str, paths: list[str], clients: int, max_requests: int,
         max_seconds: float) -> Stats:
    """``clients`` threads request ``paths`` in turn until ``max_requests`` or ``max_seconds``."""
    stats = Stats(page)
    lock = threading.Lock()
    source = itertools.islice(itertools.cycle(paths), max_requests)
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                path = next(source, None)
            if path is None:
                return
            started = time.perf_counter()
            try:
                status, _body = get(port, path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                stats.latencies.append(elapsed)
                stats.statuses[status] = stats.statuses.get(status, 0) + 1
                if status not in (200, 204):  # 204: the similar block has nothing to show
                    stats.errors += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats.seconds = time.perf_counter() - started
    stats.load_average = os.getloadavg()[0]
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writeups", type=int, default=20000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument("--instance", type=Path, help="Instance folder to build or reuse.")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=3000, help="Requests per page at most.")
    parser.add_argument("--seconds", type=float, default=60, help="Seconds per page at most.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="Run only the pages whose name contains this text.")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        instance = (args.instance or Path(tmp)).resolve()
        instance.mkdir(parents=True, exist_ok=True)
        report = ensure_corpus(instance, args.database_url, args.writeups, args.members, args.seed,
                               args.comments)
        print(f"Corpus ready: {report.writeups} write-ups, {report.members} members "
              f"({report.seconds:.1f} s).", file=sys.stderr)
        app = make_app(instance, args.database_url)
        writeups = writeup_paths(app, rng)
        with app.app_context():
            busy = [f"/retours/{wid}-{slug}" for wid, slug in busy_writeups()] if args.comments else []
        pages = {
            "write-up page /retours/<id>-<slug>": writeups,
            **({f"write-up page with {BUSY_COMMENTS} comments": busy} if busy else {}),
            "filtered listing /retours?theme=&region=&page=": listing_paths(app, rng, args.requests),
            # Not a page: what the write-up page's script fetches after it (no target of its own).
            "similar block, after the page /retours/<id>/similaires?fragment=1": [
                path.split("-", 1)[0] + "/similaires?fragment=1" for path in reversed(writeups)
            ],
        }
        if args.only:
            pages = {name: paths for name, paths in pages.items() if args.only in name}
        with app.app_context():
            db.engine.dispose()
        env = server_env(instance, args.database_url)
        print(f"Search index synced in {sync_search(env):.1f} s.", file=sys.stderr)
        port = free_port()
        server = start_server(env, port, instance / "gunicorn.log", args.workers)
        try:
            for name, paths in pages.items():
                status, _ = get(port, paths[0])
                if status not in (200, 204):
                    raise SystemExit(f"{name}: {paths[0]} answers {status}: is the page built yet?")
            results = []
            for name, paths in pages.items():
                load(port, name, paths[-WARMUP_REQUESTS:], args.clients, WARMUP_REQUESTS, 30)
                results.append(load(port, name, paths, args.clients, args.requests, args.seconds))
        finally:
            stop_server(server)

    backend = (args.database_url or "sqlite").split(":", 1)[0]
    print(f"| page ({backend}, {args.writeups} write-ups, {args.workers} workers, {args.clients} clients) "
          "| requests | errors | p50 ms | p95 ms | p99 ms | req/s | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for stats in results:
        rate, machine = stats.requests / stats.seconds, stats.load_average
        print(f"| {stats.page} | {stats.requests} | {stats.errors} | {stats.percentile(50):.1f} "
              f"| {stats.percentile(95):.1f} | {stats.percentile(99):.1f} | {rate:.0f} | {machine:.1f} |")
    for stats in results:
        if stats.page.startswith("similar block"):  # loaded after the page: no target of its own
            continue
        verdict = "met" if stats.percentile(95) <= TARGET_P95_MS and not stats.errors else "NOT met"
        print(f"\n{stats.page}: target p95 ≤ {TARGET_P95_MS} ms {verdict}"
              + (f" (statuses {stats.statuses})" if stats.errors else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
