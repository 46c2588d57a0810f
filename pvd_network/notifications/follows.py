"""Follows: a member follows a write-up, a theme or a région. Flush, never commit.

Authors follow their write-ups automatically. There is no "created" signal for write-ups
(a draft is private: nobody can comment on it), so the author starts following when the
write-up is submitted, or when it is published (imports and write-ups published directly);
see :mod:`pvd_network.notifications.receivers`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError

from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications.models import Follow
from pvd_network.themes.models import Theme
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup

WRITEUP, THEME, REGION = "writeup", "theme", "region"


def _target_column(target):
    """(column, value) of the follows table for a write-up, a theme or a région."""
    if isinstance(target, Writeup):
        return Follow.writeup_id, target.id
    if isinstance(target, Theme):
        return Follow.theme_id, target.id
    if isinstance(target, Region):
        return Follow.region_code, target.code
    raise TypeError(f"cannot follow {target!r}")


def is_following(user, target) -> bool:
    """True when ``user`` follows ``target`` (a write-up, a theme or a région)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    column, value = _target_column(target)
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user.id, column == value)) is not None


def follow(user, target) -> bool:
    """``user`` follows ``target``; False when they already did (nothing changes)."""
    if is_following(user, target):
        return False
    column, value = _target_column(target)
    row = Follow(user_id=user.id, **{column.key: value})
    # A savepoint: a double click racing this one hits the unique constraint, not a 500.
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def unfollow(user, target) -> bool:
    """``user`` stops following ``target``; False when they did not follow it."""
    column, value = _target_column(target)
    result = db.session.execute(delete(Follow).where(Follow.user_id == user.id, column == value))
    db.session.flush()
    return bool(result.rowcount)


def follower_ids(writeup=None, theme_ids=(), region_code=None) -> set[int]:
    """Ids of the members following the write-up, any of the themes, or the région."""
    conditions = []
    if writeup is not None:
        conditions.append(Follow.writeup_id == writeup.id)
    if theme_ids:
        conditions.append(Follow.theme_id.in_(list(theme_ids)))
    if region_code is not None:
        conditions.append(Follow.region_code == region_code)
    if not conditions:
        return set()
    return set(db.session.scalars(select(Follow.user_id).where(or_(*conditions))))


@dataclass
class Subscriptions:
    """What a member follows, for "Mes abonnements"."""

    writeups: list[Writeup] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.writeups) + len(self.themes) + len(self.regions)


def subscriptions_of(user) -> Subscriptions:
    """The write-ups (only those the member may still see), themes and régions ``user`` follows."""
    writeups = db.session.scalars(
        writeup_services.visible_writeups(user)
        .join(Follow, Follow.writeup_id == Writeup.id)
        .where(Follow.user_id == user.id)
        .order_by(None)
        .order_by(Follow.created_at.desc(), Follow.id.desc())
    ).unique()
    themes = db.session.scalars(
        select(Theme).join(Follow, Follow.theme_id == Theme.id).where(Follow.user_id == user.id)
        .order_by(Theme.name)
    )
    regions = db.session.scalars(
        select(Region).join(Follow, Follow.region_code == Region.code).where(Follow.user_id == user.id)
        .order_by(Region.name)
    )
    return Subscriptions(writeups=list(writeups), themes=list(themes), regions=list(regions))


def erase(user) -> None:
    """Forget what ``user`` follows (their account is being erased)."""
    db.session.execute(delete(Follow).where(Follow.user_id == user.id))


def export(user) -> dict:
    """What ``user`` follows, for "Mes données"."""
    found = subscriptions_of(user)
    return {
        "retours": [{"id": w.id, "titre": w.title} for w in found.writeups],
        "thematiques": [theme.slug for theme in found.themes],
        "regions": [region.code for region in found.regions],
    }
