"""Discussion services: comments, replies and mentions, their moderation, "utile" reactions.

Flush, never commit. Every create/edit/delete/hide/unhide of a comment records a row of the
search change log in the same transaction; signals (discussions/signals.py) go out after the
change. Counters on write-ups and comments are recounted from the rows, never incremented.
"""
from __future__ import annotations

import re

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from pvd_network.core.changes import DELETE, UPSERT, record_change
from pvd_network.core.database import utcnow
from pvd_network.core.markup import render_markdown
from pvd_network.discussions import signals
from pvd_network.discussions.mentions import link_mentions
from pvd_network.discussions.models import COMMENT_ENTITY, Comment, Reaction
from pvd_network.extensions import db
from pvd_network.writeups.models import PUBLISHED, Writeup
from pvd_network.writeups.services import ENTITY as WRITEUP_ENTITY

MAX_LENGTH = 10_000


class CommentRefused(ValueError):
    """Why a comment cannot be posted or changed, in French; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def deleted_target_message() -> str:
    """Why a deleted comment cannot be answered (also said by the views)."""
    return _("Ce commentaire a été supprimé par son auteur : vous ne pouvez plus y répondre.")


def hidden_target_message() -> str:
    """Why a hidden comment cannot be answered."""
    return _("Ce commentaire est masqué par la modération : vous ne pouvez pas y répondre.")


# --- Rules --------------------------------------------------------------------------------


def closed_reason(writeup: Writeup) -> str | None:
    """Why nobody may comment on ``writeup`` now (None when the discussion is open)."""
    if writeup.status != PUBLISHED:
        return _("Les commentaires ne sont ouverts que sur les retours d'expérience publiés.")
    if writeup.hidden_at is not None:
        return _("Ce retour d'expérience est masqué par la modération : les commentaires sont fermés.")
    if writeup.discussion_locked_at is not None:
        return _("La discussion sur ce retour d'expérience est fermée par la modération.")
    return None


def discussion_open(writeup: Writeup) -> bool:
    """Published, not hidden, not locked."""
    return closed_reason(writeup) is None


def normalise(body: str | None) -> str:
    """The text as stored: Unix line breaks, no NUL, no surrounding blank lines."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip("\n")


def check_body(body: str | None) -> str:
    """The normalised body, or CommentRefused when it is empty or too long."""
    body = normalise(body)
    if not body.strip():
        raise CommentRefused(_("Écrivez votre commentaire avant de l'envoyer."))
    if len(body) > MAX_LENGTH:
        raise CommentRefused(
            _("Votre commentaire compte %(count)s caractères : %(max)s au plus. Raccourcissez-le.",
              count=format_decimal(len(body)), max=format_decimal(MAX_LENGTH))
        )
    return body


def _require_open(writeup: Writeup) -> None:
    reason = closed_reason(writeup)
    if reason is not None:
        raise CommentRefused(reason, status=403)


def _answerable(comment: Comment, writeup: Writeup) -> None:
    if comment.writeup_id != writeup.id:
        raise CommentRefused(_("Ce commentaire n'appartient pas à cette discussion."), status=400)
    if comment.is_deleted:
        raise CommentRefused(deleted_target_message())
    if comment.is_hidden:
        raise CommentRefused(hidden_target_message())


# --- Comments -----------------------------------------------------------------------------


def _lock(model, row_id: int) -> None:
    """Lock a row until the commit (PostgreSQL), so counts taken afterwards see every committed
    change; SQLite serialises writers anyway."""
    db.session.execute(select(model.id).where(model.id == row_id).with_for_update())


def _render(comment: Comment, writeup: Writeup, parent: Comment | None) -> list:
    """Store the sanitised HTML with mention links; return the members mentioned (not the author)."""
    prefer = [writeup.author_id, parent.author_id if parent is not None else None]
    rendered = link_mentions(render_markdown(comment.body), prefer=[p for p in prefer if p])
    comment.body_html = rendered.html
    mentioned = [user for user in rendered.mentioned if user.id != comment.author_id]
    comment.mentioned = mentioned
    return mentioned


