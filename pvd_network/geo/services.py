"""Loading the Etalab reference geography and querying it."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import case, delete, func, insert, select, update

from pvd_network.config import PROJECT_ROOT
from pvd_network.core.text import fold
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Department, PostalCode, Region

DEFAULT_DATA_DIR = PROJECT_ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
AUTOCOMPLETE_LIMIT = 10
POSTAL_CODE = re.compile(r"^\d{2,5}$")
CHUNK = 2000


@dataclass
class ImportReport:
    """What `flask geo import` changed."""

    regions: int = 0
    departments: int = 0
    communes_added: int = 0
    communes_updated: int = 0
    communes_removed: int = 0
    communes_total: int = 0


def data_dir() -> Path:
    """Folder holding regions.json, departements.json and communes.json."""
    configured = current_app.config.get("GEO_DATA_DIR")
    return Path(configured) if configured else DEFAULT_DATA_DIR


def read_reference(directory: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Read the three Etalab files and map them to our columns (current communes only)."""
    def load(name: str) -> list[dict]:
        with open(directory / name, encoding="utf-8") as fh:
            return json.load(fh)

    regions = [
        {"code": r["code"], "name": r["nom"], "zone": r.get("zone", "metro")} for r in load("regions.json")
    ]
    region_codes = {r["code"] for r in regions}
    departments = [
        {"code": d["code"], "name": d["nom"], "region_code": d["region"]}
        for d in load("departements.json")
        if d.get("region") in region_codes
    ]
    department_codes = {d["code"] for d in departments}
    communes = [
        {
            "insee": c["code"],
            "name": c["nom"],
            "search_name": fold(c["nom"]),
            "department_code": c["departement"],
            "region_code": c["region"],
            "population": c.get("population"),
            "postal_codes": " ".join(sorted(set(c.get("codesPostaux", [])))),
        }
        for c in load("communes.json")
        if c.get("type") == "commune-actuelle"
        and c.get("departement") in department_codes
        and c.get("region") in region_codes
    ]
    return regions, departments, communes


def _upsert_small(model, rows: list[dict], key: str) -> int:
    """Insert or update a short reference table (régions, départements)."""
    existing = {getattr(obj, key): obj for obj in db.session.scalars(select(model))}
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            db.session.add(model(**row))
        else:
            for column, value in row.items():
                setattr(obj, column, value)
    db.session.flush()
    return len(rows)


def import_reference(
    directory: Path | None = None, progress: Callable[[Iterable], Iterable] | None = None
) -> ImportReport:
    """Load or update régions, départements and communes idempotently (flushes, never commits)."""
    regions, departments, communes = read_reference(directory or data_dir())
    report = ImportReport(communes_total=len(communes))
    report.regions = _upsert_small(Region, regions, "code")
    report.departments = _upsert_small(Department, departments, "code")

    columns = ("name", "search_name", "department_code", "region_code", "population", "postal_codes")
    existing = {
        row.insee: tuple(getattr(row, c) for c in columns)
        for row in db.session.execute(select(Commune.insee, *(getattr(Commune, c) for c in columns)))
    }
    to_insert, to_update = [], []
    for row in communes:
        current = existing.pop(row["insee"], None)
        if current is None:
            to_insert.append(row)
        elif current != tuple(row[c] for c in columns):
            to_update.append(row)
    chunks = [("insert", to_insert[i : i + CHUNK]) for i in range(0, len(to_insert), CHUNK)]
    chunks += [("update", to_update[i : i + CHUNK]) for i in range(0, len(to_update), CHUNK)]
    for kind, chunk in progress(chunks) if progress else chunks:
        if kind == "insert":
            db.session.execute(insert(Commune), chunk)
        else:
            db.session.execute(update(Commune), chunk)
    report.communes_added, report.communes_updated = len(to_insert), len(to_update)

    changed = [row["insee"] for row in to_insert + to_update]
    for i in range(0, len(changed), CHUNK):
        db.session.execute(delete(PostalCode).where(PostalCode.commune_insee.in_(changed[i : i + CHUNK])))
    pairs = [
        {"code": code, "commune_insee": row["insee"]}
        for row in to_insert + to_update
        for code in row["postal_codes"].split()
    ]
    for i in range(0, len(pairs), CHUNK):
        db.session.execute(insert(PostalCode), pairs[i : i + CHUNK])

    # Communes that no longer exist (merged into a "commune nouvelle") are removed.
    obsolete = list(existing)
    for i in range(0, len(obsolete), CHUNK):
        db.session.execute(delete(Commune).where(Commune.insee.in_(obsolete[i : i + CHUNK])))
    report.communes_removed = len(obsolete)
    db.session.flush()
    return report


