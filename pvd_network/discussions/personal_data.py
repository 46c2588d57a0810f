"""RGPD: a member's comments and "utile" in "Mes données".

Comments stay when an account is erased, signed "Ancien membre" like published write-ups:
the answers of others would not make sense without them. A member removes a comment of
theirs at any time (a "Commentaire supprimé" placeholder keeps the replies readable).
"""
from __future__ import annotations

from sqlalchemy import select

from pvd_network.auth import signals as account_signals
from pvd_network.core.database import as_utc
from pvd_network.discussions.models import Comment, Reaction
from pvd_network.extensions import db

SECTION = "comments"


def _iso(value) -> str | None:
    value = as_utc(value)
    return value.isoformat() if value else None


def export_comments(user, **_kwargs) -> tuple[str, dict]:
    """The member's comments (Markdown as written) and the items they found "utile"."""
    comments = db.session.scalars(
        select(Comment).where(Comment.author_id == user.id).order_by(Comment.created_at, Comment.id)
    )
    reactions = db.session.scalars(
        select(Reaction).where(Reaction.user_id == user.id).order_by(Reaction.created_at, Reaction.id)
    )
    return SECTION, {
        "comments": [
            {
                "id": comment.id,
                "writeup_id": comment.writeup_id,
                "in_reply_to": comment.parent_id,
                "quoting": comment.quoted_id,
                "body": comment.body,
                "created_at": _iso(comment.created_at),
                "edited_at": _iso(comment.edited_at),
                "deleted_at": _iso(comment.deleted_at),
                "hidden_by_moderation": comment.hidden_at is not None,
            }
            for comment in comments
        ],
        "useful": [
            {"writeup_id": reaction.writeup_id, "comment_id": reaction.comment_id,
             "created_at": _iso(reaction.created_at)}
            for reaction in reactions
        ],
    }


def connect() -> None:
    """Subscribe to the account signals (idempotent)."""
    account_signals.personal_data_requested.connect(export_comments)
