"""Benchmark: `flask geo import` of the full Etalab dataset into a fresh database, then again.

Usage: .venv/bin/python benchmarks/geo_import.py [--database-url URL]
Prints a table: first import (everything inserted) and second import (nothing to change).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from pvd_network import create_app  # noqa: E402
from pvd_network.extensions import db  # noqa: E402
from pvd_network.geo.services import import_reference  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"INSTANCE_PATH": Path(tmp), "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        rows = []
        with app.app_context():
            upgrade()
            for label in ("first import (empty tables)", "second import (up to date)"):
                started = time.perf_counter()
                report = import_reference()
                db.session.commit()
                elapsed = time.perf_counter() - started
                rows.append((label, report.communes_total, report.communes_added, elapsed))
            db.engine.dispose()
    backend = url.split(":", 1)[0]
    print(f"| run ({backend}) | communes | added | seconds |")
    print("|---|---:|---:|---:|")
    for label, total, added, elapsed in rows:
        print(f"| {label} | {total} | {added} | {elapsed:.2f} |")


if __name__ == "__main__":
    main()
