"""Run in a separate process by test_consistency: publish N write-ups, draining after each."""

from __future__ import annotations

import sys

from pvd_network import create_app
from pvd_network.extensions import db
from pvd_network.search.indexer import drain
from pvd_network.writeups import services
from pvd_network.writeups.models import PUBLISHED


def main(instance: str, database_url: str, author_id: int, prefix: str, count: int) -> None:
    app = create_app(
        {
            "INSTANCE_PATH": instance,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "TESTING": True,
            "SECRET_KEY": "x",
            "SEARCH_AUTO_DRAIN": False,
        }
    )
    with app.app_context():
        author = db.session.get(__import__("pvd_network.auth.models", fromlist=["User"]).User, author_id)
        for n in range(count):
            services.create_writeup(
                author,
                {
                    "title": f"{prefix} numéro {n}",
                    "commune_insee": "55122",
                    "themes": ["mobilite"],
                    "context": "Contexte.",
                    "actions": "Actions.",
                },
                status=PUBLISHED,
            )
            db.session.commit()
            drain()
        db.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