def post_comment(writeup: Writeup, author, body: str, parent: Comment | None = None,
                 quoted: Comment | None = None) -> Comment:
    """A new comment; replying to a reply attaches to its top-level comment and quotes the reply."""
    _require_open(writeup)
    body = check_body(body)
    replied_to = parent
    if parent is not None:
        _answerable(parent, writeup)
        if parent.parent_id is not None:  # threads are one level deep
            quoted = quoted or parent
            parent = parent.parent
    if quoted is not None:
        _answerable(quoted, writeup)
    _lock(Writeup, writeup.id)
    comment = Comment(
        writeup_id=writeup.id, author_id=author.id, parent_id=parent.id if parent else None,
        quoted_id=quoted.id if quoted else None, body=body,
    )
    mentioned = _render(comment, writeup, parent)
    db.session.add(comment)
    db.session.flush()
    record_change(COMMENT_ENTITY, comment.id, UPSERT)
    recount(writeup)
    signals.comment_posted.send(comment, mentioned=mentioned, replied_to=replied_to)
    return comment


def edit_comment(comment: Comment, editor, body: str) -> Comment:
    """Change the text; marks the comment "modifié" and signals only newly mentioned members."""
    if comment.is_deleted:
        raise CommentRefused(_("Ce commentaire a été supprimé : il ne peut plus être modifié."), status=404)
    if getattr(editor, "id", None) != comment.author_id:
        raise CommentRefused(_("Seul l'auteur d'un commentaire peut le modifier."), status=403)
    _require_open(comment.writeup)
    body = check_body(body)
    if body == comment.body:
        return comment
    before = {user.id for user in comment.mentioned}
    comment.body = body
    mentioned = _render(comment, comment.writeup, comment.parent)
    comment.edited_at = utcnow()
    db.session.flush()
    record_change(COMMENT_ENTITY, comment.id, UPSERT)
    signals.comment_edited.send(comment, mentioned=[user for user in mentioned if user.id not in before])
    return comment


def delete_comment(comment: Comment, by) -> Comment:
    """Soft deletion: the text goes, a "Commentaire supprimé" placeholder keeps replies readable."""
    if comment.is_deleted:
        return comment
    _lock(Writeup, comment.writeup_id)
    comment.deleted_at = utcnow()
    comment.body = comment.body_html = ""
    comment.mentioned = []
    db.session.flush()
    record_change(COMMENT_ENTITY, comment.id, DELETE)
    recount(comment.writeup)
    signals.comment_deleted.send(comment, by=by)
    return comment


def hide_comment(comment: Comment, by, reason: str) -> Comment:
    """Moderation: shown to nobody but its author and moderators (already hidden: unchanged)."""
    if comment.is_hidden:
        return comment
    _lock(Writeup, comment.writeup_id)
    comment.hidden_at = utcnow()
    comment.hidden_by_id = getattr(by, "id", None)
    comment.hidden_reason = reason or ""
    db.session.flush()
    record_change(COMMENT_ENTITY, comment.id, DELETE)
    recount(comment.writeup)
    return comment


def unhide_comment(comment: Comment, by) -> Comment:
    """Moderation: show a hidden comment again (not hidden: unchanged)."""
    if not comment.is_hidden:
        return comment
    _lock(Writeup, comment.writeup_id)
    comment.hidden_at = None
    comment.hidden_by_id = None
    comment.hidden_reason = ""
    db.session.flush()
    record_change(COMMENT_ENTITY, comment.id, DELETE if comment.is_deleted else UPSERT)
    recount(comment.writeup)
    return comment


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def quote_markdown(comment: Comment) -> str:
    """"> **Prénom Nom** a écrit :" and the comment's text as a Markdown quote ("Citer")."""
    author = comment.author
    name = author.display_name if author is not None else _("Ancien membre")
    lines = ["> " + _("**%(name)s** a écrit :", name=_MARKDOWN_PUNCTUATION.sub(r"\\\1", name)), ">"]
    lines += [f"> {line}" if line.strip() else ">" for line in comment.body.split("\n")]
    return "\n".join(lines) + "\n\n"