class InvalidQuery(ValueError):
    """An autocompletion query that cannot be answered."""


def search_communes(query: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Commune]:
    """Communes whose name starts with ``query`` (accents and case ignored) or whose postal code does."""
    query = (query or "").strip()
    max_length = current_app.config["AUTOCOMPLETE_MAX_QUERY"]
    if len(query) > max_length:
        raise InvalidQuery(_("La recherche ne doit pas dépasser %(n)d caractères.", n=max_length))
    if POSTAL_CODE.match(query):
        statement = (
            select(Commune)
            .join(PostalCode, PostalCode.commune_insee == Commune.insee)
            .where(PostalCode.code.startswith(query))
            .distinct()
            .order_by(Commune.population.desc().nulls_last(), Commune.name)
        )
        return list(db.session.scalars(statement.limit(limit)).unique())
    folded = fold(query)
    if not folded:
        raise InvalidQuery(_("Saisissez au moins une lettre du nom de la commune ou un code postal."))
    exact_first = case((Commune.search_name == folded, 0), else_=1)
    statement = (
        select(Commune)
        .where(Commune.search_name.startswith(folded, autoescape=True))
        .order_by(exact_first, Commune.population.desc().nulls_last(), Commune.name)
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def get_commune(insee: str) -> Commune | None:
    """The commune with this INSEE code, or None."""
    return db.session.get(Commune, insee)


def reference_counts() -> dict[str, int]:
    """How many régions, départements and communes the reference holds."""
    return {
        "regions": db.session.scalar(select(func.count()).select_from(Region)) or 0,
        "departments": db.session.scalar(select(func.count()).select_from(Department)) or 0,
        "communes": db.session.scalar(select(func.count()).select_from(Commune)) or 0,
    }


class CommuneNotFound(ValueError):
    """Text that designates no commune, or several: the message says which, in French."""


INSEE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)
# "Commercy (55122)": what the autocompletion puts in the field.
LABEL_WITH_INSEE = re.compile(r"\((\d{5}|2[AB]\d{3})\)\s*$", re.IGNORECASE)


def commune_label(commune: Commune) -> str:
    """How a chosen commune is written back into a form field: "Commercy (55122)"."""
    return f"{commune.name} ({commune.insee})"


def resolve_commune(text: str) -> Commune:
    """The one commune meant by ``text``: an INSEE code, "Name (INSEE)", a name or a postal code.

    Works without JavaScript: a name or postal code is accepted when it designates
    exactly one commune; otherwise :class:`CommuneNotFound` says what to do.
    """
    text = (text or "").strip()
    if not text:
        raise CommuneNotFound(_("Indiquez votre commune."))
    labelled = LABEL_WITH_INSEE.search(text)
    if labelled:
        commune = get_commune(labelled.group(1).upper())
        if commune is None:
            raise CommuneNotFound(
                _("Aucune commune ne porte le code Insee %(code)s.", code=labelled.group(1))
            )
        return commune
    by_code = get_commune(text.upper()) if INSEE_CODE.match(text) else None
    if by_code is not None and not POSTAL_CODE.match(text):
        return by_code  # Corsican codes (2A004) cannot be postal codes
    try:
        candidates = search_communes(text, limit=AUTOCOMPLETE_LIMIT)
    except InvalidQuery as error:
        raise CommuneNotFound(str(error)) from error
    if POSTAL_CODE.match(text):
        matching = [c for c in candidates if text in c.postal_code_list]
    else:
        matching = [c for c in candidates if c.search_name == fold(text)]
    if by_code is not None and all(c.insee != by_code.insee for c in matching):
        matching.append(by_code)  # "55122" is the INSEE code of Commercy (and no postal code)
    if len(matching) == 1:
        return matching[0]
    if not matching:
        raise CommuneNotFound(
            _(
                "Aucune commune ne correspond à « %(text)s » : vérifiez l'orthographe "
                "ou saisissez le code postal.",
                text=text[:60],
            )
        )
    raise CommuneNotFound(
        _(
            "Plusieurs communes correspondent à « %(text)s » : choisissez-la dans la liste "
            "ou saisissez son code Insee.",
            text=text[:60],
        )
    )
