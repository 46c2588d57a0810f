"""Pagination of SQLAlchemy selects, tolerant of malformed page numbers."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select

from pvd_network.extensions import db

MAX_PAGE = 10_000


def parse_page(raw: str | None, default: int = 1) -> int:
    """A page number from the query string; anything malformed gives ``default``."""
    try:
        number = int(raw or default)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), MAX_PAGE)


@dataclass
class Page:
    """One page of results with what the pagination macro needs."""

    items: list[Any]
    number: int
    per_page: int
    total: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to show: first, last and ``around`` each side; None marks a gap."""
        wanted = {1, self.pages, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.pages)
        shown: list[int | None] = []
        for n in numbers:
            if shown and n - shown[-1] > 1:  # type: ignore[operator]
                shown.append(None)
            shown.append(n)
        return shown


def paginate(statement: Select, page: int, per_page: int, scalars: bool = True,
             params: dict | None = None) -> Page:
    """Run ``statement`` (with the values of its bound ``params``) for one page, plus a count query
    unless the page itself tells the total.

    A page that comes back neither empty nor full is the last one: the total is known without
    counting (most discussions and short listings). Otherwise the count also brings a page number
    past the end back to the last page.
    """
    items = _page_items(statement, page, per_page, scalars, params)
    if items and len(items) < per_page:
        return Page(items=items, number=page, per_page=per_page, total=(page - 1) * per_page + len(items))
    if not items and page == 1:
        return Page(items=[], number=1, per_page=per_page, total=0)
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    total = db.session.scalar(counted, params) or 0
    number = min(page, max(1, math.ceil(total / per_page)))
    if number != page:
        items = _page_items(statement, number, per_page, scalars, params)
    return Page(items=items, number=number, per_page=per_page, total=total)


def _page_items(statement: Select, number: int, per_page: int, scalars: bool,
                params: dict | None) -> list[Any]:
    result = db.session.execute(statement.limit(per_page).offset((number - 1) * per_page), params)
    return list(result.scalars() if scalars else result)
