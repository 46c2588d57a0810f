"""Reading a discussion as one viewer sees it: pages of top-level comments with their replies,
in a constant number of queries whatever the number of comments.

Who sees what: visible comments for everyone who sees the write-up; hidden ones also for
their author and the write-up's moderators; a deleted or hidden top-level comment stays as
a placeholder while it has replies the viewer sees, and is left out otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Integer, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, lazyload, selectinload

from pvd_network.auth.models import User
from pvd_network.auth.permissions import can_comment, can_moderate_writeup, is_member
from pvd_network.core.pagination import Page, paginate
from pvd_network.discussions.models import Comment, Reaction
from pvd_network.extensions import db
from pvd_network.geo.models import Commune
from pvd_network.writeups.models import Writeup

PER_PAGE = 50

# Authors with the name of their commune: a comment shows neither its département and région
# (joined with every commune otherwise) nor the moderators' régions.
_AUTHOR_OPTIONS = (
    lazyload(User.moderated_regions),
    joinedload(User.commune).options(lazyload(Commune.department), lazyload(Commune.region)),
)
LOAD_OPTIONS = (
    joinedload(Comment.author).options(*_AUTHOR_OPTIONS),
    selectinload(Comment.quoted).options(joinedload(Comment.author).options(*_AUTHOR_OPTIONS)),
    lazyload(Comment.parent),
)


# The statements below are built once per kind of viewer and take these values when run
# (building a select with its options costs more than running it).
WRITEUP_ID = bindparam("writeup_id", type_=Integer)
VIEWER_ID = bindparam("viewer_id", type_=Integer)


@dataclass(frozen=True)
class Viewer:
    """Who reads: their id (None for visitors) and whether they moderate this write-up.

    Its SQL conditions use :data:`VIEWER_ID`: run them with :attr:`params`.
    """

    user_id: int | None
    moderator: bool

    @classmethod
    def of(cls, user, writeup: Writeup) -> Viewer:
        member = is_member(user)
        return cls(user.id if member else None, member and can_moderate_writeup(user, writeup))

    @property
    def kind(self) -> tuple[bool, bool]:
        """What the SQL conditions depend on: signed in, moderating."""
        return self.user_id is not None, self.moderator

    @property
    def params(self) -> dict:
        return {"viewer_id": self.user_id}

    def sees_hidden(self, comment: Comment) -> bool:
        """A hidden comment is shown in full to its author and to moderators."""
        return self.moderator or (self.user_id is not None and comment.author_id == self.user_id)

    def shown(self, table=Comment):
        """SQL: a comment shown in full (or, hidden, to those allowed) — deleted ones never."""
        condition = and_(table.deleted_at.is_(None), table.hidden_at.is_(None))
        if self.moderator:
            return table.deleted_at.is_(None)
        if self.user_id is not None:
            return or_(condition, and_(table.deleted_at.is_(None), table.author_id == VIEWER_ID))
        return condition

    def listed(self):
        """SQL: a top-level comment on the page (shown, or a placeholder with shown replies)."""
        reply = aliased(Comment)
        return and_(
            Comment.parent_id.is_(None),
            or_(self.shown(), exists().where(reply.parent_id == Comment.id, self.shown(reply))),
        )


@dataclass
class Thread:
    """One page of a discussion, ready for the template."""

    writeup: Writeup
    viewer: Viewer
    page: Page
    replies: dict[int, list[Comment]] = field(default_factory=dict)
    reacted: set[int] = field(default_factory=set)  # comment ids the viewer found "utile"
    writeup_reacted: bool = False
    can_post: bool = False  # the viewer may comment and reply (asked once, not per comment)

    def sees_hidden(self, comment: Comment) -> bool:
        return self.viewer.sees_hidden(comment)


@cache
def _statements(kind: tuple[bool, bool]):
    """The top-level comments of write-up ``writeup_id`` and the replies to comments ``ids``, as
    a viewer of this kind sees them."""
    signed_in, moderator = kind
    viewer = Viewer(user_id=0 if signed_in else None, moderator=moderator)  # the id is VIEWER_ID's
    top_level = (
        select(Comment)
        .where(Comment.writeup_id == WRITEUP_ID, viewer.listed())
        .order_by(Comment.created_at, Comment.id)
        .options(*LOAD_OPTIONS)
    )
    replies = (
        select(Comment)
        .where(Comment.parent_id.in_(bindparam("ids", expanding=True)), viewer.shown())
        .order_by(Comment.created_at, Comment.id)
        .options(*LOAD_OPTIONS)
    )
    return top_level, replies


@cache
def _whole_discussion():
    """Every comment of write-up ``writeup_id`` a visitor may see, and the top-level ones that
    may stand as placeholders above them."""
    visitor = Viewer(user_id=None, moderator=False)
    return (
        select(Comment)
        .where(Comment.writeup_id == WRITEUP_ID, or_(visitor.shown(), Comment.parent_id.is_(None)))
        .order_by(Comment.created_at, Comment.id)
        .options(*LOAD_OPTIONS)
    )


def _visitor_thread(writeup: Writeup, viewer: Viewer, can_post: bool) -> Thread:
    """The first page of a short discussion, for a visitor, in one query.

    ``comment_count`` counts the comments shown to everyone, and every top-level comment a
    visitor sees is one of them or stands above one: at most that many top-level comments.
    Placeholders are kept as :meth:`Viewer.listed` keeps them: with at least one shown reply.
    """
    comments = list(db.session.scalars(_whole_discussion(), {"writeup_id": writeup.id}))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in comments if comment.parent_id is None
           and ((comment.deleted_at is None and comment.hidden_at is None) or comment.id in replies)]
    page = Page(items=top, number=1, per_page=PER_PAGE, total=len(top))
    return Thread(writeup=writeup, viewer=viewer, page=page, can_post=can_post,
                  replies={comment.id: replies[comment.id] for comment in top if comment.id in replies})


def thread(writeup: Writeup, user, page_number: int = 1) -> Thread:
    """The page ``page_number`` of the discussion under ``writeup``, as ``user`` sees it."""
    viewer = Viewer.of(user, writeup)
    if viewer.user_id is None and writeup.comment_count <= PER_PAGE:
        # comment_count counts the comments shown to everyone: none, so nothing to read for a
        # visitor (placeholders only stand above shown replies); a few, all on one page.
        if writeup.comment_count == 0:
            empty = Page(items=[], number=1, per_page=PER_PAGE, total=0)
            return Thread(writeup=writeup, viewer=viewer, page=empty, can_post=can_comment(user, writeup))
        return _visitor_thread(writeup, viewer, can_comment(user, writeup))
    top_level, replies = _statements(viewer.kind)
    page = paginate(top_level, page_number, PER_PAGE, params={"writeup_id": writeup.id, **viewer.params})
    result = Thread(writeup=writeup, viewer=viewer, page=page, can_post=can_comment(user, writeup))
    ids = [comment.id for comment in page.items]
    if ids:
        for reply in db.session.scalars(replies, {"ids": ids, **viewer.params}):
            result.replies.setdefault(reply.parent_id, []).append(reply)
    if viewer.user_id is not None:
        every_id = ids + [reply.id for replies in result.replies.values() for reply in replies]
        statement = select(Reaction.writeup_id, Reaction.comment_id).where(
            Reaction.user_id == viewer.user_id,
            or_(Reaction.writeup_id == writeup.id, Reaction.comment_id.in_(every_id)),
        )
        for writeup_id, comment_id in db.session.execute(statement):
            if writeup_id is not None:
                result.writeup_reacted = True
            else:
                result.reacted.add(comment_id)
    return result


def page_of(comment: Comment, user) -> int | None:
    """The page of the discussion where ``comment`` is shown to ``user`` (None: not shown)."""
    writeup = comment.writeup
    viewer = Viewer.of(user, writeup)
    top = comment.parent if comment.parent_id is not None else comment
    listed = select(Comment.id).where(Comment.id == top.id, viewer.listed())
    if db.session.scalar(listed, viewer.params) is None:
        return None
    hidden_reply = comment is not top and comment.deleted_at is None and comment.hidden_at is not None
    if hidden_reply and not viewer.sees_hidden(comment):
        return None
    before = select(func.count(Comment.id)).where(
        Comment.writeup_id == writeup.id,
        viewer.listed(),
        or_(Comment.created_at < top.created_at,
            and_(Comment.created_at == top.created_at, Comment.id < top.id)),
    )
    return (db.session.scalar(before, viewer.params) or 0) // PER_PAGE + 1
