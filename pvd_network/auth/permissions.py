"""Who may do what: named predicates, defined once, used by view decorators and templates.

Each predicate takes the current user (possibly anonymous) first, then the object.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from pvd_network.auth.models import (
    ROLE_ADMIN,
    ROLE_MEMBER,
    ROLE_MODERATOR,
    STATUS_ACTIVE,
    STATUS_DELETED,
    User,
)
from pvd_network.extensions import login_manager


def is_member(user) -> bool:
    """Signed in with an active account (any role)."""
    return bool(user is not None and user.is_authenticated and getattr(user, "status", None) == STATUS_ACTIVE)


def is_admin(user) -> bool:
    return is_member(user) and user.role == ROLE_ADMIN


def is_moderator(user) -> bool:
    """Moderator (whatever their scope) or admin."""
    return is_member(user) and user.role in (ROLE_MODERATOR, ROLE_ADMIN)


def moderated_region_codes(user) -> set[str] | None:
    """The régions a moderator is limited to; None means everywhere (admins, unscoped moderators)."""
    if not is_moderator(user) or user.role == ROLE_ADMIN or not user.moderated_regions:
        return None
    return {region.code for region in user.moderated_regions}


def can_moderate_region(user, region_code: str | None) -> bool:
    """A moderator whose scope includes ``region_code`` (unscoped moderators and admins: all)."""
    if not is_moderator(user):
        return False
    scope = moderated_region_codes(user)
    return scope is None or (region_code is not None and region_code in scope)


def can_view_directory(user) -> bool:
    return is_member(user)


def can_view_profile(user, profile: User) -> bool:
    """Members see active members; staff also see the others; everyone sees themselves."""
    if not is_member(user) or profile.status == STATUS_DELETED:
        return False
    return profile.status == STATUS_ACTIVE or user.id == profile.id or is_moderator(user)


def can_edit_profile(user, profile: User) -> bool:
    return is_member(user) and user.id == profile.id


def can_review_registrations(user) -> bool:
    """May see the list of accounts waiting for validation."""
    return is_moderator(user)


def can_review_account(user, account: User) -> bool:
    """May approve or refuse this waiting account (moderators within their régions)."""
    region = account.commune.region_code if account.commune else None
    return can_review_registrations(user) and can_moderate_region(user, region)


def can_manage_members(user) -> bool:
    """May see the admin list of members, with addresses, roles and statuses."""
    return is_admin(user)


def can_change_role(user, account: User) -> bool:
    """Admins change others' roles (never their own: there must always be an admin left)."""
    return is_admin(user) and account.id != user.id and account.status != STATUS_DELETED


def can_suspend(user, account: User) -> bool:
    return is_admin(user) and account.id != user.id and account.status != STATUS_DELETED


# --- Write-ups ----------------------------------------------------------------------------
# Write-ups are duck-typed (author_id, status, hidden_at, visibility, region_code): auth sits
# below writeups and must not import it, so the status names of writeups/models.py are repeated.
_WRITEUP_PUBLISHED = "published"
_WRITEUP_PUBLIC = "public"
_WRITEUP_EDITABLE = ("draft", "submitted", "changes_requested", "published")
_WRITEUP_SUBMITTABLE = ("draft", "changes_requested")
_WRITEUP_ARCHIVABLE = ("draft", "published", "changes_requested", "rejected")


def is_writeup_author(user, writeup) -> bool:
    """The signed-in member who wrote ``writeup``."""
    return is_member(user) and writeup.author_id is not None and writeup.author_id == user.id


def can_create_writeup(user) -> bool:
    return is_member(user)


def can_edit_writeup(user, writeup) -> bool:
    """Only the author edits, while the write-up is a draft, under review or published."""
    return is_writeup_author(user, writeup) and writeup.status in _WRITEUP_EDITABLE


def can_submit_writeup(user, writeup) -> bool:
    """The author sends a draft (or a write-up sent back for changes) to the moderators."""
    return is_writeup_author(user, writeup) and writeup.status in _WRITEUP_SUBMITTABLE


def can_moderate_writeup(user, writeup) -> bool:
    """Moderators whose scope includes the write-up's région (admins, unscoped moderators: all)."""
    return can_moderate_region(user, writeup.region_code)


def can_view_writeup(user, writeup) -> bool:
    """Published and not hidden: public ones for everyone, members-only ones for members.
    Anything else only for its author and its moderators."""
    if writeup.status == _WRITEUP_PUBLISHED and writeup.hidden_at is None:
        return writeup.visibility == _WRITEUP_PUBLIC or is_member(user)
    return is_writeup_author(user, writeup) or can_moderate_writeup(user, writeup)


def can_archive_writeup(user, writeup) -> bool:
    """The author (or a moderator) withdraws a write-up that is not under review."""
    if writeup.status not in _WRITEUP_ARCHIVABLE:
        return False
    return is_writeup_author(user, writeup) or can_moderate_writeup(user, writeup)


# --- Themes -------------------------------------------------------------------------------


