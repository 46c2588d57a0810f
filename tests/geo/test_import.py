"""`flask geo import` loads the Etalab reference geography idempotently."""
from __future__ import annotations

import json
import shutil

from sqlalchemy import func, select

from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Department, PostalCode, Region
from pvd_network.geo.services import DEFAULT_DATA_DIR, import_reference
from tests.conftest import GEO_FIXTURES


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_command_loads_the_fixture_and_is_idempotent(app, runner):
    result = runner.invoke(args=["geo", "import"])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 0 removed" in result.output
    with app.app_context():
        commercy = db.session.get(Commune, "55122")
        assert commercy.name == "Commercy"
        assert commercy.department.name == "Meuse"
        assert commercy.region.name == "Grand Est"
        assert commercy.population == 5350
        assert commercy.postal_code_list == ["55200"]
        assert count(Region) == 26
        assert count(Department) == 109


def test_import_updates_changed_and_removes_vanished_communes(app, tmp_path):
    data = tmp_path / "geo"
    shutil.copytree(GEO_FIXTURES, data)
    communes = json.loads((data / "communes.json").read_text())
    for commune in communes:
        if commune["code"] == "55122":
            commune["population"] = 5400
            commune["codesPostaux"] = ["55200", "55201"]
    removed = next(c for c in communes if c["code"] != "55122")
    communes.remove(removed)
    (data / "communes.json").write_text(json.dumps(communes))
    with app.app_context():
        before = count(Commune)
        report = import_reference(data)
        db.session.commit()
        assert (report.communes_added, report.communes_updated, report.communes_removed) == (0, 1, 1)
        assert count(Commune) == before - 1
        assert db.session.get(Commune, removed["code"]) is None
        assert db.session.get(Commune, "55122").population == 5400
        codes = db.session.scalars(select(PostalCode.code).where(PostalCode.commune_insee == "55122")).all()
        assert sorted(codes) == ["55200", "55201"]


def test_only_current_communes_are_kept(app):
    with app.app_context():
        source = json.loads((GEO_FIXTURES / "communes.json").read_text())
        current = [c for c in source if c["type"] == "commune-actuelle"]
        assert count(Commune) == len(current)


def test_full_dataset_import_is_idempotent(app):
    """The real Etalab file (about 35,000 communes), twice: the second run changes nothing.

    Its duration is measured by benchmarks/geo_import.py, not here.
    """
    with app.app_context():
        report = import_reference(DEFAULT_DATA_DIR)
        db.session.commit()
        assert report.communes_total > 34_000
        assert count(Commune) == report.communes_total
        assert db.session.get(Commune, "55122").population == 5350
        again = import_reference(DEFAULT_DATA_DIR)
        assert (again.communes_added, again.communes_updated, again.communes_removed) == (0, 0, 0)
