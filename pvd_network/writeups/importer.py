"""Reading and checking write-up imports: JSON Lines, the contract of shared/IMPORT_FORMAT.md.

Import runs in three steps so that nothing is written when a line is wrong:
:func:`parse` (here) checks every line — JSON, keys, types, constraints, then the commune,
theme, author and external_id references against the database, in bulk; then
:func:`pvd_network.writeups.exchange.plan` says for each valid line whether it creates,
updates or leaves a write-up unchanged, and :class:`~pvd_network.writeups.exchange.Writer`
writes through the write-up services. Nothing here writes to the database.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.geo.models import Commune
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import PUBLIC, STAGES, VISIBILITIES

REQUIRED = ("title", "summary", "commune_insee", "themes", "context", "actions")
OPTIONAL = (
    "results", "lessons", "budget_eur", "funders", "partners", "stage", "year",
    "author_email", "published_at", "visibility", "external_id",
)
KEYS = REQUIRED + OPTIONAL  # also the key order of exported lines
# Content keys given to the write-up services; absent optional ones take these values,
# so that a re-imported line makes the write-up match the file.
CONTENT_DEFAULTS = {
    "results": "", "lessons": "", "budget_eur": None, "funders": [], "partners": [],
    "stage": None, "year": None, "visibility": PUBLIC,
}
CONTENT_KEYS = ("title", "summary", "commune_insee", "themes", "context", "actions", *CONTENT_DEFAULTS)
TITLE_LENGTH = (5, 200)
SUMMARY_LENGTH = 600
EXTERNAL_ID_LENGTH = 200
MAX_THEMES = 3
MAX_BUDGET = 2_147_483_647  # a 32-bit INTEGER column on PostgreSQL
YEARS = (1900, 2100)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HTML_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
CHUNK = 500


@dataclass(frozen=True)
class LineError:
    """One problem of one line (``key`` is None when it concerns the whole line)."""

    line: int
    key: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.key}" if self.key else "")
        return f"{where}: {self.message}"


@dataclass
class Record:
    """A valid line: ``content`` holds every content key (defaults filled in)."""

    line: int
    content: dict
    author_email: str | None = None
    published_at: date | None = None
    external_id: str | None = None


@dataclass
class Parsed:
    """The outcome of :func:`parse`: valid records and the errors of the other lines."""

    records: list[Record] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    lines: int = 0  # non-blank lines read

    @property
    def invalid_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


# --- Reading and checking ------------------------------------------------------------------


def read_lines(path: Path) -> Iterator[tuple[int, str | None, LineError | None]]:
    """(line number, text, error) for each non-blank line; bytes are decoded line by line
    so that a non-UTF-8 byte is reported with its line."""
    raw = Path(path).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, as some editors write
        raw = raw[3:]
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        chunk = chunk.rstrip(b"\r")
        if not chunk.strip():
            continue
        try:
            yield number, chunk.decode("utf-8"), None
        except UnicodeDecodeError as error:
            message = f"not UTF-8 (byte 0x{chunk[error.start]:02x} at column {error.start + 1})"
            yield number, None, LineError(number, None, message)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"key {key!r} appears twice")
        obj[key] = value
    return obj


def decode_line(number: int, text: str) -> tuple[dict | None, LineError | None]:
    """The JSON object of a line, or an error."""
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return None, LineError(number, None, f"malformed JSON: {error}")
    if not isinstance(value, dict):
        return None, LineError(number, None, f"expected a JSON object, got {_json_type(value)}")
    return value, None


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(obj: dict, key: str, errors: list[str], *, required: bool) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        errors.append(f"must be a string, got {_json_type(value)}")
        return ""
    if required and not value.strip():
        errors.append("must not be empty")
    return value


def _string_list(value, errors: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.append("must be a list of strings")
        return []
    return [item.strip() for item in value if item.strip()]


def check_object(number: int, obj: dict) -> tuple[Record | None, list[LineError]]:
    """Check keys, types and constraints that need no database; references come later."""
    problems: list[LineError] = []

    def fail(key: str | None, message: str) -> None:
        problems.append(LineError(number, key, message))

    for key in obj:
        if key not in KEYS:
            fail(key, "unknown key (see IMPORT_FORMAT.md for the accepted keys)")
    for key in REQUIRED:
        if key not in obj:
            fail(key, "missing (required)")

    content: dict = {}
    for key in ("title", "summary", "context", "actions", "results", "lessons"):
        if key not in obj:
            continue
        errors: list[str] = []
        content[key] = _text(obj, key, errors, required=key in REQUIRED)
        for message in errors:
            fail(key, message)
    content.setdefault("results", "")
    content.setdefault("lessons", "")
    title = content.get("title", "").strip()
    if "title" in content and title and not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        fail("title", f"must be {TITLE_LENGTH[0]} to {TITLE_LENGTH[1]} characters long (got {len(title)})")
    content["title"] = title
    summary = content.get("summary", "").strip()
    if len(summary) > SUMMARY_LENGTH:
        fail("summary", f"must be at most {SUMMARY_LENGTH} characters long (got {len(summary)})")
    if HTML_TAG.search(summary):
        fail("summary", "must be plain text (no HTML tags)")
    content["summary"] = summary

    insee = obj.get("commune_insee")
    if "commune_insee" in obj and not (isinstance(insee, str) and insee.strip()):
        fail("commune_insee", f"must be an INSEE code as a string, e.g. \"55122\" (got {_json_type(insee)})")
    content["commune_insee"] = insee.strip() if isinstance(insee, str) else ""

    themes = obj.get("themes")
    if "themes" in obj:
        if not isinstance(themes, list) or not all(isinstance(slug, str) for slug in themes):
            fail("themes", "must be a list of theme slugs")
            themes = []
        elif not 1 <= len(themes) <= MAX_THEMES:
            fail("themes", f"must hold 1 to {MAX_THEMES} theme slugs (got {len(themes)})")
        elif len(set(themes)) != len(themes):
            fail("themes", "lists a theme twice")
    content["themes"] = list(themes or [])

    for key in ("funders", "partners"):
        errors = []
        content[key] = _string_list(obj.get(key), errors)
        for message in errors:
            fail(key, message)

    budget = obj.get("budget_eur")
    if budget is not None and not (_is_int(budget) and 0 <= budget <= MAX_BUDGET):
        fail("budget_eur", f"must be a whole number of euros between 0 and {MAX_BUDGET} (got {budget!r})")
    content["budget_eur"] = budget if _is_int(budget) else None

    stage = obj.get("stage")
    if stage is not None and stage not in STAGES:
        fail("stage", f"must be one of {', '.join(STAGES)} (got {stage!r})")
    content["stage"] = stage if stage in STAGES else None

    year = obj.get("year")
    if year is not None and not (_is_int(year) and YEARS[0] <= year <= YEARS[1]):
        fail("year", f"must be a year as a whole number between {YEARS[0]} and {YEARS[1]} (got {year!r})")
    content["year"] = year if _is_int(year) else None

    visibility = obj.get("visibility")
    if visibility is not None and visibility not in VISIBILITIES:
        fail("visibility", f"must be one of {', '.join(VISIBILITIES)} (got {visibility!r})")
    content["visibility"] = visibility if visibility in VISIBILITIES else PUBLIC

    email = obj.get("author_email")
    if email is not None and not (isinstance(email, str) and "@" in email):
        fail("author_email", f"must be an email address (got {email!r})")

    published_at = None
    raw_date = obj.get("published_at")
    if raw_date is not None:
        try:
            if not (isinstance(raw_date, str) and ISO_DATE.match(raw_date)):
                raise ValueError
            published_at = date.fromisoformat(raw_date)
        except ValueError:
            fail("published_at", f"must be a date as \"YYYY-MM-DD\" (got {raw_date!r})")

    external_id = obj.get("external_id")
    if external_id is not None and not (
        isinstance(external_id, str) and external_id.strip() and len(external_id) <= EXTERNAL_ID_LENGTH
    ):
        fail("external_id", f"must be a non-empty string of at most {EXTERNAL_ID_LENGTH} characters")

    if problems:
        return None, problems
    record = Record(
        line=number,
        content=content,
        author_email=email.strip().lower() if email else None,
        published_at=published_at,
        external_id=external_id,
    )
    return record, []


def in_chunks(values: Iterable[str], query: Callable[[list[str]], Iterable]) -> list:
    values = sorted(set(values))
    found: list = []
    for i in range(0, len(values), CHUNK):
        found.extend(query(values[i : i + CHUNK]))
    return found


def check_references(records: list[Record]) -> list[LineError]:
    """Communes, themes and authors must exist; an external_id may appear on one line only."""
    communes = set(in_chunks(
        (r.content["commune_insee"] for r in records),
        lambda chunk: db.session.scalars(select(Commune.insee).where(Commune.insee.in_(chunk))),
    ))
    themes = set(db.session.scalars(select(Theme.slug)))
    authors = set(in_chunks(
        (r.author_email for r in records if r.author_email),
        lambda chunk: db.session.scalars(select(User.email).where(User.email.in_(chunk))),
    ))
    errors: list[LineError] = []
    first_line: dict[str, int] = {}
    for record in records:
        if record.content["commune_insee"] not in communes:
            errors.append(LineError(record.line, "commune_insee",
                                    f"no commune with the INSEE code {record.content['commune_insee']!r}"))
        unknown = [slug for slug in record.content["themes"] if slug not in themes]
        if unknown:
            errors.append(LineError(record.line, "themes", f"unknown theme slug(s): {', '.join(unknown)}"))
        if record.author_email and record.author_email not in authors:
            errors.append(LineError(record.line, "author_email",
                                    f"no member with the address {record.author_email}"))
        if record.external_id is not None:
            if record.external_id in first_line:
                errors.append(LineError(record.line, "external_id",
                                        f"already used on line {first_line[record.external_id]}"))
            else:
                first_line[record.external_id] = record.line
    return errors


def parse(path: Path) -> Parsed:
    """Read and check every line of ``path``; nothing is written."""
    parsed = Parsed()
    for number, text, error in read_lines(path):
        parsed.lines += 1
        if error is None:
            obj, error = decode_line(number, text)
        if error is not None:
            parsed.errors.append(error)
            continue
        record, problems = check_object(number, obj)
        if problems:
            parsed.errors.extend(problems)
        else:
            parsed.records.append(record)
    reference_errors = check_references(parsed.records)
    if reference_errors:
        bad = {error.line for error in reference_errors}
        parsed.records = [r for r in parsed.records if r.line not in bad]
        parsed.errors.extend(reference_errors)
    parsed.errors.sort(key=lambda e: e.line)
    return parsed