def can_manage_themes(user) -> bool:
    """Admins add, rename, archive and unarchive themes."""
    return is_admin(user)


# --- Search vocabulary ------------------------------------------------------------------


def can_manage_vocabulary(user) -> bool:
    """Admins edit the synonym and acronym groups search uses (/admin/vocabulaire)."""
    return is_admin(user)


# --- Moderation (queue, reports, sanctions, audit log, dashboard) -------------------------
# Comments are duck-typed too (author_id, writeup.region_code): discussions sit above auth.


def can_access_moderation(user) -> bool:
    """The moderation queue, audit log and dashboard: moderators (within their régions) and admins."""
    return is_moderator(user)


def can_moderate_comment(user, comment) -> bool:
    """Moderators whose scope includes the région of the comment's write-up."""
    return can_moderate_region(user, comment.writeup.region_code)


def member_region_code(member: User) -> str | None:
    """The région of a member's commune (None without one)."""
    return member.commune.region_code if member.commune else None


def can_moderate_member(user, member: User) -> bool:
    """Warn, suspend, reactivate or trust ``member``: moderators for members of their régions, admins
    for anyone else (never oneself, never a deleted account; moderators never sanction staff)."""
    if not is_moderator(user) or member.id == user.id or member.status == STATUS_DELETED:
        return False
    if member.role != ROLE_MEMBER and not is_admin(user):
        return False
    return can_moderate_region(user, member_region_code(member))


def can_report(user, item) -> bool:
    """Members report write-ups and comments of others (one report each: see moderation.reports)."""
    return is_member(user) and getattr(item, "author_id", None) != user.id


# --- Discussions (comments, replies, mentions, "utile") -----------------------------------
# Comments are duck-typed (author_id, deleted_at, writeup): discussions sit above auth.


def can_comment(user, writeup) -> bool:
    """Active members, on a published write-up they see that is neither hidden nor locked."""
    return (
        is_member(user)
        and writeup.status == _WRITEUP_PUBLISHED
        and writeup.hidden_at is None
        and getattr(writeup, "discussion_locked_at", None) is None
        and can_view_writeup(user, writeup)
    )


def is_comment_author(user, comment) -> bool:
    """The signed-in member who wrote ``comment``."""
    return is_member(user) and comment.author_id is not None and comment.author_id == user.id


def can_edit_comment(user, comment) -> bool:
    """Its author, while the comment is not deleted and the discussion is open."""
    return (
        is_comment_author(user, comment) and comment.deleted_at is None and can_comment(user, comment.writeup)
    )


def can_delete_comment(user, comment) -> bool:
    """Its author, even once the discussion is locked (it is their text)."""
    return is_comment_author(user, comment) and comment.deleted_at is None


def can_react(user, item) -> bool:
    """Members mark others' write-ups and comments "utile" (never their own)."""
    return is_member(user) and getattr(item, "author_id", None) != user.id


def can_suggest_members(user) -> bool:
    """Member names offered while typing "@" in a comment: members only."""
    return is_member(user)


# --- Follows and notifications -----------------------------------------------------------


def can_follow(user) -> bool:
    """Members follow write-ups, themes and régions, and list what they follow."""
    return is_member(user)


def can_follow_writeup(user, writeup) -> bool:
    """A published, visible write-up (its comments are what a follower hears about)."""
    return is_member(user) and writeup.status == _WRITEUP_PUBLISHED and writeup.hidden_at is None


def can_read_notifications(user) -> bool:
    """Members have a notification list, a bell and email preferences."""
    return is_member(user)


def can_read_notification(user, notification) -> bool:
    """Only the member it is for opens or marks a notification."""
    return is_member(user) and notification.user_id == user.id


# --- Decorators ---------------------------------------------------------------------------


def permission_required(predicate: Callable[..., bool]):
    """Anonymous visitors go to the sign-in page; signed-in users without permission get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


member_required = permission_required(is_member)

# Exposed to every template, so pages ask the same questions as views.
JINJA_PREDICATES = {
    name: globals()[name]
    for name in (
        "is_member",
        "is_admin",
        "is_moderator",
        "can_moderate_region",
        "can_view_directory",
        "can_view_profile",
        "can_edit_profile",
        "can_review_registrations",
        "can_review_account",
        "can_manage_members",
        "can_change_role",
        "can_suspend",
        "is_writeup_author",
        "can_create_writeup",
        "can_edit_writeup",
        "can_submit_writeup",
        "can_moderate_writeup",
        "can_view_writeup",
        "can_archive_writeup",
        "can_manage_themes",
        "can_manage_vocabulary",
        "can_follow",
        "can_follow_writeup",
        "can_read_notifications",
        "can_read_notification",
        "can_access_moderation",
        "can_moderate_comment",
        "can_moderate_member",
        "can_report",
        "can_comment",
        "is_comment_author",
        "can_edit_comment",
        "can_delete_comment",
        "can_react",
        "can_suggest_members",
    )
}
