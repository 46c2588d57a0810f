"""Pages of write-up cards read as plain rows: what a card shows, without loading entities.

A listing shows eighteen cards. Loaded as write-ups with their author, commune, département,
région and themes, they took about 3 ms of the 11 ms a listing request cost
(benchmarks/RESULTS.md, session 3). Here one select of the shown columns and one of the
themes, with the filters, order and visibility rule of :func:`services.matching`; the cards
answer to the names the card macro reads on a write-up (templates/catalogue/_macros.html).
"""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from pvd_network.auth.models import STATUS_DELETED, User, member_display_name
from pvd_network.catalogue import services
from pvd_network.catalogue.services import Filters
from pvd_network.core.pagination import Page, paginate
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Department
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import STAGES, Writeup, writeup_themes

COLUMNS = (
    Writeup.id, Writeup.slug, Writeup.title, Writeup.summary, Writeup.stage, Writeup.published_at,
    Writeup.comment_count, Writeup.useful_count, Writeup.cover,
    User.first_name, User.last_name, User.status,
    Commune.name.label("commune_name"), Department.code.label("department_code"),
    Department.name.label("department_name"),
)


# What a card reads of its author, commune (with its département) and themes.
CardAuthor = namedtuple("CardAuthor", "display_name is_deleted")
CardDepartment = namedtuple("CardDepartment", "code name")
CardCommune = namedtuple("CardCommune", "name department")
CardTheme = namedtuple("CardTheme", "slug name")


@dataclass
class Card:
    """A write-up as its card shows it."""

    id: int
    slug: str
    title: str
    summary: str
    stage: str | None
    published_at: datetime | None
    comment_count: int
    useful_count: int
    cover: str | None
    author: CardAuthor | None
    commune: CardCommune
    themes: list[CardTheme] = field(default_factory=list)

    @property
    def stage_label(self) -> str:
        return str(STAGES.get(self.stage, "")) if self.stage else ""


def card_page(viewer, filters: Filters, number: int, per_page: int) -> Page:
    """The page ``number`` of the cards of the write-ups ``viewer`` may see that match ``filters``."""
    statement = (
        services.matching(viewer, filters)
        .with_only_columns(*COLUMNS, maintain_column_froms=False)
        .select_from(Writeup)
        .outerjoin(User, User.id == Writeup.author_id)
        .join(Commune, Commune.insee == Writeup.commune_insee)
        .join(Department, Department.code == Commune.department_code)
    )
    page = paginate(statement, number, per_page, scalars=False)
    page.items = [_card(row) for row in page.items]
    _add_themes(page.items)
    return page


def _card(row) -> Card:
    author = None
    if row.status is not None:  # NULL only when the outer join found no author
        author = CardAuthor(member_display_name(row.first_name, row.last_name, row.status),
                            row.status == STATUS_DELETED)
    return Card(
        id=row.id, slug=row.slug, title=row.title, summary=row.summary, stage=row.stage,
        published_at=row.published_at, comment_count=row.comment_count or 0,
        useful_count=row.useful_count or 0, cover=row.cover, author=author,
        commune=CardCommune(row.commune_name, CardDepartment(row.department_code, row.department_name)),
    )


def _add_themes(cards: list[Card]) -> None:
    """Each card's themes, in display order, in one query."""
    if not cards:
        return
    by_id = {card.id: card for card in cards}
    statement = (
        select(writeup_themes.c.writeup_id, Theme.slug, Theme.name)
        .join(Theme, Theme.id == writeup_themes.c.theme_id)
        .where(writeup_themes.c.writeup_id.in_(by_id))
        .order_by(Theme.position)
    )
    for writeup_id, slug, name in db.session.execute(statement):
        by_id[writeup_id].themes.append(CardTheme(slug, name))