def _visible(statement):
    return statement.where(Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))


def visible_comments(writeup: Writeup) -> list[Comment]:
    """The comments everyone who sees ``writeup`` sees (not deleted, not hidden), oldest first."""
    statement = _visible(select(Comment).where(Comment.writeup_id == writeup.id))
    return list(db.session.scalars(statement.order_by(Comment.created_at, Comment.id)))


def _store_count(model, row, column: str, value: int) -> None:
    # A Core UPDATE: a counter is not a change of the row's content (updated_at stays).
    statement = (
        update(model).where(model.id == row.id)
        .values({column: value, "updated_at": model.updated_at})
        .execution_options(synchronize_session=False)
    )
    db.session.execute(statement)
    set_committed_value(row, column, value)


def recount(writeup: Writeup) -> int:
    """Set ``writeup.comment_count`` to its number of visible comments."""
    total = db.session.scalar(
        _visible(select(func.count(Comment.id)).where(Comment.writeup_id == writeup.id))
    ) or 0
    _store_count(Writeup, writeup, "comment_count", total)
    return total


# --- "Utile" reactions -----------------------------------------------------------------------


def _target(writeup: Writeup | None, comment: Comment | None):
    if (writeup is None) == (comment is None):
        raise ValueError("react to a write-up or to a comment")
    return (Writeup, writeup, Reaction.writeup_id) if writeup is not None else (Comment, comment,
                                                                                  Reaction.comment_id)


def _recount_useful(model, row, column) -> int:
    total = db.session.scalar(select(func.count(Reaction.id)).where(column == row.id)) or 0
    _store_count(model, row, "useful_count", total)
    return total


def _insert_once(values: dict) -> bool:
    """INSERT the reaction unless the member already has it; True when a row was added."""
    dialect = db.session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = __import__(f"sqlalchemy.dialects.{dialect}", fromlist=["insert"])
        # RETURNING tells whether a row went in (rowcount is not reliable with it on PostgreSQL).
        statement = (
            module.insert(Reaction.__table__).values(values).on_conflict_do_nothing()
            .returning(Reaction.__table__.c.id)
        )
        return db.session.execute(statement).first() is not None
    try:  # other databases: the unique constraints decide, inside a savepoint
        with db.session.begin_nested():
            db.session.execute(insert(Reaction.__table__).values(values))
        return True
    except IntegrityError:
        return False


def _useful_changed(row, changed: bool) -> None:
    # Listings show a write-up's "utile" count and sort on it, and the anonymous page cache
    # (core/page_cache.py) follows the change log: log the write-up (its updated_at stays,
    # it says when the content changed).
    if changed and isinstance(row, Writeup):
        record_change(WRITEUP_ENTITY, row.id, UPSERT)


def add_reaction(user, writeup: Writeup | None = None, comment: Comment | None = None) -> bool:
    """Mark a write-up or a comment "utile"; False (nothing counted twice) when already marked."""
    model, row, column = _target(writeup, comment)
    _lock(model, row.id)
    added = _insert_once({"user_id": user.id, column.key: row.id, "created_at": utcnow()})
    _recount_useful(model, row, column)
    _useful_changed(row, added)
    if added:
        signals.reaction_added.send(row, user=user)
    return added


def remove_reaction(user, writeup: Writeup | None = None, comment: Comment | None = None) -> bool:
    """Take a "utile" back; False when there was none."""
    model, row, column = _target(writeup, comment)
    _lock(model, row.id)
    result = db.session.execute(
        Reaction.__table__.delete().where(Reaction.user_id == user.id, column == row.id)
    )
    _recount_useful(model, row, column)
    _useful_changed(row, result.rowcount > 0)
    return result.rowcount > 0


def has_reacted(user, writeup: Writeup | None = None, comment: Comment | None = None) -> bool:
    """True when ``user`` marked the item "utile"."""
    _model, row, column = _target(writeup, comment)
    statement = select(Reaction.id).where(Reaction.user_id == user.id, column == row.id)
    return db.session.scalar(statement) is not None
